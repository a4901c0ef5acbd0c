package org.openami.hal.driver.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import org.openami.hal.BusException;
import org.openami.hal.HalException;
import org.openami.hal.io.PulseOutput;
import org.openami.hal.time.HalClock;

/** The energy pulse LED on a GPIO output: high for the pulse width. Contract as in {@link PulseOutput}. */
public final class GpioPulseOutput implements PulseOutput {

    private final String name;
    private final DigitalOutput led;
    private final Duration width;
    private final HalClock clock;
    private long pulses;

    public GpioPulseOutput(String name, DigitalOutput led, Duration width, HalClock clock) {
        if (width.isNegative() || width.isZero() || width.toMillis() > 200) {
            throw new IllegalArgumentException("pulse width out of (0, 200 ms]: " + width);
        }
        this.name = name;
        this.led = led;
        this.width = width;
        this.clock = clock;
    }

    @Override
    public void pulse() throws HalException, InterruptedException {
        try {
            led.high();
            clock.sleep(width);
        } catch (RuntimeException e) {
            throw new BusException(name, "cannot drive pulse LED: " + e.getMessage(), e);
        } finally {
            try {
                led.low();
            } catch (RuntimeException ignored) {
                // the failure above is the one to report
            }
        }
        pulses++;
    }

    /** Pulses emitted so far. */
    public long pulses() {
        return pulses;
    }

    @Override
    public void close() {
        try {
            led.low();
        } catch (RuntimeException ignored) {
            // best effort on shutdown
        }
    }
}
