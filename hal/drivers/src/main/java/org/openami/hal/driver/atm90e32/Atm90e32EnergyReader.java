package org.openami.hal.driver.atm90e32;

import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;

import org.openami.hal.HalException;
import org.openami.hal.IntegrityException;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyQuantity;
import org.openami.hal.time.HalClock;

/**
 * Reads the twelve per-phase read-with-clear energy registers (forward/reverse active and
 * reactive of phases A..C) into the accumulator, each as soon as it is read, scaled by the
 * software share of the calibration into sub-counts (1/1000 count).
 *
 * <p>A count that implies more than the configured maximum phase power since that
 * register's previous accepted read (for example a register stuck at 0xFFFF) is rejected
 * with {@link IntegrityException} and not added. The first read of a register after
 * construction has no time base and is accepted up to the register's 0xFFFF.
 *
 * <p>Read at least every few seconds: a register holds 0xFFFF counts, which at 20 kW per
 * phase on the reference board is 10 s. Blocks; not thread-safe.
 */
final class Atm90e32EnergyReader {

    private static final int[] BASE = {AP_ENERGY_T, AN_ENERGY_T, RP_ENERGY_T, RN_ENERGY_T};
    private static final EnergyQuantity[] QUANTITY = {EnergyQuantity.IMPORT_ACTIVE, EnergyQuantity.EXPORT_ACTIVE,
        EnergyQuantity.IMPORT_REACTIVE, EnergyQuantity.EXPORT_REACTIVE};
    /** Beyond this span since the last read the plausibility bound is not applied. */
    private static final long MAX_CHECKED_MILLIS = 3_600_000L;

    private final Atm90e32Bus bus;
    private final Atm90e32Config config;
    private final HalClock clock;
    private final CountScaler[][] scalers = new CountScaler[4][3];
    private final long[][] lastAccepted = new long[4][3];
    private final boolean[][] seen = new boolean[4][3];

    Atm90e32EnergyReader(Atm90e32Bus bus, Atm90e32Config config, HalClock clock) {
        this.bus = bus;
        this.config = config;
        this.clock = clock;
        for (int k = 0; k < 4; k++) {
            for (int p = 0; p < 3; p++) {
                scalers[k][p] = new CountScaler();
            }
        }
    }

    void accumulate(EnergyAccumulator acc, PhaseSettings[] phases) throws HalException {
        for (int k = 0; k < 4; k++) {
            for (int p = 0; p < 3; p++) {
                int counts = bus.read(BASE[k] + 1 + p);
                long now = clock.nanoTime();
                checkPlausible(k, p, counts, now);
                long gain = k < 2 ? phases[p].activeSoftPpm() : phases[p].reactiveSoftPpm();
                acc.addCounts(QUANTITY[k], scalers[k][p].toSubCounts(counts, gain));
                lastAccepted[k][p] = now;
                seen[k][p] = true;
            }
        }
    }

    private void checkPlausible(int k, int p, int counts, long nowNanos) throws IntegrityException {
        if (!seen[k][p]) {
            return;
        }
        long millis = Math.max(0, (nowNanos - lastAccepted[k][p]) / 1_000_000);
        if (millis > MAX_CHECKED_MILLIS) {
            return;
        }
        // W x ms -> nWh: x 1e6 / 3600; two counts of slack for the chip's own carry
        long maxNanoWh = config.maxPhasePowerW() * millis * 1_000_000L / 3600;
        long maxCounts = maxNanoWh / config.energyNanoWhPerCount() + 2;
        if (counts > maxCounts) {
            throw new IntegrityException(bus.device(), String.format(
                    "energy register 0x%03X: %d counts in %d ms exceed %d W (register stuck or corrupt?)",
                    BASE[k] + 1 + p, counts, millis, config.maxPhasePowerW()));
        }
    }
}
