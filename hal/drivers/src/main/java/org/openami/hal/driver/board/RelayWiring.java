package org.openami.hal.driver.board;

import org.openami.hal.driver.gpio.GpioRelayConfig;
import org.openami.hal.relay.RelayKind;

/**
 * GPIO lines of the supply relay (BCM numbering).
 *
 * @param setPin      latching: set (close) coil; monostable: the coil
 * @param resetPin    latching: reset (open) coil; monostable: -1
 * @param feedbackPin feedback contact input, or -1 if not wired
 */
public record RelayWiring(int setPin, int resetPin, int feedbackPin, GpioRelayConfig config) {

    public RelayWiring {
        if (config.kind() == RelayKind.LATCHING && resetPin < 0) {
            throw new IllegalArgumentException("a latching relay needs a reset coil pin");
        }
    }
}
