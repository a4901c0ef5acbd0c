package org.openami.hal.relay;

/**
 * What a switching operation commanded and what the feedback contact reported afterwards.
 * A relay that does not follow (welded contacts, stuck open, coil fault) is not an
 * exception: the caller decides whether to retry or raise an event.
 */
public record RelaySwitchResult(RelayState commanded, RelayState sensed) {

    public boolean followed() {
        return commanded == sensed;
    }
}
