package org.openami.sim.chip.bl0942;

/**
 * Byte layout of the BL0942's UART replies. Data is 24-bit little-endian; every checksum is
 * the bitwise NOT of the 8-bit sum of the bytes it covers. A single-register reply's
 * checksum covers the command byte, the register byte and the three data bytes; the full
 * packet's checksum covers the command byte and packet bytes 0..21 but not the 0xAA
 * register byte. Pure functions; thread-safe.
 */
final class Bl0942Frames {

    private Bl0942Frames() {
    }

    /** NOT of the 8-bit sum of {@code seed} and {@code len} bytes of {@code b} from {@code off}. */
    static int checksum(int seed, byte[] b, int off, int len) {
        int sum = seed;
        for (int i = off; i < off + len; i++) {
            sum += b[i] & 0xFF;
        }
        return ~sum & 0xFF;
    }

    /** The 4-byte answer to a single-register read: D0 D1 D2 CS. */
    static byte[] registerReply(int command, int register, long value) {
        byte[] r = new byte[4];
        putLe24(r, 0, value);
        r[3] = (byte) checksum(command + register, r, 0, 3);
        return r;
    }

    /**
     * The 23-byte full packet: header, I_RMS, V_RMS, I_FAST_RMS, WATT, CF_CNT, FREQ, STATUS
     * (each 3 bytes little-endian), checksum.
     */
    static byte[] packet(int command, long[] fields) {
        if (fields.length != 7) {
            throw new IllegalArgumentException("the full packet holds 7 fields, got " + fields.length);
        }
        byte[] p = new byte[Bl0942Registers.PACKET_LENGTH];
        p[0] = (byte) Bl0942Registers.PACKET_HEADER;
        for (int i = 0; i < fields.length; i++) {
            putLe24(p, 1 + 3 * i, fields[i]);
        }
        p[22] = (byte) checksum(command, p, 0, 22);
        return p;
    }

    /** Whether a 6-byte write frame carries a valid checksum. */
    static boolean writeChecksumOk(byte[] frame) {
        return (frame[5] & 0xFF) == checksum(0, frame, 0, 5);
    }

    static void putLe24(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
    }

    static int le24(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
    }
}
