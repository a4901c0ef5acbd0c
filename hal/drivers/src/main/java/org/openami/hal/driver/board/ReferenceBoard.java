package org.openami.hal.driver.board;

import java.time.Duration;
import org.openami.hal.driver.gpio.GpioRelayConfig;
import org.openami.hal.relay.RelayKind;

/**
 * The pins of the project's reference meter board (BCM numbering, docs/hal.md), shared by
 * the real board and the simulator so both are wired the same way.
 */
public final class ReferenceBoard {

    public static final int RELAY_SET_PIN = 17;
    /** Reset coil of a latching relay; a monostable relay has none. */
    public static final int RELAY_RESET_PIN = 18;
    public static final int RELAY_FEEDBACK_PIN = 27;
    /** Cover switch, high when open. */
    public static final int COVER_PIN = 22;
    public static final int PULSE_LED_PIN = 23;
    public static final Duration PULSE_WIDTH = Duration.ofMillis(40);

    private ReferenceBoard() {
    }

    /** The reference wiring around {@code frontEnd} with a relay of {@code kind}. */
    public static BoardWiring wiring(FrontEndFactory frontEnd, RelayKind kind) {
        boolean latching = kind == RelayKind.LATCHING;
        return new BoardWiring(frontEnd,
                new RelayWiring(RELAY_SET_PIN, latching ? RELAY_RESET_PIN : -1, RELAY_FEEDBACK_PIN,
                        latching ? GpioRelayConfig.latching() : GpioRelayConfig.monostable()),
                COVER_PIN, true, PULSE_LED_PIN, PULSE_WIDTH);
    }
}
