package org.openami.demo;

import java.util.Objects;

/**
 * One virtual RS-485 bus: a real pseudo-terminal the concentrator opens as its serial port.
 *
 * @param channel  the concentrator's {@code channel.id} for it
 * @param port     the pseudo-terminal ({@code /dev/pts/N})
 * @param protocol what the meters on it speak
 * @param meters   how many meters hang on it
 */
public record Bus(String channel, String port, FieldMeter.Protocol protocol, int meters) {

    public Bus {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(protocol, "protocol");
    }
}
