package org.openami.sim.chip.ade7953;

import static org.openami.sim.chip.ade7953.Ade7953Map.*;

import java.time.Duration;
import java.time.Instant;
import org.openami.sim.chip.ChipCorrection;
import org.openami.sim.chip.EnergyIntegrator;
import org.openami.sim.chip.Measurement;
import org.openami.sim.load.LoadModel;

/**
 * The chip's DSP for channel A: turns the analog front end's view of the load into register
 * codes, decodes the calibration registers into a {@link ChipCorrection}, and moves whole
 * energy counts from the {@link EnergyIntegrator} into the 24-bit energy registers.
 *
 * <p>Scaling (datasheet, Rev. B): an RMS input of 0.5 V peak / sqrt 2 at the pins after the
 * PGA reads 9,032,007 in VRMS/IRMSA; full-scale voltage and current at PF 1 read 4,862,401 in
 * AWATT (secondary sources); the energy registers count at 206.9 kHz at full scale. PHCALA
 * is sign-magnitude, 9-bit magnitude plus sign bit 9, one LSB = 4/CLKIN (about 1.117 us),
 * positive values cancelling a current lag (direction and LSB from secondary sources);
 * xWATTOS is 1/512 of an AWATT LSB; AIRMSOS/VRMSOS add {@code OS * 4096} to the mean square.
 * Not modelled: channel B, waveform and peak registers, no-load detection, line-cycle
 * accumulation, CF outputs, input clipping, the CRC register.
 */
final class Ade7953Metrology {

    static final double FULL_SCALE_RMS_VOLTS = 0.5 / Math.sqrt(2);
    static final double RMS_FULL_SCALE_CODE = 9_032_007;
    static final double POWER_FULL_SCALE_CODE = 4_862_401;
    static final double ENERGY_FULL_SCALE_RATE_HZ = 206_900;
    static final double PERIOD_CLOCK_HZ = 223_750;
    static final double PHCAL_CLOCK_HZ = 3_579_545 / 4.0;
    static final int PHCAL_MAX_MAGNITUDE = 383;
    private static final int[] PGA_GAINS = {1, 2, 4, 8, 16, 22, 1, 1};

    private final Ade7953Board board;
    private final LoadModel load;
    private final Ade7953Registers regs;
    private EnergyIntegrator integrator;
    private Instant apparentSince;
    private double apparentWh;

    Ade7953Metrology(Ade7953Board board, LoadModel load, Ade7953Registers regs) {
        this.board = board;
        this.load = load;
        this.regs = regs;
    }

    void attach(EnergyIntegrator integrator, Instant now) {
        this.integrator = integrator;
        this.apparentSince = now;
    }

    /** What the calibration registers currently do to phase A, for the integrator. */
    ChipCorrection correction(Instant now) {
        double gv = gain(AVGAIN);
        double gi = gain(AIGAIN);
        long ph = regs.get(PHCALA);
        int magnitude = (int) Math.min(ph & 0x1FF, PHCAL_MAX_MAGNITUDE);
        int lsb = (ph & 0x200) != 0 ? -magnitude : magnitude;
        double phaseDeg = lsb * 360.0 * load.at(now, 0).frequencyHz() / PHCAL_CLOCK_HZ;
        double offsetW = signed(AWATTOS) * wattsPerPowerLsb() / 512.0;
        double os = signed(AIRMSOS);
        double offsetA = -Math.signum(os) * Math.sqrt(Math.abs(os) * 4096) * ampsPerIrmsLsb() / gi;
        return new ChipCorrection(gv, gi, gv * gi * gain(AWGAIN), gv * gi * gain(AVARGAIN), phaseDeg, offsetW, offsetA);
    }

    /** The value of a DSP result register at {@code now}. */
    long result(int address, Instant now) {
        Measurement m = integrator.measure(now, 0);
        return switch (address) {
            case VRMS -> rms(m.voltageV() / voltsPerVrmsLsb(), VRMSOS);
            case IRMSA -> clampUnsigned(Math.round(m.currentA() / ampsPerIrmsLsb()));
            case AWATT -> clampSigned(Math.round(m.activeW() / wattsPerPowerLsb()));
            case AVAR -> clampSigned(Math.round(m.reactiveVar() / wattsPerPowerLsb()));
            case AVA -> clampSigned(Math.round(m.apparentVa() * gain(AVAGAIN) / wattsPerPowerLsb()));
            case PFA -> powerFactor(m) & 0xFFFF;
            case PERIOD -> period(m);
            default -> 0; // waveforms, peaks and channel B are not modelled
        };
    }

