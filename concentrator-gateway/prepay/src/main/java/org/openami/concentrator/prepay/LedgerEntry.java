package org.openami.concentrator.prepay;

import java.util.List;
import java.util.Objects;

/**
 * One booking in the engine's ledger, numbered by {@link #seq()} (increasing over the life of
 * the file, never reused). The uplink sends them upstream with
 * {@link PrepayEngine#entriesAfter(long, int)} and may prune what the cloud has confirmed.
 *
 * <ul>
 *   <li>{@link Kind#OPENING}, {@link Kind#TOP_UP}, {@link Kind#ADJUSTMENT}: {@link #id()} is the
 *       caller's id (exactly once), {@link #amountFen()} the signed amount.</li>
 *   <li>{@link Kind#CHARGE}: consumption of one meter at one register instant:
 *       {@link #registers()} with their values and Wh, the tariff id and version charged,
 *       {@code amountFen = −fen charged} (0 when the consumption stayed below one fen with the
 *       carried remainder), {@link #note()} the pricing in words.</li>
 *   <li>{@link Kind#BASELINE}: no money: a register got a new baseline (first reading of a
 *       meter, a replacement, a reset or rollover); {@link #note()} says which and why.</li>
 * </ul>
 *
 * @param seq           sequence number
 * @param kind          kind of booking
 * @param account       account
 * @param at            epoch ms of the engine's clock when booked
 * @param id            top-up, opening or adjustment id; {@code null} for charges and baselines
 * @param amountFen     signed change of the balance
 * @param balanceFen    balance after the booking
 * @param remainder     carried remainder after the booking, in 10<sup>−7</sup> fen
 * @param meter         meter address for charges and baselines, else {@code null}
 * @param tariffId      tariff id for charges, else {@code null}
 * @param tariffVersion tariff version for charges, else 0
 * @param registers     register deltas charged (charges), else empty
 * @param note          what happened in words (pricing, reasons), may be {@code null}
 */
public record LedgerEntry(long seq, Kind kind, String account, long at, String id, long amountFen, long balanceFen,
                          long remainder, String meter, String tariffId, int tariffVersion,
                          List<RegisterDelta> registers, String note) {

    /** Kinds of booking. */
    public enum Kind {
        /** Opening balance of an account (migration from another system, arrears). */
        OPENING,
        /** Consumption charged. */
        CHARGE,
        /** Money paid in. */
        TOP_UP,
        /** Correction by an operator, either sign. */
        ADJUSTMENT,
        /** New register baseline, no money. */
        BASELINE
    }

    public LedgerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        registers = registers == null ? List.of() : List.copyOf(registers);
    }

    /** Total Wh of {@link #registers()}. */
    public long totalWh() {
        long s = 0;
        for (RegisterDelta d : registers) {
            s += d.wh();
        }
        return s;
    }

    LedgerEntry withSeq(long s) {
        return new LedgerEntry(s, kind, account, at, id, amountFen, balanceFen, remainder, meter, tariffId, tariffVersion,
                registers, note);
    }
}
