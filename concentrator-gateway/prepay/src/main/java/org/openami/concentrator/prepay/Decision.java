package org.openami.concentrator.prepay;

import java.util.Objects;

/**
 * Something the engine decided should happen at a meter. Callers carry it out (DL/T 645
 * control frames) and report the relay's state back with
 * {@link PrepayEngine#relayObserved(String, RelayState)}; a relay action that did not take
 * effect shows up again in {@link PrepayEngine#pending()}. Carrying out the same decision twice
 * is harmless.
 *
 * @param account    the account
 * @param point      its measurement point
 * @param meter      its meter address
 * @param action     what to do
 * @param reason     why, in words (for logs and operators)
 * @param balanceFen the balance when decided
 * @param at         epoch milliseconds of the engine's clock when decided
 * @param reconnect  for {@link Action#RECONNECT}: close-allowed (1BH) or direct close (1CH);
 *                   {@code null} for other actions
 */
public record Decision(String account, int point, String meter, Action action, String reason, long balanceFen,
                       long at, ReconnectMode reconnect) {

    public Decision {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if ((action == Action.RECONNECT) != (reconnect != null)) {
            throw new IllegalArgumentException("a reconnect mode goes with RECONNECT and only with it");
        }
    }

    /** A decision other than {@link Action#RECONNECT}. */
    public Decision(String account, int point, String meter, Action action, String reason, long balanceFen, long at) {
        this(account, point, meter, action, reason, balanceFen, at, null);
    }
}