    /** Moves whole counts out of the integrator into the energy registers; call after advancing it. */
    void accumulate(Instant now) {
        double whPerCount = wattsPerPowerLsb() * POWER_FULL_SCALE_CODE / ENERGY_FULL_SCALE_RATE_HZ / 3600;
        addCounts(AENERGYA, integrator.takeCounts(0, false, whPerCount), IRQ_AEHF, IRQ_AEOF);
        addCounts(RENERGYA, integrator.takeCounts(0, true, whPerCount), IRQ_VAREHF, IRQ_VAREOF);
        double hours = Duration.between(apparentSince, now).toNanos() / 3.6e12;
        apparentSince = now;
        apparentWh += integrator.measure(now, 0).apparentVa() * gain(AVAGAIN) * hours;
        long counts = (long) (apparentWh / whPerCount);
        apparentWh -= counts * whPerCount;
        addCounts(APENERGYA, counts, IRQ_VAEHF, IRQ_VAEOF);
    }

    /** Drops apparent energy not yet counted (a chip reset). */
    void clearPending(Instant now) {
        apparentWh = 0;
        apparentSince = now;
    }

    /** 24-bit signed accumulation that rolls over like the chip, flagging half-full and overflow. */
    private void addCounts(int register, long counts, int halfFullIrq, int overflowIrq) {
        long sum = Ade7953Registers.signExtend24(regs.get(register)) + counts;
        if (sum > 0x7FFFFF || sum < -0x800000) {
            regs.raiseIrq(overflowIrq);
        }
        long wrapped = Ade7953Registers.signExtend24(sum & 0xFFFFFF);
        if (Math.abs(wrapped) >= 0x400000) {
            regs.raiseIrq(halfFullIrq);
        }
        regs.set(register, wrapped);
    }

    private long rms(double code, int offsetRegister) {
        double squared = code * code + signed(offsetRegister) * 4096.0;
        return clampUnsigned(Math.round(Math.sqrt(Math.max(0, squared))));
    }

    private long powerFactor(Measurement m) {
        if (m.apparentVa() <= 0) {
            return 0x7FFF;
        }
        double pf = m.activeW() / m.apparentVa();
        return Math.max(-32768, Math.min(32767, Math.round(pf * 32768)));
    }

    /** Line period in 223.75 kHz ticks minus one; 0xFFFF (no zero crossings) without voltage. */
    private long period(Measurement m) {
        if (m.voltageV() / voltsPerVrmsLsb() < RMS_FULL_SCALE_CODE / 100 || m.frequencyHz() <= 0) {
            return 0xFFFF;
        }
        return Math.min(0xFFFF, Math.round(PERIOD_CLOCK_HZ / m.frequencyHz()) - 1);
    }

    double voltsPerVrmsLsb() {
        return board.voltageDividerRatio() * FULL_SCALE_RMS_VOLTS / (pga(PGA_V) * RMS_FULL_SCALE_CODE);
    }

    double ampsPerIrmsLsb() {
        return FULL_SCALE_RMS_VOLTS / (pga(PGA_IA) * board.shuntOhms() * RMS_FULL_SCALE_CODE);
    }

    double wattsPerPowerLsb() {
        return voltsPerVrmsLsb() * ampsPerIrmsLsb() * RMS_FULL_SCALE_CODE * RMS_FULL_SCALE_CODE / POWER_FULL_SCALE_CODE;
    }

    private int pga(int register) {
        return PGA_GAINS[(int) (regs.get(register) & 7)];
    }

    private double gain(int register) {
        return regs.get(register) / (double) UNITY_GAIN;
    }

    private long signed(int register) {
        return Ade7953Registers.signExtend24(regs.get(register));
    }

    private static long clampUnsigned(long v) {
        return Math.max(0, Math.min(0xFFFFFF, v));
    }

    private static long clampSigned(long v) {
        return Math.max(-0x800000, Math.min(0x7FFFFF, v)) & 0xFFFFFF;
    }
}
