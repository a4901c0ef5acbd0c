package org.openami.concentrator.store;

import java.util.zip.CRC32C;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.Dictionary.Namespace;

/**
 * The binary form of an outbox entry, format 1:
 * <pre>
 *   u8 format (1) | u8 type (1 reading, 2 event, 3 command result) | u8 flags (bit 0: protected)
 *   reading:  zz point | uv meter code | uv kind code | uv quantity code | zz dataTime | zz value | zz readAt-dataTime
 *   event:    zz point | uv meter code | uv event-type code | zz time | str detail
 *   command:  str commandId | zz point | uv meter code | str command | u8 success | str reason | zz time
 *   u32 CRC-32C (big-endian) of everything before it
 * </pre>
 * uv = unsigned LEB128 varint, zz = zig-zag varint, str = uv length + UTF-8. Codes come from the
 * {@link Dictionary}. An entry with another format byte, a bad checksum, unknown codes or bytes
 * that do not parse is a {@link MalformedEntryException}: the store skips and counts it.
 *
 * <p>Threads: the encode methods may assign dictionary codes and are called by the writer only;
 * decoding may run on any thread.
 */
final class EntryCodec {

    static final int FORMAT = 1;
    static final int TYPE_READING = 1;
    static final int TYPE_EVENT = 2;
    static final int TYPE_COMMAND = 3;
    static final int FLAG_PROTECTED = 1;

    /** Longest meter address accepted. */
    static final int MAX_METER_CHARS = 64;
    /** Longest command id and command name accepted. */
    static final int MAX_ID_CHARS = 256;
    /** Free text (event detail, failure reason) is cut to this many characters. */
    static final int MAX_TEXT_CHARS = 1024;

    private static final int HEADER = 3;
    private static final int CRC_BYTES = 4;

    private final Dictionary dict;

    EntryCodec(Dictionary dict) {
        this.dict = dict;
    }

    // ---- validation (before anything is written) ----

    static void validate(Reading r) {
        checkMeter(r.meter());
    }

    static void validate(MeterEvent e) {
        checkMeter(e.meter());
    }

    static void validate(CommandResult c) {
        checkMeter(c.meter());
        if (c.commandId().length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("commandId longer than " + MAX_ID_CHARS + " characters");
        }
        if (c.command().length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("command longer than " + MAX_ID_CHARS + " characters");
        }
    }

    private static void checkMeter(String meter) {
        if (meter.length() > MAX_METER_CHARS) {
            throw new IllegalArgumentException("meter address longer than " + MAX_METER_CHARS + " characters");
        }
    }

