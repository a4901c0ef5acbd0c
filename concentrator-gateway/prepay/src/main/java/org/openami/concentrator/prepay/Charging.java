package org.openami.concentrator.prepay;

import java.math.BigInteger;
import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices consumption under one tariff version, exactly.
 *
 * <p>Every Wh is priced in 10<sup>−4</sup> fen/kWh, so {@code wh × priceE4} is the charge in
 * 10<sup>−7</sup> fen. The account's carried remainder (0..10<sup>7</sup>−1 of those units) is
 * added, the whole fen are charged and what is left is carried again. So over any split of the
 * same consumption at the same prices, {@code Σ fen × 10^7 + final remainder} equals
 * {@code initial remainder + Σ wh × priceE4}: no fraction of a fen is lost or invented.
 *
 * <p>Tiered tariffs split the Wh across the tiers by the account's use so far in the period
 * (month or year, in the policy's zone) that contains the charge instant. The accumulated use
 * restarts at 0 when a charge falls in a later period than the one recorded; a charge in an
 * earlier period (possible only after a tariff's period kind changed) is added to the current
 * one. Stateless.
 */
final class Charging {

    static final BigInteger PER_FEN = BigInteger.valueOf(AccountState.REMAINDER_PER_FEN);

    /**
     * A priced step.
     *
     * @param fen        whole fen to charge
     * @param remainder  remainder to carry afterwards
     * @param units      the exact charge of the step in 10<sup>−7</sup> fen (without the earlier remainder)
     * @param tierPeriod tier period after the step (unchanged unless tiered)
     * @param tierUsedWh use in that period after the step
     * @param charged    the deltas charged (those of registers the tariff prices)
     * @param note       the pricing in words
     */
    record Charge(long fen, long remainder, BigInteger units, String tierPeriod, long tierUsedWh,
                  List<RegisterDelta> charged, String note) {
    }

    private Charging() {
    }

    /**
     * Prices the deltas of registers {@code t} charges; {@code null} if it charges none of them.
     *
     * @param at the charge instant (selects the tier period)
     */
    static Charge charge(TariffTable t, List<RegisterDelta> deltas, long remainder, String tierPeriod, long tierUsedWh,
                         long at, ZoneId zone) {
        List<RegisterDelta> charged = new ArrayList<>(deltas.size());
        for (RegisterDelta d : deltas) {
            if (t.charges(d.quantity())) {
                charged.add(d);
            }
        }
        if (charged.isEmpty()) {
            return null;
        }
        BigInteger units = BigInteger.ZERO;
        StringBuilder note = new StringBuilder().append(t.kind()).append(' ');
        String period = tierPeriod;
        long used = tierUsedWh;
        if (t.kind() == TariffTable.Kind.TIERED) {
            String key = periodKey(t.tierPeriod(), at, zone);
            if (period == null || periodStart(key, zone) > periodStart(period, zone)) {
                period = key;
                used = 0;
            }
            long wh = 0;
            for (RegisterDelta d : charged) {
                wh += d.wh();
            }
            note.append(t.tierPeriod()).append(' ').append(period).append(": ");
            long left = wh;
            boolean firstPart = true;
            for (int tier = 0; tier <= t.tierSteps() && left > 0; tier++) {
                long upper = tier < t.tierSteps() ? t.tierStep(tier) : Long.MAX_VALUE;
                long room = Math.max(0, upper - used);
                long take = Math.min(room, left);
                if (take > 0) {
                    long price = t.tierPriceE4(tier);
                    units = units.add(BigInteger.valueOf(take).multiply(BigInteger.valueOf(price)));
                    used += take;
                    left -= take;
                    note.append(firstPart ? "" : ", ").append(take).append(" Wh x ").append(TariffTable.formatE4(price))
                            .append(" (tier ").append(tier + 1).append(')');
                    firstPart = false;
                }
            }
            note.append("; ").append(used).append(" Wh used in the period");
        } else {
            boolean firstPart = true;
            for (RegisterDelta d : charged) {
                long price = t.unitPriceE4(d.quantity());
                units = units.add(BigInteger.valueOf(d.wh()).multiply(BigInteger.valueOf(price)));
                note.append(firstPart ? "" : ", ").append(label(d)).append(' ').append(d.wh()).append(" Wh x ")
                        .append(TariffTable.formatE4(price));
                firstPart = false;
            }
        }
        note.append(" fen/kWh");
        BigInteger[] qr = units.add(BigInteger.valueOf(remainder)).divideAndRemainder(PER_FEN);
        if (qr[0].bitLength() > 62) {
            throw new PrepayException(PrepayException.Reason.INVALID, "a charge of " + qr[0] + " fen is out of range");
        }
        return new Charge(qr[0].longValueExact(), qr[1].longValueExact(), units, period, used, List.copyOf(charged),
                note.toString());
    }

    private static String label(RegisterDelta d) {
        return switch (d.quantity()) {
            case ENERGY_FORWARD_ACTIVE_T1 -> "T1";
            case ENERGY_FORWARD_ACTIVE_T2 -> "T2";
            case ENERGY_FORWARD_ACTIVE_T3 -> "T3";
            case ENERGY_FORWARD_ACTIVE_T4 -> "T4";
            default -> "total";
        };
    }

    /** "2025-05" for a month, "2025" for a year, of {@code at} in {@code zone}. */
    static String periodKey(TariffTable.Period p, long at, ZoneId zone) {
        ZonedDateTime z = Instant.ofEpochMilli(at).atZone(zone);
        return p == TariffTable.Period.MONTHLY ? YearMonth.from(z).toString() : Year.from(z).toString();
    }

    /** Epoch ms at which the period named by {@code key} starts in {@code zone}. */
    static long periodStart(String key, ZoneId zone) {
        if (key.length() == 4) {
            return Year.parse(key).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return YearMonth.parse(key).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
