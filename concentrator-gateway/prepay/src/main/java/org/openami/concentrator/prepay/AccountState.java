package org.openami.concentrator.prepay;

import java.util.List;
import java.util.Objects;

/**
 * One account as the engine keeps it. Immutable snapshot; the engine replaces it on every change.
 *
 * <p>The account's exact balance is {@code balanceFen − remainder / 10^7} fen: charges are booked
 * in whole fen and what is below a fen is carried in {@link #remainder()} until it makes a whole
 * fen (see {@link PrepayEngine}).
 *
 * @param account           account id
 * @param spec              what the archive says (meter, tariff, keep-power), or {@code null} if the
 *                          account is not (or no longer) in the archive: then no decisions are made for it
 * @param balanceFen        balance in fen, negative when overdrawn
 * @param remainder         consumption charged below one fen, in 10<sup>−7</sup> fen, 0..9,999,999
 * @param desiredRelay      {@link RelayState#CLOSED} or {@link RelayState#OPEN}: what the engine wants
 * @param observedRelay     what the meter last reported ({@link RelayState#UNKNOWN} before any report)
 * @param alarmLevel        0 none, 1 at or below alarm 1, 2 at or below alarm 2 (last level signalled)
 * @param tripDeferredUntil epoch ms at which a withheld trip falls due, 0 if none
 * @param tierPeriod        the tiered-tariff period the accumulated use belongs to ("2025-05" or "2025"), or {@code null}
 * @param tierUsedWh        Wh charged in {@code tierPeriod}
 * @param registers         register baselines of the current meter and up to two previous ones
 * @param updatedAt         epoch ms of the engine's clock at the last change
 */
public record AccountState(String account, AccountSpec spec, long balanceFen, long remainder,
                           RelayState desiredRelay, RelayState observedRelay, int alarmLevel, long tripDeferredUntil,
                           String tierPeriod, long tierUsedWh, List<RegisterMark> registers, long updatedAt) {

    /** Units of {@link #remainder()} in one fen. */
    public static final long REMAINDER_PER_FEN = 10_000_000L;

    public AccountState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(desiredRelay, "desiredRelay");
        Objects.requireNonNull(observedRelay, "observedRelay");
        if (desiredRelay != RelayState.CLOSED && desiredRelay != RelayState.OPEN) {
            throw new IllegalArgumentException("desired relay state " + desiredRelay + " is neither CLOSED nor OPEN");
        }
        if (remainder < 0 || remainder >= REMAINDER_PER_FEN) {
            throw new IllegalArgumentException("remainder " + remainder + " outside 0.." + (REMAINDER_PER_FEN - 1));
        }
        if (alarmLevel < 0 || alarmLevel > 2) {
            throw new IllegalArgumentException("alarm level " + alarmLevel);
        }
        registers = registers == null ? List.of() : List.copyOf(registers);
    }
}
