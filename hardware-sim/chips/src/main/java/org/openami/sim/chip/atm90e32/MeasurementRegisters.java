package org.openami.sim.chip.atm90e32;

import static org.openami.sim.chip.atm90e32.Atm90e32Map.*;

import java.time.Instant;
import org.openami.sim.chip.EnergyIntegrator;
import org.openami.sim.chip.Measurement;

/**
 * The read-only measurement registers 0xB0..0xFF (except energy), quantised from the
 * shared metrology at the instant of the read. Scalings: Urms 0.01 V, Irms 0.001 A, each
 * with an LSB register whose bits 15..8 carry 8 more fractional bits; P/Q/S as a 32-bit
 * two's complement value (high word register, then LSB register) of 0.32 mW per LSB; PF
 * 0.001 two's complement; Freq 0.01 Hz; angles 0.1 degree. Values are recomputed on every
 * read, so a 32-bit pair is coherent only while simulated time stands still between the two
 * reads (as on the real chip, which refreshes its averages in the background).
 *
 * <p>Not modelled (read 0): IrmsN, UPeak/IPeak, harmonic power. Fundamental power equals
 * total power (the load models are pure sine waves). Temperature reads 25 degrees C.
 */
final class MeasurementRegisters {

    private record Phase(double volts, double amps, double watts, double vars, double va, double hertz) {
        static final Phase OFF = new Phase(0, 0, 0, 0, 0, 0);
    }

    private final EnergyIntegrator integrator;
    private final CorrectionDecoder decoder;

    MeasurementRegisters(EnergyIntegrator integrator, CorrectionDecoder decoder) {
        this.integrator = integrator;
        this.decoder = decoder;
    }

    int read(int address, Instant now) {
        if (address >= PMEAN_T && address <= 0xBB) {
            return high(power32(address - PMEAN_T, now));
        }
        if (address >= PMEAN_T_LSB && address <= 0xCB) {
            return power32(address - PMEAN_T_LSB, now) & 0xFFFF;
        }
        if (address >= PFMEAN_T && address <= PFMEAN_T + 3) {
            return powerFactor(address - PFMEAN_T, now) & 0xFFFF;
        }
        if (address >= 0xD0 && address <= 0xD3) {
            return high(power32(address - 0xD0, now));
        }
        if (address >= 0xE0 && address <= 0xE3) {
            return power32(address - 0xE0, now) & 0xFFFF;
        }
        if (address >= URMS_A && address <= URMS_A + 2) {
            return rms24(phase(address - URMS_A, now).volts * 100) >>> 8;
        }
        if (address >= URMS_A_LSB && address <= URMS_A_LSB + 2) {
            return (rms24(phase(address - URMS_A_LSB, now).volts * 100) & 0xFF) << 8;
        }
        if (address >= IRMS_A && address <= IRMS_A + 2) {
            return rms24(phase(address - IRMS_A, now).amps * 1000) >>> 8;
        }
        if (address >= IRMS_A_LSB && address <= IRMS_A_LSB + 2) {
            return (rms24(phase(address - IRMS_A_LSB, now).amps * 1000) & 0xFF) << 8;
        }
        if (address >= PANGLE_A && address <= PANGLE_A + 2) {
            Phase ph = phase(address - PANGLE_A, now);
            double deg = Math.toDegrees(Math.atan2(ph.vars, ph.watts));
            return (int) Math.round((deg < 0 ? deg + 360 : deg) * 10) % 3600;
        }
        if (address >= UANGLE_A && address <= UANGLE_A + 2) {
            return decoder.metering() ? (address - UANGLE_A) * 1200 : 0;
        }
        if (address == FREQ) {
            return (int) Math.round(phase(0, now).hertz * 100) & 0xFFFF;
        }
        if (address == TEMP) {
            return 25;
        }
        return 0;
    }

    /**
     * EMMState0 (which 0) or EMMState1 (which 1) as now measured. EMMState0: bit 3/2 = total
     * active/reactive power reverse (CF1/CF2 direction). EMMState1: bit 15 frequency above
     * FreqHiTh, bit 11 below FreqLoTh (each only if the threshold is set), bit 7/3 total
     * Q/P positive, bits 6..4 and 2..0 Q and P of phases A/B/C positive (A in the high bit).
     */
    int emmState(int which, Instant now, ConfigRegisters regs) {
        Phase[] ph = {phase(0, now), phase(1, now), phase(2, now)};
        double pT = 0;
        double qT = 0;
        for (int p = 0; p < 3; p++) {
            pT += decoder.inTotals(p) ? ph[p].watts : 0;
            qT += decoder.inTotals(p) ? ph[p].vars : 0;
        }
        if (which == 0) {
            return (pT < 0 ? 1 << 3 : 0) | (qT < 0 ? 1 << 2 : 0);
        }
        int s = (qT > 0 ? 1 << 7 : 0) | (pT > 0 ? 1 << 3 : 0);
        for (int p = 0; p < 3; p++) {
            s |= ph[p].vars > 0 ? 1 << (6 - p) : 0;
            s |= ph[p].watts > 0 ? 1 << (2 - p) : 0;
        }
        int centiHz = (int) Math.round(ph[0].hertz * 100);
        int hi = regs.read(FREQ_HI_TH);
        int lo = regs.read(FREQ_LO_TH);
        s |= hi != 0 && centiHz > hi ? 1 << 15 : 0;
        s |= lo != 0 && centiHz < lo ? 1 << 11 : 0;
        return s;
    }

    private Phase phase(int p, Instant now) {
        if (!decoder.metering()) {
            return Phase.OFF;
        }
        Measurement m = integrator.measure(now, p);
        double v = Math.max(0, m.voltageV() + decoder.voltageOffsetV(p));
        double i = Math.max(0, m.currentA() + decoder.currentOffsetA(p));
        return new Phase(v, i, m.activeW(), m.reactiveVar(), v * i, m.frequencyHz());
    }

    /** 32-bit P (kind 0), Q (1) or S (2) of total (index 0) or phase A..C (1..3), in 0.32 mW. */
    private int power32(int offset, Instant now) {
        int kind = offset / 4;
        int index = offset % 4;
        double sum = 0;
        for (int p = 0; p < 3; p++) {
            if (index == p + 1 || (index == 0 && decoder.inTotals(p))) {
                Phase ph = phase(p, now);
                sum += kind == 0 ? ph.watts : kind == 1 ? ph.vars : ph.va;
            }
        }
        double lsb = Math.round(sum / CorrectionDecoder.POWER_LSB_W);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, lsb));
    }

    private int powerFactor(int index, Instant now) {
        double watts = 0;
        double va = 0;
        for (int p = 0; p < 3; p++) {
            if (index == p + 1 || (index == 0 && decoder.inTotals(p))) {
                Phase ph = phase(p, now);
                watts += ph.watts;
                va += ph.va;
            }
        }
        if (va <= 0) {
            return 0;
        }
        return (int) Math.round(Math.max(-1, Math.min(1, watts / va)) * 1000);
    }

    private static int high(int value32) {
        return (value32 >>> 16) & 0xFFFF;
    }

    /** An RMS value in register LSBs as a 24-bit number: 16 register bits and 8 fraction bits. */
    private static int rms24(double lsbs) {
        return (int) Math.max(0, Math.min(0xFFFFFF, Math.round(lsbs * 256)));
    }
}
