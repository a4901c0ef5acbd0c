package org.openami.concentrator.archive.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Set;
import org.openami.concentrator.archive.ArchiveException;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.internal.Column.Naming;

/**
 * Reads the JSON archive format {@code {"meters":[{...}, ...]}} with Jackson's streaming
 * parser, so that every problem of the file is reported with its line, not only the first.
 * Unknown fields are problems. {@link StreamReadConstraints} bound nesting, names, strings and
 * numbers. Thread-safe (the factory is shared, each call has its own parser); does not close
 * the stream.
 */
public final class JsonArchiveReader {

    /** Deepest nesting accepted; an archive needs 3. */
    static final int MAX_NESTING = 16;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNameLength(1024)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(32)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private final Problems problems;
    private final ArchiveBuilder builder;

    private JsonArchiveReader(ArchiveBuilder builder) {
        this.builder = builder;
        this.problems = builder.problems();
    }

    /**
     * @param maxBytes the input is refused after this many bytes
     * @throws ArchiveException listing every problem of the file
     * @throws IOException      if reading {@code in} fails
     */
    public static MeterArchive read(InputStream in, Set<String> channels, String source, long maxBytes)
            throws IOException, ArchiveException {
        BoundedInput bounded = new BoundedInput(in, maxBytes);
        ArchiveBuilder builder = new ArchiveBuilder(channels, Naming.JSON);
        Problems problems = builder.problems();
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(bounded);
            new JsonArchiveReader(builder).document(parser);
        } catch (BoundedInput.TooLarge e) {
            problems.add(0, "", "", "the file is larger than " + maxBytes + " bytes; refused");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? line(parser) : Math.max(0, at.getLineNr()), "", "",
                    "not valid JSON: " + Printable.escape(String.valueOf(e.getOriginalMessage()), 200));
        } catch (IOException e) {
            if (bounded.sourceFailed()) {
                throw e;
            }
            problems.add(line(parser), "", "", "cannot read the JSON text: "
                    + Printable.escape(String.valueOf(e.getMessage()), 200));
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
        return builder.build(source);
    }

    private static int line(JsonParser parser) {
        return parser == null ? 0 : Math.max(0, parser.currentLocation().getLineNr());
    }

    private static int tokenLine(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    private void document(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            problems.add(0, "", "", "the file is empty; an archive is {\"meters\": [...]}");
            return;
        }
        int rootLine = tokenLine(p);
        if (t != JsonToken.START_OBJECT) {
            problems.add(rootLine, "", text(p), "an archive is a JSON object {\"meters\": [...]}");
            p.skipChildren();
        } else {
            boolean seenMeters = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                int line = tokenLine(p);
                if (!name.equals("meters")) {
                    problems.add(line, name, "", "unknown field; an archive has only \"meters\"");
                } else if (seenMeters) {
                    problems.add(line, name, "", "\"meters\" is given twice");
                } else if (t != JsonToken.START_ARRAY) {
                    seenMeters = true;
                    problems.add(line, name, text(p), "\"meters\" is an array of meter objects");
                } else {
                    seenMeters = true;
                    meters(p);
                    continue;
                }
                p.skipChildren();
            }
            if (!seenMeters) {
                problems.add(rootLine, "meters", "", "is missing; an archive is {\"meters\": [...]}");
            }
        }
        if (p.nextToken() != null) {
            problems.add(tokenLine(p), "", text(p), "more content after the end of the archive");
        }
    }

    private void meters(JsonParser p) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT) {
                meter(p);
            } else {
                problems.add(tokenLine(p), "", text(p), "each meter is a JSON object {\"point\": 1, ...}");
                p.skipChildren();
            }
        }
    }

    private void meter(JsonParser p) throws IOException {
        int objectLine = tokenLine(p);
        EnumMap<Column, Cell> cells = new EnumMap<>(Column.class);
        boolean broken = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int line = tokenLine(p);
            Column c = byJsonName(name);
            if (c == null) {
                problems.add(line, name, "", "unknown field; the fields are " + Column.list(Naming.JSON));
                p.skipChildren();
                continue;
            }
            if (cells.containsKey(c)) {
                problems.add(line, name, text(p), "the field is given twice in this meter");
                p.skipChildren();
                broken = true;
                continue;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            cells.put(c, cell(p, c, t, line, name));
        }
        builder.add(new Row(objectLine, cells, true), broken);
    }

    private Cell cell(JsonParser p, Column c, JsonToken t, int line, String name) throws IOException {
        String expected;
        switch (c) {
            case POINT, CT, PT -> {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    return Cell.of(line, p.getText());
                }
                expected = t == JsonToken.VALUE_NUMBER_FLOAT ? "must be a whole number" : "must be a JSON number";
            }
            case KEEP_POWER -> {
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return Cell.of(line, p.getText());
                }
                expected = "must be true or false (without quotes)";
            }
            default -> {
                if (t == JsonToken.VALUE_STRING) {
                    return Cell.of(line, p.getText().strip());
                }
                expected = "must be a JSON string (in quotes)";
            }
        }
        String value = text(p);
        problems.add(line, name, value, expected);
        p.skipChildren();
        return Cell.broken(line, value);
    }

    /** The scalar at the parser, or "" for an object or array. */
    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t == null || t.isStructStart() || t.isStructEnd() ? "" : p.getText();
    }

    private static Column byJsonName(String name) {
        for (Column c : Column.all()) {
            if (c.jsonName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
