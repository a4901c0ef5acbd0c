package org.openami.concentrator.prepay;

/** What a {@link Decision} asks the meter to do. */
public enum Action {
    /** Sound/light alarm on (balance at or below an alarm amount). */
    ALARM,
    /** Alarm off (balance back above alarm amount 1). */
    ALARM_RELEASE,
    /** Open the relay: supply cut. */
    TRIP,
    /** Restore supply, in the {@link Decision#reconnect() mode} the decision carries. */
    RECONNECT
}
