package org.openami.concentrator.dlt645.relay;

import java.time.Duration;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.control.RelayControlType;

/**
 * Told what a {@link RelayActuator} does, with the time since {@code apply} was called, for
 * latency figures (the goal: a control frame on its way within 100 ms) and logs. Called on the
 * actuator's threads; must return quickly and not throw (what it throws is logged and ignored).
 */
public interface RelayListener {

    /** A listener that does nothing. */
    RelayListener NONE = new RelayListener() {
    };

    /** Attempt {@code attempt}'s command frame was handed to the channel. */
    default void sent(MeterAddress meter, RelayControlType type, int attempt, Duration sinceApply) {
    }

    /** The outcome is known: the future completes with it right after. */
    default void finished(MeterAddress meter, RelayControlType type, RelayOutcome outcome, Duration sinceApply) {
    }
}
