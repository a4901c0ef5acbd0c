package org.openami.dlt645.data;

/**
 * The fixed-point BCD formats of DL/T 645-2007 measured values, with the integer unit
 * each one is handled in. Values are integers of the format's resolution: {@code ENERGY}
 * 000000.06 kWh is the long 6 (0.01 kWh units).
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>constant</th><th>standard format</th><th>bytes</th><th>unit of the long</th></tr>
 *   <tr><td>ENERGY</td><td>XXXXXX.XX kWh</td><td>4</td><td>0.01 kWh</td></tr>
 *   <tr><td>COMBINED_ENERGY</td><td>XXXXXX.XX kWh, sign bit</td><td>4</td><td>0.01 kWh</td></tr>
 *   <tr><td>VOLTAGE</td><td>XXX.X V</td><td>2</td><td>0.1 V</td></tr>
 *   <tr><td>CURRENT</td><td>XXX.XXX A, sign bit</td><td>3</td><td>0.001 A (mA)</td></tr>
 *   <tr><td>ACTIVE_POWER</td><td>XX.XXXX kW, sign bit</td><td>3</td><td>0.0001 kW (0.1 W)</td></tr>
 *   <tr><td>POWER_FACTOR</td><td>X.XXX, sign bit</td><td>2</td><td>0.001</td></tr>
 *   <tr><td>FREQUENCY</td><td>XX.XX Hz</td><td>2</td><td>0.01 Hz</td></tr>
 * </table>
 *
 * <p>Energy registers (forward, reverse) are unsigned; the combined active energy
 * ({@code 0000xx00}) carries the sign in bit 7 of its highest byte.
 */
public enum NumericFormat {
    ENERGY(4, 2, false, "kWh"),
    COMBINED_ENERGY(4, 2, true, "kWh"),
    VOLTAGE(2, 1, false, "V"),
    CURRENT(3, 3, true, "A"),
    ACTIVE_POWER(3, 4, true, "kW"),
    POWER_FACTOR(2, 3, true, ""),
    FREQUENCY(2, 2, false, "Hz");

    private final int size;
    private final int decimals;
    private final boolean signed;
    private final String unit;

    NumericFormat(int size, int decimals, boolean signed, String unit) {
        this.size = size;
        this.decimals = decimals;
        this.signed = signed;
        this.unit = unit;
    }

    /** Bytes on the wire. */
    public int size() {
        return size;
    }

    /** Decimal places of the standard's format: the long counts units of 10^-decimals. */
    public int decimals() {
        return decimals;
    }

    /** Whether bit 7 of the highest byte is a sign. */
    public boolean signed() {
        return signed;
    }

    /** Physical unit of the formatted value, "" for power factor. */
    public String unit() {
        return unit;
    }

    /** Largest value, in units of the resolution. */
    public long max() {
        return signed ? Bcd.maxSigned(size) : Bcd.maxUnsigned(size);
    }

    /** Smallest value, in units of the resolution. */
    public long min() {
        return signed ? -max() : 0;
    }

    /** The value in wire order; rejects a value outside {@link #min()}..{@link #max()}. */
    public byte[] encode(long units) {
        byte[] out = new byte[size];
        encode(units, out, 0);
        return out;
    }

    /** Writes the value into {@code dst} at {@code off}, wire order. */
    public void encode(long units, byte[] dst, int off) {
        if (signed) {
            Bcd.encodeSigned(units, dst, off, size);
        } else {
            Bcd.encodeUnsigned(units, dst, off, size);
        }
    }

    /** Reads {@link #size()} bytes at {@code off}; throws {@link BcdFormatException} on a bad nibble. */
    public long decode(byte[] src, int off) {
        return signed ? Bcd.decodeSigned(src, off, size) : Bcd.decodeUnsigned(src, off, size);
    }

    /** The value as the standard writes it, e.g. {@code "000000.06"}, for logs and displays. */
    public String toText(long units) {
        if (units < min() || units > max()) {
            throw new IllegalArgumentException(units + " outside " + this);
        }
        String digits = String.format("%0" + (2 * size) + "d", Math.abs(units));
        String text = digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
        return units < 0 ? "-" + text : text;
    }
}
