package org.openami.sim.chip.atm90e32;

import static org.openami.sim.chip.atm90e32.Atm90e32Map.AP_ENERGY_T;

import java.util.Arrays;
import org.openami.sim.chip.EnergyIntegrator;

/**
 * The read-with-clear energy registers 0x80..0x8F: forward/reverse active (AP/AN) and
 * forward/reverse reactive (RP/RN), each as total then phases A..C. Whole counts are moved
 * out of the integrator on every chip access and split by sign; the total registers get
 * the algebraic sum of the phases MMode0 includes. A read returns at most 0xFFFF and keeps
 * any excess for the next read [?: the real chip's behaviour on overflow is undocumented].
 * Apparent and fundamental/harmonic energy registers are not modelled (read 0). Not
 * thread-safe; the model serialises access.
 */
final class EnergyRegisters {

    private static final int AP = 0;
    private static final int AN = 4;
    private static final int RP = 8;
    private static final int RN = 12;
    private final long[] pending = new long[16];

    static boolean holds(int address) {
        return address >= AP_ENERGY_T && address < AP_ENERGY_T + 16;
    }

    /** Moves whole counts of {@code whPerCount} from the integrator into the registers. */
    void harvest(EnergyIntegrator integrator, CorrectionDecoder decoder, double whPerCount) {
        long netActive = 0;
        long netReactive = 0;
        for (int p = 0; p < 3; p++) {
            long a = integrator.takeCounts(p, false, whPerCount);
            long r = integrator.takeCounts(p, true, whPerCount);
            add(a, AP + 1 + p, AN + 1 + p);
            add(r, RP + 1 + p, RN + 1 + p);
            if (decoder.inTotals(p)) {
                netActive += a;
                netReactive += r;
            }
        }
        add(netActive, AP, AN);
        add(netReactive, RP, RN);
    }

    /** Returns the register's counts (at most 0xFFFF) and clears what it returned. */
    int readAndClear(int address) {
        int i = address - AP_ENERGY_T;
        int value = (int) Math.min(pending[i], 0xFFFF);
        pending[i] -= value;
        return value;
    }

    /** Pending counts of a register, without clearing (for tests). */
    long peek(int address) {
        return pending[address - AP_ENERGY_T];
    }

    void clear() {
        Arrays.fill(pending, 0);
    }

    private void add(long signedCounts, int positive, int negative) {
        if (signedCounts >= 0) {
            pending[positive] += signedCounts;
        } else {
            pending[negative] -= signedCounts;
        }
    }
}
