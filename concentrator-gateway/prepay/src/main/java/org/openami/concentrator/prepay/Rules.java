package org.openami.concentrator.prepay;

import java.time.Instant;
import java.util.List;

/**
 * The policy applied to one account's balance: alarm levels, trip (or a withheld trip while a
 * protected window lasts), reconnect. Changes the draft and adds the decisions the change calls
 * for. An account without a spec (not in the archive) gets none. Stateless.
 *
 * <ul>
 *   <li>Alarm: the level is 2 at or below alarm 2, 1 at or below alarm 1, else 0. Rising to a
 *       level gives {@link Action#ALARM}; falling to 0 gives {@link Action#ALARM_RELEASE};
 *       falling from 2 to 1 only records the level.</li>
 *   <li>Trip: warranted at or below the trip level unless keep-power. If the relay is wanted
 *       closed and the trip is warranted: inside a protected window the trip is withheld until
 *       the window's end (recorded in the draft, no decision); outside, {@link Action#TRIP}. A
 *       withheld trip that is no longer warranted is forgotten.</li>
 *   <li>Reconnect: if the relay is wanted open and the account is keep-power,
 *       {@link Action#RECONNECT} with {@link ReconnectMode#DIRECT_CLOSE} (keep-power means
 *       supply without the customer's action); else if the balance is above the reconnect level,
 *       {@link Action#RECONNECT} with the policy's mode.</li>
 * </ul>
 */
final class Rules {

    private Rules() {
    }

    static void evaluate(AccountDraft d, PrepayPolicy p, long now, List<Decision> out) {
        AccountSpec spec = d.spec;
        if (spec == null) {
            d.deferredUntil = 0;
            return;
        }
        int level = d.balance <= p.alarm2Fen() ? 2 : d.balance <= p.alarm1Fen() ? 1 : 0;
        if (level > d.alarmLevel) {
            out.add(decision(d, Action.ALARM, "balance " + d.balance + " fen is at or below alarm amount " + level + " ("
                    + (level == 2 ? p.alarm2Fen() : p.alarm1Fen()) + " fen)", now, null));
            d.alarmLevel = level;
        } else if (level == 0 && d.alarmLevel > 0) {
            out.add(decision(d, Action.ALARM_RELEASE, "balance " + d.balance + " fen is above alarm amount 1 ("
                    + p.alarm1Fen() + " fen)", now, null));
            d.alarmLevel = 0;
        } else if (level < d.alarmLevel) {
            d.alarmLevel = level;
        }

        long tripLevel = p.tripLevelFen();
        boolean warranted = !spec.keepPower() && d.balance <= tripLevel;
        if (d.desired == RelayState.CLOSED) {
            if (!warranted) {
                d.deferredUntil = 0;
                return;
            }
            Instant n = Instant.ofEpochMilli(now);
            if (p.windows().isProtected(n)) {
                if (d.deferredUntil <= now) {
                    d.deferredUntil = Math.max(now + 1, p.windows().windowEnd(n).toEpochMilli());
                }
                return;
            }
            d.desired = RelayState.OPEN;
            d.deferredUntil = 0;
            out.add(decision(d, Action.TRIP, "balance " + d.balance + " fen is at or below the trip level " + tripLevel
                    + " fen (trip at " + p.tripAt() + ")", now, null));
            return;
        }
        d.deferredUntil = 0;
        if (spec.keepPower()) {
            d.desired = RelayState.CLOSED;
            out.add(decision(d, Action.RECONNECT, "keep-power account: supply restored", now, ReconnectMode.DIRECT_CLOSE));
        } else if (d.balance > Math.max(p.reconnectAboveFen(), tripLevel)) {
            d.desired = RelayState.CLOSED;
            out.add(decision(d, Action.RECONNECT, "balance " + d.balance + " fen is above the reconnect level "
                    + p.reconnectAboveFen() + " fen", now, p.reconnect()));
        }
    }

    /** The reconnect mode that applies to the account now. */
    static ReconnectMode reconnectMode(AccountSpec spec, PrepayPolicy p) {
        return spec.keepPower() ? ReconnectMode.DIRECT_CLOSE : p.reconnect();
    }

    static Decision decision(AccountDraft d, Action a, String reason, long now, ReconnectMode mode) {
        return new Decision(d.account, d.spec.point(), d.spec.meter(), a, reason, d.balance, now, mode);
    }
}
