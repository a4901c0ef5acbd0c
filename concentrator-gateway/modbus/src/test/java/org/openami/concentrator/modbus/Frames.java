package org.openami.concentrator.modbus;

import java.util.Arrays;

/** Test helpers for hand-made RTU frames. */
final class Frames {

    private Frames() {
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    static byte[] withCrc(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + 2);
        int[] crc = RtuFrames.crc(body, 0, body.length);
        out[body.length] = (byte) crc[0];
        out[body.length + 1] = (byte) crc[1];
        return out;
    }

    /** A normal reply of {@code unit} to function {@code fc} carrying {@code regs}. */
    static byte[] reply(int unit, int fc, int... regs) {
        byte[] body = new byte[3 + 2 * regs.length];
        body[0] = (byte) unit;
        body[1] = (byte) fc;
        body[2] = (byte) (2 * regs.length);
        for (int i = 0; i < regs.length; i++) {
            body[3 + 2 * i] = (byte) (regs[i] >> 8);
            body[4 + 2 * i] = (byte) regs[i];
        }
        return withCrc(body);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
