package org.openami.concentrator.prepay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns the engine's stored records (accounts, ledger entries, stored results) into JSON text
 * and back. Decoding runs the records' own validation, so a damaged value is refused rather
 * than half-read. Thread-safe.
 */
final class Codec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Codec() {
    }

    static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes {@code text} as {@code type}.
     *
     * @throws PrepayException with {@link PrepayException.Reason#CORRUPT} naming {@code what}
     */
    static <T> T decode(String text, Class<T> type, String what) {
        try {
            T v = MAPPER.readValue(text, type);
            if (v == null) {
                throw new PrepayException(PrepayException.Reason.CORRUPT, what + " is empty");
            }
            return v;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof PrepayException p) {
                throw p;
            }
            throw new PrepayException(PrepayException.Reason.CORRUPT, what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
