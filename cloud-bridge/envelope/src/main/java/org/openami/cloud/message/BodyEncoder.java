package org.openami.cloud.message;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Writes a {@link Message} as its CBOR body (layout in docs/envelope.md), refusing anything the
 * decoder would reject, with an {@link IllegalArgumentException} naming the field and index.
 */
final class BodyEncoder {

    static final EnumNames<ReadingKind> KINDS = new EnumNames<>(ReadingKind.class);
    static final EnumNames<Quantity> QUANTITIES = new EnumNames<>(Quantity.class);
    static final EnumNames<EventType> EVENT_TYPES = new EnumNames<>(EventType.class);
    static final EnumNames<CommandType> COMMAND_TYPES = new EnumNames<>(CommandType.class);

    private final CBORFactory factory;

    BodyEncoder(CBORFactory factory) {
        this.factory = factory;
    }

    byte[] encode(Message message) {
        int estimate;
        if (message instanceof Telemetry t) {
            estimate = 8 + 72 * t.readings().size();
        } else if (message instanceof Events e) {
            estimate = 8 + 64 * e.events().size();
        } else if (message instanceof CommandResults c) {
            estimate = 8 + 80 * c.results().size();
        } else {
            estimate = 256;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(estimate, MessageLimits.MAX_BODY_BYTES));
        try (CBORGenerator g = factory.createGenerator(out)) {
            if (message instanceof Telemetry t) {
                telemetry(g, t.readings());
            } else if (message instanceof Events e) {
                events(g, e.events());
            } else if (message instanceof CommandResults c) {
                results(g, c.results());
            } else {
                command(g, (Command) message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        if (out.size() > MessageLimits.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body: " + out.size() + " bytes, more than "
                    + MessageLimits.MAX_BODY_BYTES + "; send fewer items per message");
        }
        return out.toByteArray();
    }

    private static void telemetry(CBORGenerator g, List<Reading> readings) throws IOException {
        checkCount("readings", readings.size());
        g.writeStartArray(readings, readings.size());
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            check(TextRules.meterProblem(r.meter()), "readings", i, "meter");
            g.writeStartArray(r, 7);
            g.writeNumber(r.point());
            g.writeString(r.meter());
            g.writeString(KINDS.encoded(r.kind()));
            g.writeString(QUANTITIES.encoded(r.quantity()));
            g.writeNumber(r.dataTime());
            g.writeNumber(r.value());
            g.writeNumber(r.readAt());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void events(CBORGenerator g, List<MeterEvent> events) throws IOException {
        checkCount("events", events.size());
        g.writeStartArray(events, events.size());
        for (int i = 0; i < events.size(); i++) {
            MeterEvent e = events.get(i);
            if (e.point() < 0) {
                throw new IllegalArgumentException("events[" + i + "].point: " + e.point() + " is negative");
            }
            check(TextRules.meterProblem(e.meter()), "events", i, "meter");
            check(TextRules.textProblem(e.detail(), MessageLimits.MAX_DETAIL_LENGTH, true), "events", i, "detail");
            g.writeStartArray(e, 5);
            g.writeNumber(e.point());
            g.writeString(e.meter());
            g.writeString(EVENT_TYPES.encoded(e.type()));
            g.writeNumber(e.time());
            g.writeString(e.detail());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void results(CBORGenerator g, List<CommandResult> results) throws IOException {
        checkCount("results", results.size());
        g.writeStartArray(results, results.size());
        for (int i = 0; i < results.size(); i++) {
            CommandResult r = results.get(i);
            check(TextRules.commandIdProblem(r.commandId()), "results", i, "commandId");
            if (r.point() < 0) {
                throw new IllegalArgumentException("results[" + i + "].point: " + r.point() + " is negative");
            }
            check(TextRules.meterProblem(r.meter()), "results", i, "meter");
            check(TextRules.textProblem(r.command(), MessageLimits.MAX_COMMAND_NAME_LENGTH, true), "results", i, "command");
            check(TextRules.textProblem(r.reason(), MessageLimits.MAX_REASON_LENGTH, true), "results", i, "reason");
            g.writeStartArray(r, 7);
            g.writeString(r.commandId());
            g.writeNumber(r.point());
            g.writeString(r.meter());
            g.writeString(r.command());
            g.writeBoolean(r.success());
            g.writeString(r.reason());
            g.writeNumber(r.time());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void command(CBORGenerator g, Command c) throws IOException {
        // the record validated every field; params are sorted by key
        g.writeStartArray(c, 7);
        g.writeString(c.commandId());
        g.writeString(COMMAND_TYPES.encoded(c.commandType()));
        g.writeNumber(c.issuedAt());
        g.writeNumber(c.expiresAt());
        g.writeNumber(c.point());
        g.writeString(c.meter());
        g.writeStartObject(c.params(), c.params().size());
        for (Map.Entry<String, String> e : c.params().entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeString(e.getValue());
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void checkCount(String list, int size) {
        if (size > MessageLimits.MAX_ITEMS) {
            throw new IllegalArgumentException(list + ": " + size + " items, at most " + MessageLimits.MAX_ITEMS
                    + " per message");
        }
    }

    private static void check(String problem, String list, int index, String field) {
        if (problem != null) {
            throw new IllegalArgumentException(list + "[" + index + "]." + field + ": " + problem);
        }
    }
}
