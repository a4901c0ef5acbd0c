package org.openami.hal.driver.bl0942;

import java.time.Duration;
import java.util.Objects;

/**
 * How one BL0942 is wired and talked to. Immutable.
 *
 * @param shuntMicroOhm    current shunt in micro-ohms (1 mOhm = 1000)
 * @param dividerUpperOhm  voltage divider resistance from the line to VP (R2, e.g. 5 x 390 kOhm)
 * @param dividerLowerOhm  voltage divider resistance from VP to ground (R1, e.g. 510 Ohm)
 * @param address          UART address 0..3 = (A2 << 1) | A1 (always 0 on the SSOP10 package)
 * @param lineFrequencyHz  50 or 60: the chip's AC_FREQ_SEL
 * @param attempts         bus attempts per operation, 1..10
 * @param retryPause       wait between attempts (on the driver's clock)
 * @param replyTimeout     real time to wait for a complete reply (a 23-byte packet takes 48 ms at 4800 baud)
 * @param reactivePower    what the driver reports as reactive power, which the chip does not measure
 */
public record Bl0942Config(int shuntMicroOhm, int dividerUpperOhm, int dividerLowerOhm, int address, int lineFrequencyHz,
                           int attempts, Duration retryPause, Duration replyTimeout, ReactivePower reactivePower) {

    /** The BL0942 measures no reactive power; this says what a reading carries instead. */
    public enum ReactivePower {
        /** Reactive power 0 (the default): honest, but the HAL Calibrator's reactive-gain step cannot run on it. */
        ZERO,
        /**
         * {@code sqrt(S^2 - P^2)} with S = Vrms x Irms, never negative: the non-active power. Equals |Q| only
         * for sinusoidal waveforms and cannot tell inductive from capacitive. Lets the HAL Calibrator run.
         */
        NON_ACTIVE_POWER
    }

    public Bl0942Config {
        Objects.requireNonNull(retryPause, "retryPause");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(reactivePower, "reactivePower");
        if (shuntMicroOhm < 100 || dividerUpperOhm <= 0 || dividerLowerOhm <= 0) {
            throw new IllegalArgumentException("shunt must be at least 100 uOhm and divider resistors positive");
        }
        if (address < 0 || address > 3) {
            throw new IllegalArgumentException("BL0942 address is 0..3: " + address);
        }
        if (lineFrequencyHz != 50 && lineFrequencyHz != 60) {
            throw new IllegalArgumentException("line frequency is 50 or 60 Hz: " + lineFrequencyHz);
        }
        if (replyTimeout.isNegative() || replyTimeout.isZero() || retryPause.isNegative()) {
            throw new IllegalArgumentException("reply timeout must be positive and retry pause not negative");
        }
    }

    /**
     * The datasheet reference design: 1 mOhm shunt, 5 x 390 kOhm over 510 Ohm divider (230 V gives
     * 60 mV at VP), address 0, 50 Hz, 3 attempts 20 ms apart, 200 ms reply timeout, reactive 0.
     */
    public static Bl0942Config referenceDesign() {
        return new Bl0942Config(1000, 1_950_000, 510, 0, 50, 3, Duration.ofMillis(20), Duration.ofMillis(200),
                ReactivePower.ZERO);
    }

    public Bl0942Config withAddress(int a) {
        return new Bl0942Config(shuntMicroOhm, dividerUpperOhm, dividerLowerOhm, a, lineFrequencyHz, attempts, retryPause,
                replyTimeout, reactivePower);
    }

    public Bl0942Config withRetries(int attemptCount, Duration pause) {
        return new Bl0942Config(shuntMicroOhm, dividerUpperOhm, dividerLowerOhm, address, lineFrequencyHz, attemptCount,
                pause, replyTimeout, reactivePower);
    }

    public Bl0942Config withReplyTimeout(Duration timeout) {
        return new Bl0942Config(shuntMicroOhm, dividerUpperOhm, dividerLowerOhm, address, lineFrequencyHz, attempts,
                retryPause, timeout, reactivePower);
    }

    public Bl0942Config withReactivePower(ReactivePower mode) {
        return new Bl0942Config(shuntMicroOhm, dividerUpperOhm, dividerLowerOhm, address, lineFrequencyHz, attempts,
                retryPause, replyTimeout, mode);
    }
}
