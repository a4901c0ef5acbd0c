package org.openami.hal.io;

/**
 * Turns energy into test pulses at the meter constant (imp/kWh) without losing remainders:
 * feed every energy delta, emit the pulses it returns. Not thread-safe.
 */
public final class EnergyPulser {

    private static final long MWH_PER_KWH = 1_000_000;
    private final int impulsesPerKwh;
    private long scaledRemainder;

    /** @param impulsesPerKwh the meter constant printed on the nameplate, e.g. 1200 */
    public EnergyPulser(int impulsesPerKwh) {
        if (impulsesPerKwh <= 0 || impulsesPerKwh > 100_000) {
            throw new IllegalArgumentException("meter constant out of 1..100000 imp/kWh: " + impulsesPerKwh);
        }
        this.impulsesPerKwh = impulsesPerKwh;
    }

    /** Adds active energy (mWh) and returns how many whole pulses are now due. */
    public int add(long energyMwh) {
        if (energyMwh < 0) {
            throw new IllegalArgumentException("energy must not be negative");
        }
        scaledRemainder = Math.addExact(scaledRemainder, Math.multiplyExact(energyMwh, impulsesPerKwh));
        long pulses = scaledRemainder / MWH_PER_KWH;
        scaledRemainder -= pulses * MWH_PER_KWH;
        return Math.toIntExact(pulses);
    }
}
