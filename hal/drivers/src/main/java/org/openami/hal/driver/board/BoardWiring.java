package org.openami.hal.driver.board;

import java.time.Duration;

/**
 * How a meter board is wired: its metering front end, relay, cover switch and pulse LED.
 *
 * @param tamperPin       cover switch input (BCM)
 * @param tamperOpenHigh  the input reads high when the cover is open
 * @param pulseLedPin     energy pulse LED output (BCM)
 * @param pulseWidth      LED on-time per pulse
 */
public record BoardWiring(FrontEndFactory frontEnd, RelayWiring relay, int tamperPin, boolean tamperOpenHigh,
                          int pulseLedPin, Duration pulseWidth) {
}