    static String cut(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS - 3) + "...";
    }

    // ---- encoding (writer thread) ----

    /** The index key of {@code key}, assigning codes if needed. Writer only. */
    IndexKey indexKeyAssigning(Reading.Key key) {
        return new IndexKey(key.point(), dict.codeOf(Namespace.KIND, key.kind().name()),
                key.dataTime(), dict.codeOf(Namespace.QUANTITY, key.quantity().name()));
    }

    /** The index key of {@code key}, or null if its kind or quantity was never stored. Any thread. */
    IndexKey indexKeyIfKnown(Reading.Key key) {
        int kind = dict.find(Namespace.KIND, key.kind().name());
        int quantity = dict.find(Namespace.QUANTITY, key.quantity().name());
        return kind < 0 || quantity < 0 ? null : new IndexKey(key.point(), kind, key.dataTime(), quantity);
    }

    /** The kind code, or -1 if never stored. Any thread. */
    int kindCodeIfKnown(ReadingKind kind) {
        return dict.find(Namespace.KIND, kind.name());
    }

    byte[] encode(Reading r) {
        EntryWriter w = header(TYPE_READING, 0);
        w.writeSigned(r.point());
        w.writeVarInt(dict.codeOf(Namespace.METER, r.meter()));
        w.writeVarInt(dict.codeOf(Namespace.KIND, r.kind().name()));
        w.writeVarInt(dict.codeOf(Namespace.QUANTITY, r.quantity().name()));
        w.writeSigned(r.dataTime());
        w.writeSigned(r.value());
        w.writeSigned(r.readAt() - r.dataTime());
        return seal(w);
    }

    byte[] encode(MeterEvent e, boolean protect) {
        EntryWriter w = header(TYPE_EVENT, protect ? FLAG_PROTECTED : 0);
        w.writeSigned(e.point());
        w.writeVarInt(dict.codeOf(Namespace.METER, e.meter()));
        w.writeVarInt(dict.codeOf(Namespace.EVENT_TYPE, e.type().name()));
        w.writeSigned(e.time());
        w.writeString(cut(e.detail()));
        return seal(w);
    }

    byte[] encode(CommandResult c) {
        EntryWriter w = header(TYPE_COMMAND, 0);
        w.writeString(c.commandId());
        w.writeSigned(c.point());
        w.writeVarInt(dict.codeOf(Namespace.METER, c.meter()));
        w.writeString(c.command());
        w.writeByte(c.success() ? 1 : 0);
        w.writeString(cut(c.reason()));
        w.writeSigned(c.time());
        return seal(w);
    }

    private static EntryWriter header(int type, int flags) {
        EntryWriter w = new EntryWriter();
        w.writeByte(FORMAT);
        w.writeByte(type);
        w.writeByte(flags);
        return w;
    }

    private static byte[] seal(EntryWriter w) {
        CRC32C crc = new CRC32C();
        crc.update(w.buffer(), 0, w.length());
        w.writeIntBigEndian((int) crc.getValue());
        return w.toByteArray();
    }

    // ---- decoding (any thread) ----

    /** Whether the entry is one the store must never evict (its own eviction / near-full events). */
    static boolean isProtected(byte[] v) {
        return v != null && v.length > HEADER && v[0] == FORMAT && (v[2] & FLAG_PROTECTED) != 0;
    }

    /** The decoded entry. */
    StoredEntry decode(long seq, long storedAt, byte[] v) throws MalformedEntryException {
        EntryReader in = open(v);
        int type = v[1];
        Object payload;
        StoredEntry.Type t;
        switch (type) {
            case TYPE_READING -> {
                payload = readReading(in);
                t = StoredEntry.Type.READING;
            }
            case TYPE_EVENT -> {
                payload = readEvent(in);
                t = StoredEntry.Type.EVENT;
            }
            case TYPE_COMMAND -> {
                payload = readCommand(in);
                t = StoredEntry.Type.COMMAND_RESULT;
            }
            default -> throw new MalformedEntryException("unknown entry type " + type);
        }
        if (in.position() != v.length - CRC_BYTES) {
            throw new MalformedEntryException("entry has " + (v.length - CRC_BYTES - in.position()) + " trailing bytes");
        }
        return new StoredEntry(seq, storedAt, t, payload);
    }

    /**
     * The index key of a stored reading, read from the codes without resolving names (works even
     * if the model no longer has the kind or quantity); null if the entry is not a reading.
     */
    static IndexKey readingIndexKey(byte[] v) throws MalformedEntryException {
        EntryReader in = open(v);
        if (v[1] != TYPE_READING) {
            return null;
        }
        int point = in.readSignedInt();
        in.readVarInt();
        int kind = in.readVarInt();
        int quantity = in.readVarInt();
        long dataTime = in.readSigned();
        return new IndexKey(point, kind, dataTime, quantity);
    }

    private static EntryReader open(byte[] v) throws MalformedEntryException {
        if (v == null || v.length < HEADER + CRC_BYTES) {
            throw new MalformedEntryException("entry of " + (v == null ? 0 : v.length) + " bytes is too short");
        }
        if (v[0] != FORMAT) {
            throw new MalformedEntryException("entry format " + (v[0] & 0xFF) + " is not " + FORMAT);
        }
        int n = v.length - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(v, 0, n);
        int stored = ((v[n] & 0xFF) << 24) | ((v[n + 1] & 0xFF) << 16) | ((v[n + 2] & 0xFF) << 8) | (v[n + 3] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw new MalformedEntryException("entry checksum mismatch");
        }
        return new EntryReader(v, HEADER, n);
    }

    private Reading readReading(EntryReader in) throws MalformedEntryException {
        int point = in.readSignedInt();
        String meter = name(Namespace.METER, in.readVarInt());
        ReadingKind kind = constant(ReadingKind.class, name(Namespace.KIND, in.readVarInt()));
        Quantity quantity = constant(Quantity.class, name(Namespace.QUANTITY, in.readVarInt()));
        long dataTime = in.readSigned();
        long value = in.readSigned();
        long readAt = dataTime + in.readSigned();
        if (point < 0) {
            throw new MalformedEntryException("reading with negative point " + point);
        }
        return new Reading(point, meter, kind, quantity, dataTime, value, readAt);
    }

    private MeterEvent readEvent(EntryReader in) throws MalformedEntryException {
        int point = in.readSignedInt();
        String meter = name(Namespace.METER, in.readVarInt());
        EventType type = constant(EventType.class, name(Namespace.EVENT_TYPE, in.readVarInt()));
        long time = in.readSigned();
        String detail = in.readString();
        return new MeterEvent(point, meter, type, time, detail);
    }

    private CommandResult readCommand(EntryReader in) throws MalformedEntryException {
        String commandId = in.readString();
        int point = in.readSignedInt();
        String meter = name(Namespace.METER, in.readVarInt());
        String command = in.readString();
        int success = in.readByte();
        if (success > 1) {
            throw new MalformedEntryException("success flag " + success);
        }
        String reason = in.readString();
        long time = in.readSigned();
        return new CommandResult(commandId, point, meter, command, success == 1, reason, time);
    }

    private String name(Namespace ns, int code) throws MalformedEntryException {
        String name = dict.nameOf(ns, code);
        if (name == null) {
            throw new MalformedEntryException("unknown " + ns + " code " + code);
        }
        return name;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) throws MalformedEntryException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException(type.getSimpleName() + " has no constant " + name);
        }
    }
}
