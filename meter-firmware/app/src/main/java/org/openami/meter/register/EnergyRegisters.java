package org.openami.meter.register;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.openami.hal.metering.EnergyDelta;

/**
 * The meter's energy registers in milliwatt-hours (active) and millivar-hours (reactive):
 * for each {@link EnergyKind} a total and the four tariffs. Energy is added to the total and
 * to exactly one tariff in the same call, so the total always equals the tariffs' sum.
 * Values only grow (until a meter clear) and never round: the resolution of every register
 * is 1 mWh, and the DL/T 645 views truncate to 0.01 kWh.
 *
 * <p>Not thread-safe; the meter engine guards it.
 */
public final class EnergyRegisters {

    /** Bytes of {@link #writeTo}. */
    public static final int BYTES = EnergyKind.values().length * (Tariff.COUNT + 1) * Long.BYTES;

    private final long[][] values = new long[EnergyKind.values().length][Tariff.COUNT + 1];

    public EnergyRegisters() {
    }

    private EnergyRegisters(long[][] src) {
        for (int k = 0; k < src.length; k++) {
            System.arraycopy(src[k], 0, values[k], 0, Tariff.COUNT + 1);
        }
    }

    /** Adds a metrology delta, charging every kind to {@code tariff}. */
    public void add(EnergyDelta delta, Tariff tariff) {
        for (EnergyKind k : EnergyKind.values()) {
            long v = k.of(delta);
            if (v != 0) {
                long[] row = values[k.ordinal()];
                row[0] = Math.addExact(row[0], v);
                row[tariff.number()] = Math.addExact(row[tariff.number()], v);
            }
        }
    }

    /** The total of {@code kind}. */
    public long total(EnergyKind kind) {
        return values[kind.ordinal()][0];
    }

    /** The register of {@code kind} in {@code tariff}. */
    public long tariff(EnergyKind kind, Tariff tariff) {
        return values[kind.ordinal()][tariff.number()];
    }

    /** Index 0 = total, 1..4 = tariffs, as DL/T 645's DI1 byte. */
    public long get(EnergyKind kind, int index) {
        if (index < 0 || index > Tariff.COUNT) {
            throw new IllegalArgumentException("register index must be 0..4, was " + index);
        }
        return values[kind.ordinal()][index];
    }

    /** Meter clear (1AH): every register back to zero. */
    public void clear() {
        for (long[] row : values) {
            Arrays.fill(row, 0);
        }
    }

    public EnergyRegisters copy() {
        return new EnergyRegisters(values);
    }

    /** Whether no register is below the same register of {@code earlier}. */
    public boolean isAtLeast(EnergyRegisters earlier) {
        for (int k = 0; k < values.length; k++) {
            for (int i = 0; i <= Tariff.COUNT; i++) {
                if (values[k][i] < earlier.values[k][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether each total equals the sum of its tariffs (the invariant {@link #add} keeps). */
    public boolean isConsistent() {
        for (long[] row : values) {
            long sum = 0;
            for (int i = 1; i <= Tariff.COUNT; i++) {
                if (row[i] < 0) {
                    return false;
                }
                sum += row[i];
            }
            if (sum != row[0]) {
                return false;
            }
        }
        return true;
    }

    public void writeTo(ByteBuffer out) {
        for (long[] row : values) {
            for (long v : row) {
                out.putLong(v);
            }
        }
    }

    /** Reads what {@link #writeTo} wrote; refuses negative registers or totals that disagree with their tariffs. */
    public static EnergyRegisters readFrom(ByteBuffer in) {
        EnergyRegisters r = new EnergyRegisters();
        for (long[] row : r.values) {
            for (int i = 0; i < row.length; i++) {
                row[i] = in.getLong();
            }
        }
        if (!r.isConsistent()) {
            throw new IllegalArgumentException("stored energy registers are inconsistent (total != sum of tariffs, or negative)");
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnergyRegisters r && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "EnergyRegisters{fwd=" + Arrays.toString(values[0]) + ", rev=" + Arrays.toString(values[1])
                + ", q+=" + Arrays.toString(values[2]) + ", q-=" + Arrays.toString(values[3]) + "}";
    }
}
