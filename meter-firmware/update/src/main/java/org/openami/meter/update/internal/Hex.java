package org.openami.meter.update.internal;

/** Lower-case hexadecimal. Stateless and thread-safe. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lower-case hex of all bytes. */
    public static String of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    /** Lower-case hex of the first {@code length} bytes. */
    public static String of(byte[] bytes, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** True if {@code s} is exactly {@code chars} lower-case hex digits. */
    public static boolean isLowerHex(String s, int chars) {
        if (s == null || s.length() != chars) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
