package org.openami.sim.chip.atm90e32;

import static org.openami.sim.chip.atm90e32.Atm90e32Map.*;

import org.openami.sim.chip.ChipCorrection;

/**
 * Decodes the calibration registers into the physical corrections the shared metrology
 * applies. The encodings of PQGain and Phi are not in any reachable source; the model
 * fixes these (and the driver must agree):
 * <ul>
 *   <li>Ugain/Igain: linear; the board's {@code unityUgain}/{@code unityIgain} register
 *       value makes an error-free front end read true volts/amperes. They scale the samples,
 *       so they act on RMS values, powers and energy alike (as community calibrations that
 *       only set Ugain/Igain imply).</li>
 *   <li>PQGainX: two's complement, active and reactive gain {@code 1 + raw / 32768}
 *       (the ATM90E26 Lgain convention) [?].</li>
 *   <li>PhiX: bit 15 selects the delayed path (0 = voltage delayed, which reduces the
 *       measured current lag; 1 = current delayed), bits 9..0 the delay in steps of
 *       1 / 2.048 MHz; in degrees at the nominal frequency MMode0 selects [?].</li>
 *   <li>PoffsetX: two's complement, added to active power after the gains, 1 LSB =
 *       0.32 mW (the 32-bit power LSB; inferred from the community offset formula) [?].
 *       QoffsetX is stored but has no effect.</li>
 *   <li>IoffsetX/UoffsetX: two's complement, added to the RMS value after the gain,
 *       1 LSB = 1/512 of the RMS register's LSB (the community formula writes
 *       -(x &gt;&gt; 7) of the 32-bit RMS value) [?].</li>
 * </ul>
 * While MeterEn is 0 the chip does not meter: every gain decodes as 0.
 */
final class CorrectionDecoder {

    static final double PHI_STEP_SECONDS = 1 / 2.048e6;
    static final double POWER_LSB_W = 0.00032;
    /** PL_constant x meter constant (imp/kWh), assuming inverse proportionality [?]. */
    static final double PL_CONSTANT_TIMES_MC = 4.5e11;

    private final ConfigRegisters regs;
    private final double unityUgain;
    private final double unityIgain;

    CorrectionDecoder(ConfigRegisters regs, int unityUgain, int unityIgain) {
        this.regs = regs;
        this.unityUgain = unityUgain;
        this.unityIgain = unityIgain;
    }

    boolean metering() {
        return (regs.read(METER_EN) & 1) != 0;
    }

    ChipCorrection forPhase(int p) {
        if (!metering()) {
            return new ChipCorrection(0, 0, 0, 0, 0, 0, 0);
        }
        double u = regs.read(stride4(UGAIN_A, p)) / unityUgain;
        double i = regs.read(stride4(IGAIN_A, p)) / unityIgain;
        double pq = 1 + regs.signed(stride2(PQ_GAIN_A, p)) / 32768.0;
        double offsetW = regs.signed(stride2(POFFSET_A, p)) * POWER_LSB_W;
        return new ChipCorrection(u, i, u * i * pq, u * i * pq, phaseCorrectionDeg(p), offsetW, 0);
    }

    double phaseCorrectionDeg(int p) {
        int raw = regs.read(stride2(PHI_A, p));
        double deg = (raw & 0x3FF) * PHI_STEP_SECONDS * 360 * nominalHz();
        return (raw & 0x8000) != 0 ? -deg : deg;
    }

    /** Added to the phase's RMS current after the gain, in amperes. */
    double currentOffsetA(int p) {
        return regs.signed(stride4(IOFFSET_A, p)) / 512.0 * 0.001;
    }

    /** Added to the phase's RMS voltage after the gain, in volts. */
    double voltageOffsetV(int p) {
        return regs.signed(stride4(UOFFSET_A, p)) / 512.0 * 0.01;
    }

    double nominalHz() {
        return (regs.read(MMODE0) & MMODE0_FREQ60HZ) != 0 ? 60 : 50;
    }

    /** Whether phase {@code p} is summed into the total (T) registers: MMode0 EnPA/EnPB/EnPC = bits 2/1/0. */
    boolean inTotals(int p) {
        return (regs.read(MMODE0) & (4 >> p)) != 0;
    }

    /** Energy of one count of an energy register: {@code lsbCf} of one CF pulse, CF from PLconst. */
    double whPerCount(double lsbCf) {
        long plConst = ((long) regs.read(PL_CONST_H) << 16) | regs.read(PL_CONST_L);
        double impulsesPerKwh = PL_CONSTANT_TIMES_MC / Math.max(1, plConst);
        return 1000.0 / impulsesPerKwh * lsbCf;
    }
}
