package org.openami.concentrator.dlt645.relay;

import org.openami.dlt645.control.RelayControlType;

/**
 * Whether a relay's status after a control command shows what the command asked for, and in
 * words what it shows.
 *
 * <p>Close-allowed (1BH) only permits the customer to close the supply with the meter's button:
 * it is followed once the meter no longer holds the relay open and either the contacts closed
 * or the meter acknowledged the command (then they close at the button). A refusal with
 * the contacts still open is a relay that does not move (the meter reports a contact that did
 * not follow as an abnormal reply). The reference meter firmware has no button and closes at
 * once, as with direct close.
 */
final class RelayExpectation {

    /** The verdict: followed or not, and what the status shows. */
    record Verdict(boolean followed, String detail) {
    }

    private RelayExpectation() {
    }

    /**
     * @param acknowledged the meter answered the command with a normal reply
     */
    static Verdict check(RelayControlType type, RelayStatus s, boolean acknowledged) {
        return switch (type) {
            case TRIP -> {
                if (!s.commandedOpen()) {
                    yield no(s.keepPower() ? "trip refused: keep-power is in force at the meter"
                            : "meter did not take the trip: still commanded closed");
                }
                yield s.contactOpen() ? ok("contact open")
                        : no("relay did not follow: contact still closed after TRIP (welded?)");
            }
            case DIRECT_CLOSE -> closed(type, s, false);
            case CLOSE_ALLOWED -> closed(type, s, acknowledged);
            case ALARM -> s.alarm() ? ok("alarm on") : no("alarm not on (status word 3 bit 7 clear)");
            case ALARM_RELEASE -> !s.alarm() ? ok("alarm off") : no("alarm still on (status word 3 bit 7 set)");
            case KEEP_POWER -> s.keepPower() && !s.commandedOpen() ? ok("keep-power on")
                    : no(s.keepPower() ? "keep-power on but the meter is still commanded open"
                    : "keep-power not on (status word 3 bit 12 clear)");
            case KEEP_POWER_RELEASE -> !s.keepPower() ? ok("keep-power off")
                    : no("keep-power still on (status word 3 bit 12 set)");
        };
    }

    private static Verdict closed(RelayControlType type, RelayStatus s, boolean waitForButton) {
        if (s.commandedOpen()) {
            return no("meter did not take the " + type + ": still commanded open");
        }
        if (!s.contactOpen()) {
            return ok("contact closed");
        }
        if (waitForButton) {
            return ok("close allowed: contact open until the customer presses the meter's button");
        }
        return no("relay did not follow: contact still open after " + type + " (stuck open?)");
    }

    private static Verdict ok(String detail) {
        return new Verdict(true, detail);
    }

    private static Verdict no(String detail) {
        return new Verdict(false, detail);
    }
}
