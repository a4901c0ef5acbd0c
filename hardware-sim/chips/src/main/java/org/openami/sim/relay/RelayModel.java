package org.openami.sim.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openami.hal.relay.RelayKind;
import org.openami.hal.relay.RelayState;
import org.openami.hal.time.HalClock;

/**
 * A meter's supply relay as a board sees it: coil lines in, a feedback contact out.
 *
 * <ul>
 *   <li><b>Latching</b>: a pulse on the set coil (close) or reset coil (open) moves the
 *       contacts only if it lasts at least the minimum pulse width; they then stay put.</li>
 *   <li><b>Monostable</b> (normally closed, so a dead meter leaves the customer supplied):
 *       the contacts open while the coil is energised and close when it is released.</li>
 * </ul>
 * A welded relay stays closed and a stuck one stays open whatever the coil does. The
 * feedback line is high while the contacts are closed. Thread-safe; listeners run on the
 * thread that drove the coil.
 */
public final class RelayModel {

    private final RelayKind kind;
    private final long minPulseNanos;
    private final HalClock clock;
    private final List<Consumer<Boolean>> feedback = new CopyOnWriteArrayList<>();
    private RelayState contacts;
    private long setRise = -1;
    private long resetRise = -1;
    private boolean welded;
    private boolean stuckOpen;
    private long operations;
    private long ignoredPulses;

    public RelayModel(RelayKind kind, Duration minPulse, HalClock clock, RelayState initial) {
        this.kind = kind;
        this.minPulseNanos = minPulse.toNanos();
        this.clock = clock;
        this.contacts = initial;
    }

    public RelayKind kind() {
        return kind;
    }

    public synchronized RelayState contacts() {
        return contacts;
    }

    /** Successful contact movements so far. */
    public synchronized long operations() {
        return operations;
    }

    /** Coil pulses too short to move the contacts. */
    public synchronized long ignoredPulses() {
        return ignoredPulses;
    }

    /** Registers a listener of the feedback line (high = contacts closed); told the current level at once. */
    public void onFeedback(Consumer<Boolean> listener) {
        feedback.add(listener);
        listener.accept(contacts() == RelayState.CLOSED);
    }

    /** Latching: the set (close) coil line; monostable: the only coil line. */
    public void setCoil(boolean energised) {
        if (kind == RelayKind.MONOSTABLE) {
            move(energised ? RelayState.OPEN : RelayState.CLOSED);
            return;
        }
        setRise = edge(energised, setRise, RelayState.CLOSED);
    }

    /** Latching only: the reset (open) coil line. */
    public void resetCoil(boolean energised) {
        if (kind != RelayKind.LATCHING) {
            throw new IllegalStateException("a monostable relay has no reset coil");
        }
        resetRise = edge(energised, resetRise, RelayState.OPEN);
    }

    /** Contacts welded shut: nothing opens them. */
    public synchronized void weld() {
        welded = true;
        stuckOpen = false;
        force(RelayState.CLOSED);
    }

    /** Contacts stuck open (burnt, or mechanism jammed). */
    public synchronized void jamOpen() {
        stuckOpen = true;
        welded = false;
        force(RelayState.OPEN);
    }

    public synchronized void repair() {
        welded = false;
        stuckOpen = false;
    }

    private long edge(boolean energised, long rise, RelayState target) {
        long now = clock.nanoTime();
        if (energised) {
            return now;
        }
        if (rise >= 0) {
            if (now - rise >= minPulseNanos) {
                move(target);
            } else {
                synchronized (this) {
                    ignoredPulses++;
                }
            }
        }
        return -1;
    }

    private void move(RelayState target) {
        synchronized (this) {
            if ((welded && target == RelayState.OPEN) || (stuckOpen && target == RelayState.CLOSED)) {
                return;
            }
            if (contacts == target) {
                return;
            }
            operations++;
        }
        force(target);
    }

    private void force(RelayState target) {
        synchronized (this) {
            contacts = target;
        }
        feedback.forEach(l -> l.accept(target == RelayState.CLOSED));
    }
}
