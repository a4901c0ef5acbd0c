package org.openami.dlt645;

/** Hex text for messages and tests: {@code "68 AA 16"}. */
final class Hex {

    private Hex() {
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    static String of(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", bytes[off + i] & 0xFF));
        }
        return sb.toString();
    }

    /** Parses hex digits, ignoring white space. */
    static byte[] parse(String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: " + digits.substring(2 * i, 2 * i + 2));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
