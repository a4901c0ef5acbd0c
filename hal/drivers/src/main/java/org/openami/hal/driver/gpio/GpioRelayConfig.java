package org.openami.hal.driver.gpio;

import java.time.Duration;
import org.openami.hal.relay.RelayKind;

/**
 * How a relay is driven.
 *
 * @param kind               monostable (one coil line; energised = open, so a dead meter
 *                           keeps the customer supplied) or latching (set and reset coils)
 * @param coilPulse          latching: how long a coil is energised to move the contacts
 *                           (the relay's datasheet minimum plus margin, typically 50..100 ms)
 * @param settle             wait after driving the coil before reading the feedback contact
 * @param feedbackClosedHigh the feedback line reads high when the contacts are closed
 */
public record GpioRelayConfig(RelayKind kind, Duration coilPulse, Duration settle, boolean feedbackClosedHigh) {

    public GpioRelayConfig {
        if (coilPulse.isNegative() || coilPulse.isZero() || coilPulse.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("coil pulse out of (0, 1 s]: " + coilPulse);
        }
        if (settle.isNegative() || settle.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("settle time out of [0, 2 s]: " + settle);
        }
    }

    /** A typical latching meter relay: 80 ms pulse, 20 ms settle, feedback high when closed. */
    public static GpioRelayConfig latching() {
        return new GpioRelayConfig(RelayKind.LATCHING, Duration.ofMillis(80), Duration.ofMillis(20), true);
    }

    public static GpioRelayConfig monostable() {
        return new GpioRelayConfig(RelayKind.MONOSTABLE, Duration.ofMillis(20), Duration.ofMillis(20), true);
    }
}
