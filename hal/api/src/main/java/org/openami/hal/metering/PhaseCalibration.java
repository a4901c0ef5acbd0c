package org.openami.hal.metering;

/**
 * Calibration coefficients of one phase, chip-neutral. Drivers write them into the chip's
 * gain, offset and phase registers where the chip has them, and apply the rest in software.
 *
 * @param voltageGainPpm        voltage gain in parts per million (1,000,000 = x1.0)
 * @param currentGainPpm        current gain in ppm
 * @param activePowerGainPpm    active power (and energy) gain in ppm
 * @param reactivePowerGainPpm  reactive power (and energy) gain in ppm
 * @param phaseCorrectionMilliDeg subtracted from the measured voltage-to-current angle (current
 *                              lagging counts positive), in 0.001 degree: set it to the lag the
 *                              CT and filters add, and the measured angle becomes the true one
 * @param currentOffsetMa       added to the RMS current after gain, in mA
 * @param activePowerOffsetMw   added to active power after gain, in mW
 */
public record PhaseCalibration(int voltageGainPpm, int currentGainPpm, int activePowerGainPpm,
                               int reactivePowerGainPpm, int phaseCorrectionMilliDeg,
                               int currentOffsetMa, int activePowerOffsetMw) {

    /** Accepted gain range, 0.5x .. 1.5x: what every supported chip's gain register can hold. */
    public static final int MIN_GAIN_PPM = 500_000;
    public static final int MAX_GAIN_PPM = 1_500_000;
    /** Accepted phase correction range, +-5 degrees. */
    public static final int MAX_PHASE_MILLI_DEG = 5_000;

    public static final PhaseCalibration IDENTITY = new PhaseCalibration(1_000_000, 1_000_000, 1_000_000, 1_000_000, 0, 0, 0);

    public PhaseCalibration {
        checkGain("voltageGainPpm", voltageGainPpm);
        checkGain("currentGainPpm", currentGainPpm);
        checkGain("activePowerGainPpm", activePowerGainPpm);
        checkGain("reactivePowerGainPpm", reactivePowerGainPpm);
        if (Math.abs(phaseCorrectionMilliDeg) > MAX_PHASE_MILLI_DEG) {
            throw new IllegalArgumentException("phaseCorrectionMilliDeg out of +-" + MAX_PHASE_MILLI_DEG + ": " + phaseCorrectionMilliDeg);
        }
    }

    private static void checkGain(String name, int ppm) {
        if (ppm < MIN_GAIN_PPM || ppm > MAX_GAIN_PPM) {
            throw new IllegalArgumentException(name + " out of " + MIN_GAIN_PPM + ".." + MAX_GAIN_PPM + ": " + ppm);
        }
    }

    public PhaseCalibration withGains(int voltage, int current, int active, int reactive) {
        return new PhaseCalibration(voltage, current, active, reactive, phaseCorrectionMilliDeg, currentOffsetMa, activePowerOffsetMw);
    }

    public PhaseCalibration withPhaseCorrection(int milliDeg) {
        return new PhaseCalibration(voltageGainPpm, currentGainPpm, activePowerGainPpm, reactivePowerGainPpm, milliDeg, currentOffsetMa, activePowerOffsetMw);
    }

    public PhaseCalibration withReactiveGain(int ppm) {
        return new PhaseCalibration(voltageGainPpm, currentGainPpm, activePowerGainPpm, ppm, phaseCorrectionMilliDeg, currentOffsetMa, activePowerOffsetMw);
    }

    public PhaseCalibration withOffsets(int currentMa, int activePowerMw) {
        return new PhaseCalibration(voltageGainPpm, currentGainPpm, activePowerGainPpm, reactivePowerGainPpm, phaseCorrectionMilliDeg, currentMa, activePowerMw);
    }
}
