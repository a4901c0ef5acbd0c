package org.openami.concentrator.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitives of the entry format: unsigned LEB128 varints,
 * zig-zag varints for signed values, length-prefixed UTF-8 strings and a big-endian int.
 * Not thread-safe; one per encoding.
 */
final class EntryWriter {

    private byte[] buf = new byte[64];
    private int len;

    void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    /** Unsigned varint: 7 bits a byte, low first, high bit = more. */
    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    void writeVarInt(int v) {
        writeVarLong(v & 0xFFFF_FFFFL);
    }

    /** Signed value, zig-zag encoded so small negative numbers stay short. */
    void writeSigned(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void writeIntBigEndian(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    int length() {
        return len;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
