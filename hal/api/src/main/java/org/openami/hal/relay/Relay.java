package org.openami.hal.relay;

import org.openami.hal.HalException;

/**
 * The meter's supply relay.
 *
 * <p><b>Threading:</b> not thread-safe; callers serialise switching (the meter application
 * owns the relay). <b>Blocking:</b> {@link #switchTo} blocks for the coil pulse and the
 * contact settle time (typically 50..200 ms). <b>Failures:</b> a drive-line failure is a
 * {@link HalException}; contacts that do not follow are reported in the result.
 */
public interface Relay extends AutoCloseable {

    RelayKind kind();

    /** The state last commanded (for a latching relay after construction: the sensed state). */
    RelayState commanded();

    /**
     * The contacts' real state from the feedback contact; for a relay without feedback, the
     * commanded state.
     */
    RelayState sensed() throws HalException;

    /** Whether a feedback contact is wired (and {@link #sensed()} therefore measures). */
    boolean hasFeedback();

    /**
     * Drives the coil towards {@code target}, waits for the contacts to settle and reads the
     * feedback. Switching to the state already commanded still drives the coil (a latching
     * relay that was knocked over by a shock is put back).
     */
    RelaySwitchResult switchTo(RelayState target) throws HalException, InterruptedException;

    /** Releases the drive lines without moving the contacts. Never throws; idempotent. */
    @Override
    void close();
}
