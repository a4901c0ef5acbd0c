package org.openami.sim.chip.bl0942;

import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import org.openami.hal.time.HalClock;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.ChipCorrection;
import org.openami.sim.chip.EnergyIntegrator;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.chip.Measurement;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;

/**
 * What the BL0942 computes from its two ADCs, quantised into its registers with the
 * datasheet transfer functions (Vref = 1.218 V, default current gain x16):
 * <pre>
 *   I_RMS = 305978 * I_mV / Vref        (I_mV = current * shunt, at the IP/IN pins)
 *   V_RMS =  73989 * V_mV / Vref        (V_mV = voltage / divider ratio, at VP)
 *   WATT  =   3537 * I_mV * V_mV * cos(phi) / Vref^2        (signed 24 bit)
 *   one CF_CNT count per 1638.4 * 256 WATT-LSB-seconds
 *   FREQ  = 1,000,000 / f
 * </pre>
 * The chip has no gain or phase registers: readings depend on the front end's analog errors
 * and on I_RMSOS (assumed here: I_RMS^2 is reduced by I_RMSOS * 8192, signed) and WA_CREEP
 * (|WATT| below WA_CREEP * 3125 / 256 reads 0, sets STATUS.CREEP and stops CF pulses).
 * I_FAST_RMS reads as I_RMS; I_WAVE and V_WAVE read 0; GAIN_CR does not rescale (its effect
 * on the constants is undocumented). Not thread-safe; the model serialises.
 */
final class Bl0942Metrology {

    static final double VREF = 1.218;
    private static final double RMSOS_LSB2 = 8192;
    private static final long CF_MASK = 0xFFFFFF;

    private final HalClock clock;
    private final LoadModel load;
    private final AnalogErrors errors;
    private final UserRegisters regs;
    private final double voltageLsbPerVolt;
    private final double currentLsbPerAmp;
    private final double wattLsbPerWatt;
    private final double whPerCount;
    private final EnergyIntegrator integrator;
    private PhaseState lastSeen;
    private long cfCount;

    /** Register values of one reading; {@code watt} and the others as their raw 24-bit patterns. */
    record Readings(long iRms, long vRms, long iFastRms, long watt, long freq, long status) {
    }

    Bl0942Metrology(HalClock clock, LoadModel load, AnalogErrors errors, double shuntMilliOhm, double dividerRatio,
                    UserRegisters regs) {
        if (!(shuntMilliOhm > 0) || !(dividerRatio > 1)) {
            throw new IllegalArgumentException("shunt must be positive and the divider ratio above 1");
        }
        this.clock = clock;
        this.load = load;
        this.errors = errors;
        this.regs = regs;
        double pinMvPerVolt = 1000 / dividerRatio;
        this.voltageLsbPerVolt = 73989 * pinMvPerVolt / VREF;
        this.currentLsbPerAmp = 305978 * shuntMilliOhm / VREF;
        this.wattLsbPerWatt = 3537 * shuntMilliOhm * pinMvPerVolt / (VREF * VREF);
        this.whPerCount = 1638.4 * 256 / wattLsbPerWatt / 3600;
        // the integrator sees the load through a tap that remembers the state it evaluates, so the
        // correction it asks for next can gate that slice's energy by the creep threshold
        this.integrator = new EnergyIntegrator((t, p) -> lastSeen = load.at(t, p), new AnalogErrors[] {errors},
                p -> energyCorrection(), clock.now());
    }

    GroundTruth groundTruth() {
        return integrator.groundTruth();
    }

    double whPerCount() {
        return whPerCount;
    }

    /** Integrates up to the clock's now and adds whole energy pulses to CF_CNT as MODE says. */
    void advance() {
        integrator.advanceTo(clock.now());
        long counts = integrator.takeCounts(0, false, whPerCount);
        int mode = regs.get(MODE);
        if (counts == 0 || (mode & MODE_CF_EN) == 0) {
            return;
        }
        long step = (mode & MODE_CF_CNT_ABS) != 0 ? Math.abs(counts) : counts;
        cfCount = (cfCount + step) & CF_MASK;
    }

    /** The measurement registers now. */
    Readings read() {
        PhaseState s = load.at(clock.now(), 0);
        Measurement m = Measurement.of(s, errors, correction());
        long iRms = clamp(Math.round(m.currentA() * currentLsbPerAmp), 0, CF_MASK);
        long vRms = clamp(Math.round(m.voltageV() * voltageLsbPerVolt), 0, CF_MASK);
        long watt = clamp(Math.round(m.activeW() * wattLsbPerWatt), -0x800000, 0x7FFFFF);
        boolean creep = Math.abs(watt) < creepThreshold();
        if (creep) {
            watt = 0;
        }
        int status = (creep ? STATUS_CREEP : 0) | (watt < 0 ? STATUS_CF_REVP : 0);
        double hz = s.frequencyHz();
        long freq = hz > 1e6 / 0xFFFF ? clamp(Math.round(1e6 / hz), 1, 0xFFFF) : 0xFFFF;
        return new Readings(iRms, vRms, iRms, watt & CF_MASK, freq, status);
    }

    long cfCount() {
        return cfCount;
    }

    void setCfCount(long value) {
        cfCount = value & CF_MASK;
    }

    /** CF_CNT back to zero and the fraction of a pulse the chip was holding dropped. */
    void powerOnReset() {
        cfCount = 0;
        integrator.clearPending();
    }

    private ChipCorrection correction() {
        int os = regs.rmsOffset();
        double offsetA = Math.signum(os) * Math.sqrt(Math.abs(os) * RMSOS_LSB2) / currentLsbPerAmp;
        return new ChipCorrection(1, 1, 1, 1, 0, 0, offsetA);
    }

    private ChipCorrection energyCorrection() {
        ChipCorrection c = correction();
        if (lastSeen != null && Math.abs(Measurement.of(lastSeen, errors, c).activeW() * wattLsbPerWatt) < creepThreshold()) {
            return new ChipCorrection(1, 1, 0, 0, 0, 0, c.currentOffsetA());
        }
        return c;
    }

    private double creepThreshold() {
        return regs.get(WA_CREEP) * 3125.0 / 256;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
