package org.openami.concentrator.prepay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads untrusted JSON configuration (tariff and policy files) into a tree with exact decimals,
 * after checking its size, and turns field values into integers with messages that name the
 * field. Errors are reported through a {@link Failure} so each caller throws its own exception
 * type. Stateless.
 */
final class JsonInput {

    /** Largest configuration file read. */
    static final int MAX_BYTES = 4 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxNumberLength(40).maxStringLength(1 << 16).build());
    }

    /** Builds the exception of the caller for a field (may be null) and a reason. */
    @FunctionalInterface
    interface Failure {
        RuntimeException of(String field, String reason, Throwable cause);
    }

    private JsonInput() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads a file of at most {@link #MAX_BYTES}. */
    static JsonNode read(Path file, Failure fail) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw fail.of(null, "cannot read " + file + ": " + e, e);
        }
        if (size > MAX_BYTES) {
            throw fail.of(null, file + " is " + size + " bytes; at most " + MAX_BYTES + " are read", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in.readNBytes(MAX_BYTES + 1), fail);
        } catch (IOException e) {
            throw fail.of(null, "cannot read " + file + ": " + e, e);
        }
    }

    /** Parses bytes of at most {@link #MAX_BYTES}. */
    static JsonNode parse(byte[] json, Failure fail) {
        if (json.length > MAX_BYTES) {
            throw fail.of(null, "more than " + MAX_BYTES + " bytes of JSON", null);
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw fail.of(null, "empty document", null);
            }
            return node;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    + (j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr()) : e.toString();
            throw fail.of(null, "not valid JSON: " + why, e);
        }
    }

    /** An integer field: a JSON integer, or a string holding one. */
    static long integer(JsonNode node, String field, Failure fail) {
        BigInteger v;
        if (node.isIntegralNumber()) {
            v = node.bigIntegerValue();
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            try {
                v = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw fail.of(field, "an integer is expected, got " + d.toPlainString(), null);
            }
        } else if (node.isTextual()) {
            try {
                v = new BigInteger(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw fail.of(field, "an integer is expected, got \"" + clip(node.textValue()) + "\"", null);
            }
        } else {
            throw fail.of(field, "an integer is expected, got " + kindOf(node), null);
        }
        if (v.bitLength() > 63) {
            throw fail.of(field, "out of range: " + clip(v.toString()), null);
        }
        return v.longValue();
    }

    /** A decimal field: a JSON number, or a string holding one; exact, never through a double. */
    static BigDecimal decimal(JsonNode node, String field, Failure fail) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                String s = node.textValue().strip();
                if (s.length() > 40) {
                    throw new NumberFormatException();
                }
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw fail.of(field, "a decimal number is expected, got \"" + clip(node.textValue()) + "\"", null);
            }
        }
        throw fail.of(field, "a number is expected, got " + kindOf(node), null);
    }

    static String text(JsonNode node, String field, Failure fail) {
        if (!node.isTextual()) {
            throw fail.of(field, "a string is expected, got " + kindOf(node), null);
        }
        return node.textValue();
    }

    static boolean bool(JsonNode node, String field, Failure fail) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw fail.of(field, "true or false is expected, got " + kindOf(node), null);
    }

    static <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type, String field, Failure fail) {
        String s = text(node, field, fail).strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw fail.of(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()) + " is expected, got \""
                + clip(s) + "\"", null);
    }

    static String kindOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
