package org.openami.hal.driver.atm90e32;

import static org.openami.hal.driver.atm90e32.IntMath.clamp;
import static org.openami.hal.driver.atm90e32.IntMath.roundDiv;

import org.openami.hal.metering.PhaseCalibration;

/**
 * Maps chip-neutral {@link PhaseCalibration} onto ATM90E32AS registers, with integer
 * arithmetic only. HAL gains are relative to the reading with unity board gains.
 * <ul>
 *   <li>Ugain = unityUgain x voltage gain; Igain = unityIgain x current gain. Both scale the
 *       samples, so the chip's power already carries their product.</li>
 *   <li>PQGain (two's complement, gain 1 + raw/32768 [?]) takes the active gain divided by
 *       that product. PQGain is shared by active and reactive power, so the reactive gain,
 *       and whatever rounding leaves of the active gain, are applied in software (to
 *       readings and to energy counts).</li>
 *   <li>Phi: bit 15 = 1 delays the current path (negative correction), bits 9..0 the delay
 *       in 1/2.048 MHz steps, converted at the nominal line frequency [?]; up to +-9 degrees
 *       at 50 Hz, so every allowed correction (+-5 degrees) fits.</li>
 *   <li>Poffset: active power offset, 0.32 mW per LSB (+-10.48 W) [?]; larger offsets are
 *       clamped (not expected: calibration offsets are milliwatts).</li>
 *   <li>Ioffset: RMS current offset after the gain, 1/512 mA per LSB (+-64 mA) [?]; the
 *       rest is added in software (it does not touch energy).</li>
 * </ul>
 */
final class CalibrationMapper {

    static final long PPM = 1_000_000L;
    static final int PQ_ONE = 32768;
    static final long PHI_STEPS_PER_SECOND = 2_048_000L;
    static final int PHI_MAX_STEPS = 0x3FF;
    static final int IOFFSET_STEPS_PER_MA = 512;

    private CalibrationMapper() {
    }

    static PhaseSettings map(PhaseCalibration c, Atm90e32Config cfg) {
        int ugain = (int) clamp(roundDiv((long) cfg.unityUgain() * c.voltageGainPpm(), PPM), 1, 0xFFFF);
        int igain = (int) clamp(roundDiv((long) cfg.unityIgain() * c.currentGainPpm(), PPM), 1, 0xFFFF);
        long uiPpm = roundDiv((long) ugain * igain * PPM, (long) cfg.unityUgain() * cfg.unityIgain());
        long pqPpm = roundDiv(c.activePowerGainPpm() * PPM, uiPpm);
        int pq = (int) clamp(roundDiv((pqPpm - PPM) * PQ_ONE, PPM), -PQ_ONE, PQ_ONE - 1);
        long chipPowerPpm = roundDiv(uiPpm * (PQ_ONE + pq), PQ_ONE);
        long activeSoft = roundDiv(c.activePowerGainPpm() * PPM, chipPowerPpm);
        long reactiveSoft = roundDiv(c.reactivePowerGainPpm() * PPM, chipPowerPpm);

        int poffset = (int) clamp(roundDiv(c.activePowerOffsetMw() * 25L, 8), -0x7FFF, 0x7FFF);
        int ioffset = (int) clamp((long) c.currentOffsetMa() * IOFFSET_STEPS_PER_MA, -0x7FFF, 0x7FFF);
        int residualMa = (int) (c.currentOffsetMa() - roundDiv(ioffset, IOFFSET_STEPS_PER_MA));
        return new PhaseSettings(ugain, igain, ioffset & 0xFFFF, pq & 0xFFFF,
                phi(c.phaseCorrectionMilliDeg(), cfg.lineFrequencyHz()), poffset & 0xFFFF,
                residualMa, activeSoft, reactiveSoft);
    }

    /** Phase register for a correction in millidegrees at the nominal line frequency. */
    static int phi(int milliDeg, int lineHz) {
        long steps = roundDiv(Math.abs((long) milliDeg) * PHI_STEPS_PER_SECOND, 360_000L * lineHz);
        int magnitude = (int) Math.min(steps, PHI_MAX_STEPS);
        return milliDeg < 0 ? 0x8000 | magnitude : magnitude;
    }
}
