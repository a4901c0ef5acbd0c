package org.openami.concentrator.store;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link EntryWriter} wrote, with bounds checks: running past the end, an over-long
 * varint or a string longer than {@link #MAX_STRING_BYTES} is a {@link MalformedEntryException},
 * never an unchecked exception. Not thread-safe.
 */
final class EntryReader {

    /** No string in an entry is longer than this many UTF-8 bytes. */
    static final int MAX_STRING_BYTES = 8192;

    private final byte[] buf;
    private final int end;
    private int pos;

    EntryReader(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.pos = offset;
        this.end = end;
    }

    int readByte() throws MalformedEntryException {
        if (pos >= end) {
            throw new MalformedEntryException("entry ends early at byte " + pos);
        }
        return buf[pos++] & 0xFF;
    }

    long readVarLong() throws MalformedEntryException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new MalformedEntryException("varint longer than 10 bytes at byte " + pos);
    }

    int readVarInt() throws MalformedEntryException {
        long v = readVarLong();
        if ((v >>> 32) != 0) {
            throw new MalformedEntryException("varint " + v + " does not fit 32 bits");
        }
        return (int) v;
    }

    long readSigned() throws MalformedEntryException {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    int readSignedInt() throws MalformedEntryException {
        long v = readSigned();
        if (v != (int) v) {
            throw new MalformedEntryException("value " + v + " does not fit 32 bits");
        }
        return (int) v;
    }

    String readString() throws MalformedEntryException {
        int n = readVarInt();
        if (n < 0 || n > MAX_STRING_BYTES || n > end - pos) {
            throw new MalformedEntryException("string of " + n + " bytes at byte " + pos + " does not fit");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    boolean atEnd() {
        return pos == end;
    }

    int position() {
        return pos;
    }
}
