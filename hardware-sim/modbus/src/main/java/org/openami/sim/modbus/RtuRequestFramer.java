package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Cuts a received byte stream into Modbus RTU request frames the way a slave's UART driver
 * does, and survives any garbage:
 * <ul>
 *   <li>A frame's length follows from its function code (and byte count, for writes);
 *       unknown function codes are delimited by the first length whose CRC matches.</li>
 *   <li>A frame whose CRC does not match is not a frame: one byte is dropped and the search
 *       starts again at the next byte (resynchronisation).</li>
 *   <li>When the frame at the start is still incomplete but a whole valid frame follows
 *       later in the buffer, the bytes before it were noise and are dropped.</li>
 *   <li>A gap longer than the inter-frame silence drops a partial frame (RTU's 3.5 character
 *       rule; see {@link ModbusRtuSlave#silenceFor}).</li>
 *   <li>At most {@link #CAPACITY} bytes are kept; memory is bounded whatever arrives.</li>
 * </ul>
 * Not thread-safe: one line's reader thread calls it.
 */
final class RtuRequestFramer {

    static final int MIN_FRAME = 4;
    static final int MAX_FRAME = 256;
    static final int CAPACITY = 2 * MAX_FRAME;

    private static final int NEED_MORE = 0;
    private static final int NOT_A_FRAME = -1;
    private static final int UNKNOWN_LENGTH = -2;

    private final long silenceNanos;
    private final LongSupplier nanoTime;
    private final byte[] buf = new byte[CAPACITY];
    private int size;
    private long lastByteNanos;
    private long discarded;
    private long crcErrors;

    RtuRequestFramer(long silenceNanos, LongSupplier nanoTime) {
        this.silenceNanos = silenceNanos;
        this.nanoTime = nanoTime;
    }

    /** Takes {@code len} received bytes and hands every complete valid frame to {@code frames}. */
    void accept(byte[] data, int len, Consumer<byte[]> frames) {
        long now = nanoTime.getAsLong();
        if (size > 0 && now - lastByteNanos > silenceNanos) {
            drop(size);
        }
        lastByteNanos = now;
        int off = 0;
        while (off < len) {
            if (size == CAPACITY) {
                drop(MAX_FRAME);
            }
            int n = Math.min(len - off, CAPACITY - size);
            System.arraycopy(data, off, buf, size, n);
            size += n;
            off += n;
            extract(frames);
        }
    }

    private void extract(Consumer<byte[]> frames) {
        while (size >= MIN_FRAME) {
            int found = frameAt(0);
            if (found > 0) {
                frames.accept(Arrays.copyOf(buf, found));
                remove(found);
                continue;
            }
            if (found == NOT_A_FRAME) {
                drop(1);
                continue;
            }
            int skip = -1;
            for (int i = 1; i + MIN_FRAME <= size; i++) {
                if (frameAt(i) > 0) {
                    skip = i;
                    break;
                }
            }
            if (skip < 0) {
                return;
            }
            drop(skip);
        }
    }

    /** Length of a valid frame at {@code off}, {@link #NEED_MORE} or {@link #NOT_A_FRAME}. */
    private int frameAt(int off) {
        int avail = size - off;
        if (avail < 2) {
            return NEED_MORE;
        }
        if ((buf[off] & 0xFF) > 247) {
            return NOT_A_FRAME;
        }
        int need = requestLength(off, avail);
        if (need == NEED_MORE) {
            return NEED_MORE;
        }
        if (need == UNKNOWN_LENGTH) {
            int found = firstCrcMatch(off, Math.min(avail, MAX_FRAME));
            if (found > 0) {
                return found;
            }
            return avail >= MAX_FRAME ? NOT_A_FRAME : NEED_MORE;
        }
        if (need > MAX_FRAME) {
            return NOT_A_FRAME;
        }
        if (avail < need) {
            return NEED_MORE;
        }
        if (crcMatches(off, need)) {
            return need;
        }
        if (off == 0) {
            crcErrors++;
        }
        return NOT_A_FRAME;
    }

    /** Request length by function code (Modbus Application Protocol v1.1b3, section 6). */
    private int requestLength(int off, int avail) {
        int fc = buf[off + 1] & 0xFF;
        return switch (fc) {
            case 1, 2, 3, 4, 5, 6, 8 -> 8;
            case 7, 11, 12, 17 -> 4;
            case 15, 16 -> avail < 7 ? NEED_MORE : 9 + (buf[off + 6] & 0xFF);
            case 20, 21 -> avail < 3 ? NEED_MORE : 5 + (buf[off + 2] & 0xFF);
            case 22 -> 10;
            case 23 -> avail < 11 ? NEED_MORE : 13 + (buf[off + 10] & 0xFF);
            case 24 -> 6;
            default -> UNKNOWN_LENGTH;
        };
    }

    /**
     * The shortest length 4..{@code limit} at which the last two bytes are the CRC of the
     * bytes before them, or 0. One pass with a running CRC-16/Modbus (reflected 0xA001,
     * initial 0xFFFF, low byte sent first, the same CRC as j2mod's table).
     */
    private int firstCrcMatch(int off, int limit) {
        int crc = 0xFFFF;
        for (int body = 1; body + 2 <= limit; body++) {
            crc ^= buf[off + body - 1] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            if (body >= 2 && (buf[off + body] & 0xFF) == (crc & 0xFF) && (buf[off + body + 1] & 0xFF) == crc >>> 8) {
                return body + 2;
            }
        }
        return 0;
    }

    private boolean crcMatches(int off, int len) {
        // j2mod's third argument is the end index (exclusive), not a length
        int[] crc = ModbusUtil.calculateCRC(buf, off, off + len - 2);
        return (buf[off + len - 2] & 0xFF) == crc[0] && (buf[off + len - 1] & 0xFF) == crc[1];
    }

    private void drop(int n) {
        discarded += n;
        remove(n);
    }

    private void remove(int n) {
        System.arraycopy(buf, n, buf, 0, size - n);
        size -= n;
    }

    /** Bytes thrown away as noise, bad frames or stale partial frames. */
    long discardedBytes() {
        return discarded;
    }

    /** Frames of a known length whose CRC did not match. */
    long crcErrors() {
        return crcErrors;
    }

    /** Bytes waiting for the rest of a frame. */
    int pending() {
        return size;
    }
}
