package org.openami.dlt645;

import java.util.Objects;
import org.openami.dlt645.data.Bcd;

/**
 * A DL/T 645-2007 password as it travels in write and control commands: the level byte PA
 * (0 = highest authority) and six decimal digits P0..P2 (BCD, low byte first).
 *
 * @param level  0..9
 * @param digits 0..999999
 */
public record Password(int level, int digits) {

    public static final int SIZE = 4;

    public Password {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("password level must be 0..9, was " + level);
        }
        if (digits < 0 || digits > 999_999) {
            throw new IllegalArgumentException("a password has six decimal digits");
        }
    }

    public void writeTo(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, SIZE, dst.length);
        dst[off] = (byte) level;
        Bcd.encodeUnsigned(digits, dst, off + 1, 3);
    }

    /**
     * @throws org.openami.dlt645.data.BcdFormatException if the digits are not BCD
     * @throws IllegalArgumentException                     if the level is above 9
     */
    public static Password readFrom(byte[] src, int off) {
        Objects.checkFromIndexSize(off, SIZE, src.length);
        return new Password(src[off] & 0xFF, (int) Bcd.decodeUnsigned(src, off + 1, 3));
    }

    /** Never shows the digits. */
    @Override
    public String toString() {
        return "Password{level=" + level + ", ******}";
    }
}
