package org.openami.cloud.message;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Reads a CBOR body of a known {@link MessageType} back into a {@link Message}, strictly: the
 * layout in docs/envelope.md and nothing else.
 */
final class BodyDecoder {

    private static final Map<String, ReadingKind> KINDS = BodyEncoder.KINDS.byName();
    private static final Map<String, Quantity> QUANTITIES = BodyEncoder.QUANTITIES.byName();
    private static final Map<String, EventType> EVENT_TYPES = BodyEncoder.EVENT_TYPES.byName();
    private static final Map<String, CommandType> COMMAND_TYPES = BodyEncoder.COMMAND_TYPES.byName();

    private final CBORFactory factory;

    BodyDecoder(CBORFactory factory) {
        this.factory = factory;
    }

    Message decode(MessageType type, byte[] body) throws MessageFormatException {
        if (body.length > MessageLimits.MAX_BODY_BYTES) {
            throw new MessageFormatException("body: " + body.length + " bytes, more than " + MessageLimits.MAX_BODY_BYTES);
        }
        try (CborReader r = new CborReader(factory, body)) {
            Message m = switch (type) {
                case TELEMETRY -> new Telemetry(readings(r));
                case EVENTS -> new Events(events(r));
                case COMMAND_RESULTS -> new CommandResults(results(r));
                case COMMAND -> command(r);
            };
            r.end();
            return m;
        }
    }

    private static List<Reading> readings(CborReader r) throws MessageFormatException {
        List<Reading> out = new ArrayList<>(listStart(r, "readings"));
        for (int i = 0; r.hasNextElement(); i++) {
            tooMany(r, "readings", i);
            r.item(i);
            r.startArray();
            r.field("point");
            int point = nonNegative(r, r.readInt());
            r.field("meter");
            String meter = meter(r, r.readText());
            r.field("kind");
            ReadingKind kind = r.readName(KINDS);
            r.field("quantity");
            Quantity quantity = r.readName(QUANTITIES);
            r.field("dataTime");
            long dataTime = r.readLong();
            r.field("value");
            long value = r.readLong();
            r.field("readAt");
            long readAt = r.readLong();
            r.endArray("readAt");
            out.add(new Reading(point, meter, kind, quantity, dataTime, value, readAt));
        }
        return out;
    }

    private static List<MeterEvent> events(CborReader r) throws MessageFormatException {
        List<MeterEvent> out = new ArrayList<>(listStart(r, "events"));
        for (int i = 0; r.hasNextElement(); i++) {
            tooMany(r, "events", i);
            r.item(i);
            r.startArray();
            r.field("point");
            int point = nonNegative(r, r.readInt());
            r.field("meter");
            String meter = meter(r, r.readText());
            r.field("type");
            EventType type = r.readName(EVENT_TYPES);
            r.field("time");
            long time = r.readLong();
            r.field("detail");
            String detail = text(r, r.readText(), MessageLimits.MAX_DETAIL_LENGTH, true);
            r.endArray("detail");
            out.add(new MeterEvent(point, meter, type, time, detail));
        }
        return out;
    }

    private static List<CommandResult> results(CborReader r) throws MessageFormatException {
        List<CommandResult> out = new ArrayList<>(listStart(r, "results"));
        for (int i = 0; r.hasNextElement(); i++) {
            tooMany(r, "results", i);
            r.item(i);
            r.startArray();
            r.field("commandId");
            String commandId = r.readText();
            problem(r, TextRules.commandIdProblem(commandId));
            r.field("point");
            int point = nonNegative(r, r.readInt());
            r.field("meter");
            String meter = meter(r, r.readText());
            r.field("command");
            String command = text(r, r.readText(), MessageLimits.MAX_COMMAND_NAME_LENGTH, true);
            r.field("success");
            boolean success = r.readBoolean();
            r.field("reason");
            String reason = text(r, r.readText(), MessageLimits.MAX_REASON_LENGTH, true);
            r.field("time");
            long time = r.readLong();
            r.endArray("time");
            out.add(new CommandResult(commandId, point, meter, command, success, reason, time));
        }
        return out;
    }

    private static Command command(CborReader r) throws MessageFormatException {
        r.at("command", -1, null);
        r.startArray();
        r.field("commandId");
        String commandId = r.readText();
        problem(r, TextRules.commandIdProblem(commandId));
        r.field("type");
        CommandType type = r.readName(COMMAND_TYPES);
        r.field("issuedAt");
        long issuedAt = r.readLong();
        r.field("expiresAt");
        long expiresAt = r.readLong();
        if (expiresAt <= issuedAt) {
            throw r.error(expiresAt + " is not after issuedAt " + issuedAt, null);
        }
        r.field("point");
        int point = nonNegative(r, r.readInt());
        r.field("meter");
        String meter = meter(r, r.readText());
        r.field("params");
        Map<String, String> params = params(r);
        r.endArray("params");
        try {
            return new Command(commandId, type, issuedAt, expiresAt, point, meter, params);
        } catch (IllegalArgumentException e) {
            // every rule was checked above; kept so that a rule added to Command stays a format error
            r.field(null);
            throw r.error(e.getMessage(), e);
        }
    }

    private static Map<String, String> params(CborReader r) throws MessageFormatException {
        int declared = r.startMap();
        if (declared > MessageLimits.MAX_PARAMS) {
            throw r.error(declared + " entries, at most " + MessageLimits.MAX_PARAMS, null);
        }
        Map<String, String> params = new HashMap<>();
        for (String key; (key = r.nextKey()) != null; ) {
            if (params.size() == MessageLimits.MAX_PARAMS) {
                throw r.error("more than " + MessageLimits.MAX_PARAMS + " entries", null);
            }
            String keyProblem = TextRules.paramKeyProblem(key);
            if (keyProblem != null) {
                throw r.error("key " + params.size() + ": " + keyProblem, null);
            }
            if (params.containsKey(key)) {
                throw r.error("duplicate key \"" + key + "\"", null);
            }
            r.field("params[" + key + "]");
            params.put(key, text(r, r.readText(), MessageLimits.MAX_PARAM_VALUE_LENGTH, false));
            r.field("params");
        }
        return params;
    }

    private static int listStart(CborReader r, String list) throws MessageFormatException {
        r.at(list, -1, null);
        int declared = r.startArray();
        if (declared > MessageLimits.MAX_ITEMS) {
            throw r.error(declared + " items, at most " + MessageLimits.MAX_ITEMS, null);
        }
        return declared < 0 ? 16 : declared;
    }

    private static void tooMany(CborReader r, String list, int index) throws MessageFormatException {
        if (index >= MessageLimits.MAX_ITEMS) {
            r.at(list, -1, null);
            throw r.error("more than " + MessageLimits.MAX_ITEMS + " items", null);
        }
    }

    private static int nonNegative(CborReader r, int value) throws MessageFormatException {
        if (value < 0) {
            throw r.error(value + " is negative", null);
        }
        return value;
    }

    private static String meter(CborReader r, String meter) throws MessageFormatException {
        problem(r, TextRules.meterProblem(meter));
        return meter;
    }

    private static String text(CborReader r, String text, int max, boolean controlsAllowed) throws MessageFormatException {
        problem(r, TextRules.textProblem(text, max, controlsAllowed));
        return text;
    }

    private static void problem(CborReader r, String problem) throws MessageFormatException {
        if (problem != null) {
            throw r.error(problem, null);
        }
    }
}
