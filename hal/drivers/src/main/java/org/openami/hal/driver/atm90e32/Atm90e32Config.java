package org.openami.hal.driver.atm90e32;

import java.time.Duration;

/**
 * Board constants and driver policy for one ATM90E32AS. Immutable.
 *
 * <p><b>Reference board</b> ({@link #referenceBoard()}): 3P4W, 230 V / 50 Hz, each voltage
 * through a resistor divider, each current through a 100 A : 50 mA split-core CT with a
 * burden resistor; Ib 10 A, Imax 60 A (the Irms register's 0.001 A LSB limits any board to
 * 65.535 A). Ugain 40 000 and Igain 30 000 are the design values at which that front end
 * reads true volts and amperes; they lie in the range of published ATM90E32 boards but are
 * placeholders until the first board is measured, and calibration corrects +-50 % around
 * them. PLconst 0x0861C468 gives 3200 imp/kWh; with the energy register LSB of 0.01 CF one
 * count is 3.125 mWh (3 125 000 nWh).
 *
 * @param unityUgain           Ugain at which an error-free front end reads true volts
 *                             (at most 43 690 so that a 1.5x calibration still fits 16 bits)
 * @param unityIgain           Igain at which an error-free front end reads true amperes
 * @param plConstant           PL_constant written to PLconstH/L (sets the CF meter constant)
 * @param energyNanoWhPerCount energy of one energy-register count, a multiple of 1000 nWh
 * @param lineFrequencyHz      50 or 60 (MMode0 Freq60Hz; also scales the phase register)
 * @param maxPhasePowerW       the most one phase can draw; energy counts implying more
 *                             since the previous read are rejected as corrupt
 * @param retryAttempts        attempts per bus operation, 1..10
 * @param retryPause           wait between two attempts
 */
public record Atm90e32Config(int unityUgain, int unityIgain, long plConstant, long energyNanoWhPerCount,
                             int lineFrequencyHz, int maxPhasePowerW, int retryAttempts, Duration retryPause) {

    /** Largest unity gain that still leaves room for the maximum calibration gain of 1.5. */
    public static final int MAX_UNITY_GAIN = 0xFFFF * 2 / 3;

    public Atm90e32Config {
        if (unityUgain < 1000 || unityUgain > MAX_UNITY_GAIN || unityIgain < 1000 || unityIgain > MAX_UNITY_GAIN) {
            throw new IllegalArgumentException("unity gains out of 1000.." + MAX_UNITY_GAIN);
        }
        if (plConstant <= 0 || plConstant > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PL constant must fit 32 bits: " + plConstant);
        }
        if (energyNanoWhPerCount <= 0 || energyNanoWhPerCount % Atm90e32FrontEnd.SUB_COUNTS != 0) {
            throw new IllegalArgumentException("nWh per count must be a positive multiple of "
                    + Atm90e32FrontEnd.SUB_COUNTS + ": " + energyNanoWhPerCount);
        }
        if (lineFrequencyHz != 50 && lineFrequencyHz != 60) {
            throw new IllegalArgumentException("line frequency must be 50 or 60 Hz: " + lineFrequencyHz);
        }
        if (maxPhasePowerW <= 0 || maxPhasePowerW > 1_000_000) {
            throw new IllegalArgumentException("max phase power out of 1..1000000 W: " + maxPhasePowerW);
        }
        if (retryAttempts < 1 || retryAttempts > 10 || retryPause == null || retryPause.isNegative()) {
            throw new IllegalArgumentException("retry attempts out of 1..10 or negative pause");
        }
    }

    /** The reference board described above; 3 attempts 2 ms apart. */
    public static Atm90e32Config referenceBoard() {
        return new Atm90e32Config(40_000, 30_000, 0x0861_C468L, 3_125_000L, 50, 20_000, 3, Duration.ofMillis(2));
    }

    public Atm90e32Config withLineFrequencyHz(int hz) {
        return new Atm90e32Config(unityUgain, unityIgain, plConstant, energyNanoWhPerCount, hz, maxPhasePowerW,
                retryAttempts, retryPause);
    }

    public Atm90e32Config withRetries(int attempts, Duration pause) {
        return new Atm90e32Config(unityUgain, unityIgain, plConstant, energyNanoWhPerCount, lineFrequencyHz,
                maxPhasePowerW, attempts, pause);
    }
}
