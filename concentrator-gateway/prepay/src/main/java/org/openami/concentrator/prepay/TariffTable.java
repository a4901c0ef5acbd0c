package org.openami.concentrator.prepay;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import org.openami.concentrator.model.Quantity;

/**
 * One version of one tariff: what a kWh costs from {@link #effectiveFrom()} until the next
 * version of the same {@link #id()} takes over (see {@link TariffBook}). Immutable and
 * validated on construction ({@link TariffException} naming the field).
 *
 * <h2>Prices</h2>
 * Prices are integers in units of 10<sup>−{@link #priceDecimals()}</sup> fen per kWh, so
 * 0.4883 yuan/kWh is {@code 4883} with {@code priceDecimals = 2} (48.83 fen/kWh), and
 * {@code priceDecimals = 0} means whole fen per kWh. At most {@value #MAX_PRICE_DECIMALS}
 * decimals; a price is at most {@value #MAX_PRICE_FEN_PER_KWH} fen/kWh. Internally every price is
 * scaled to 10<sup>−4</sup> fen/kWh ({@link #priceE4(long)}), so the charge for {@code wh} Wh
 * is {@code wh × priceE4 / 10^7} fen exactly; the engine carries what is below one fen per
 * account (see {@link PrepayEngine}).
 *
 * <h2>Kinds</h2>
 * <ul>
 *   <li>{@link Kind#FLAT}: {@link #flatPriceFenPerKwh()} for the forward active total register;
 *       the other price fields are {@code null}/empty.</li>
 *   <li>{@link Kind#TIME_OF_USE}: four prices T1..T4 (sharp, peak, flat, valley 尖峰平谷) in
 *       {@link #touPriceFenPerKwh()}, applied to the deltas of the meter's own tariff registers
 *       {@link Quantity#ENERGY_FORWARD_ACTIVE_T1}..{@code T4} (the meter applies its time
 *       periods); {@code flatPriceFenPerKwh} is 0, tier fields empty.</li>
 *   <li>{@link Kind#TIERED} (阶梯): the forward active total register, priced by how much the
 *       account has used in the current {@link #tierPeriod()} (month or year): steps
 *       {@code tierStepsWh = [s1, s2, ...]} (strictly increasing, positive) make tiers
 *       {@code [0, s1)}, {@code [s1, s2)}, ..., {@code [sk, ∞)} Wh, priced by
 *       {@code tierPricesFenPerKwh} (one more price than steps).</li>
 * </ul>
 *
 * @param id                  tariff id as the archive's {@code tariff} column names it (1..64 characters)
 * @param version             version number, positive; later versions of an id start later
 * @param effectiveFrom       epoch milliseconds from which this version applies
 * @param kind                flat, time-of-use or tiered
 * @param flatPriceFenPerKwh  {@link Kind#FLAT} price, 0 for other kinds
 * @param touPriceFenPerKwh   {@link Kind#TIME_OF_USE} prices T1..T4, {@code null} or empty for other kinds
 * @param tierPeriod          {@link Kind#TIERED} accumulation period, {@code null} for other kinds
 * @param tierStepsWh         {@link Kind#TIERED} step boundaries in Wh, {@code null} or empty for other kinds
 * @param tierPricesFenPerKwh {@link Kind#TIERED} prices, one per tier, {@code null} or empty for other kinds
 * @param priceDecimals       decimals of every price in this table, 0..{@value #MAX_PRICE_DECIMALS}
 */
public record TariffTable(String id, int version, long effectiveFrom, Kind kind, long flatPriceFenPerKwh,
                          long[] touPriceFenPerKwh, Period tierPeriod, long[] tierStepsWh,
                          long[] tierPricesFenPerKwh, int priceDecimals) {

    /** How prices apply. */
    public enum Kind {
        /** One price for the total register. */
        FLAT,
        /** Four prices for the meter's tariff registers T1..T4. */
        TIME_OF_USE,
        /** Prices by accumulated consumption in the month or year, on the total register. */
        TIERED
    }

    /** The period over which {@link Kind#TIERED} consumption accumulates. */
    public enum Period {
        /** Calendar month in the policy's zone. */
        MONTHLY,
        /** Calendar year in the policy's zone. */
        ANNUAL
    }

    /** Most decimals a price may have (10<sup>−4</sup> fen = 10<sup>−6</sup> yuan). */
    public static final int MAX_PRICE_DECIMALS = 4;
    /** Highest price in whole fen per kWh (10,000 yuan/kWh). */
    public static final long MAX_PRICE_FEN_PER_KWH = 1_000_000L;
    /** Most tier steps. */
    public static final int MAX_TIER_STEPS = 16;
    /** Longest id. */
    public static final int MAX_ID_LENGTH = 64;

    private static final long[] SCALE = {10_000L, 1_000L, 100L, 10L, 1L};

    public TariffTable {
        String entry = "tariff " + id + " version " + version;
        if (id == null || id.isBlank()) {
            throw new TariffException(entry, "id", "missing or blank");
        }
        if (id.length() > MAX_ID_LENGTH || !id.strip().equals(id) || id.chars().anyMatch(Character::isISOControl)) {
            throw new TariffException(entry, "id", "must be 1.." + MAX_ID_LENGTH
                    + " characters without control characters or surrounding blanks");
        }
        if (version < 1) {
            throw new TariffException(entry, "version", "must be positive, got " + version);
        }
        if (kind == null) {
            throw new TariffException(entry, "kind", "missing (FLAT, TIME_OF_USE or TIERED)");
        }
        if (priceDecimals < 0 || priceDecimals > MAX_PRICE_DECIMALS) {
            throw new TariffException(entry, "priceDecimals", "must be 0.." + MAX_PRICE_DECIMALS + ", got " + priceDecimals);
        }
        touPriceFenPerKwh = copy(touPriceFenPerKwh);
        tierStepsWh = copy(tierStepsWh);
        tierPricesFenPerKwh = copy(tierPricesFenPerKwh);
        switch (kind) {
            case FLAT -> {
                checkPrice(entry, "flatPriceFenPerKwh", flatPriceFenPerKwh, priceDecimals);
                unused(entry, kind, "touPriceFenPerKwh", touPriceFenPerKwh);
                unusedTiers(entry, kind, tierPeriod, tierStepsWh, tierPricesFenPerKwh);
            }
            case TIME_OF_USE -> {
                if (flatPriceFenPerKwh != 0) {
                    throw new TariffException(entry, "flatPriceFenPerKwh", "not used by a TIME_OF_USE table (must be 0)");
                }
                if (touPriceFenPerKwh.length != 4) {
                    throw new TariffException(entry, "touPriceFenPerKwh", "4 prices expected (T1..T4: sharp, peak, flat, valley), got "
                            + touPriceFenPerKwh.length);
                }
                for (int i = 0; i < 4; i++) {
                    checkPrice(entry, "touPriceFenPerKwh[" + i + "]", touPriceFenPerKwh[i], priceDecimals);
                }
                unusedTiers(entry, kind, tierPeriod, tierStepsWh, tierPricesFenPerKwh);
            }
            case TIERED -> {
                if (flatPriceFenPerKwh != 0) {
                    throw new TariffException(entry, "flatPriceFenPerKwh", "not used by a TIERED table (must be 0)");
                }
                unused(entry, kind, "touPriceFenPerKwh", touPriceFenPerKwh);
                if (tierPeriod == null) {
                    throw new TariffException(entry, "tierPeriod", "missing (MONTHLY or ANNUAL)");
                }
                if (tierStepsWh.length == 0 || tierStepsWh.length > MAX_TIER_STEPS) {
                    throw new TariffException(entry, "tierStepsWh", "1.." + MAX_TIER_STEPS + " steps expected, got "
                            + tierStepsWh.length);
                }
                long previous = 0;
                for (int i = 0; i < tierStepsWh.length; i++) {
                    if (tierStepsWh[i] <= previous) {
                        throw new TariffException(entry, "tierStepsWh[" + i + "]", "steps must be positive and strictly increasing, got "
                                + tierStepsWh[i] + " after " + previous);
                    }
                    previous = tierStepsWh[i];
                }
                if (tierPricesFenPerKwh.length != tierStepsWh.length + 1) {
                    throw new TariffException(entry, "tierPricesFenPerKwh", (tierStepsWh.length + 1)
                            + " prices expected (one more than steps), got " + tierPricesFenPerKwh.length);
                }
                for (int i = 0; i < tierPricesFenPerKwh.length; i++) {
                    checkPrice(entry, "tierPricesFenPerKwh[" + i + "]", tierPricesFenPerKwh[i], priceDecimals);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /**
     * A table with prices in whole fen per kWh ({@code priceDecimals = 0}); the argument list of
     * the canonical constructor without the last component.
     */
    public TariffTable(String id, int version, long effectiveFrom, Kind kind, long flatPriceFenPerKwh,
                       long[] touPriceFenPerKwh, Period tierPeriod, long[] tierStepsWh, long[] tierPricesFenPerKwh) {
        this(id, version, effectiveFrom, kind, flatPriceFenPerKwh, touPriceFenPerKwh, tierPeriod, tierStepsWh,
                tierPricesFenPerKwh, 0);
    }

    /** A {@link Kind#FLAT} table; price in 10<sup>−decimals</sup> fen/kWh. */
    public static TariffTable flat(String id, int version, long effectiveFrom, long price, int decimals) {
        return new TariffTable(id, version, effectiveFrom, Kind.FLAT, price, null, null, null, null, decimals);
    }

    /** A {@link Kind#TIME_OF_USE} table; prices T1..T4 in 10<sup>−decimals</sup> fen/kWh. */
    public static TariffTable timeOfUse(String id, int version, long effectiveFrom, long[] prices, int decimals) {
        return new TariffTable(id, version, effectiveFrom, Kind.TIME_OF_USE, 0, prices, null, null, null, decimals);
    }

    /** A {@link Kind#TIERED} table; prices in 10<sup>−decimals</sup> fen/kWh. */
    public static TariffTable tiered(String id, int version, long effectiveFrom, Period period, long[] stepsWh,
                                     long[] prices, int decimals) {
        return new TariffTable(id, version, effectiveFrom, Kind.TIERED, 0, null, period, stepsWh, prices, decimals);
    }

    /** A copy of the T1..T4 prices (empty unless {@link Kind#TIME_OF_USE}). */
    @Override
    public long[] touPriceFenPerKwh() {
        return touPriceFenPerKwh.clone();
    }

    /** A copy of the tier steps (empty unless {@link Kind#TIERED}). */
    @Override
    public long[] tierStepsWh() {
        return tierStepsWh.clone();
    }

    /** A copy of the tier prices (empty unless {@link Kind#TIERED}). */
    @Override
    public long[] tierPricesFenPerKwh() {
        return tierPricesFenPerKwh.clone();
    }

    /** Whether deltas of register {@code q} are charged under this table. */
    public boolean charges(Quantity q) {
        return switch (kind) {
            case FLAT, TIERED -> q == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL;
            case TIME_OF_USE -> touIndex(q) >= 0;
        };
    }

    /** 0..3 for the tariff registers T1..T4, -1 for anything else. */
    static int touIndex(Quantity q) {
        return switch (q) {
            case ENERGY_FORWARD_ACTIVE_T1 -> 0;
            case ENERGY_FORWARD_ACTIVE_T2 -> 1;
            case ENERGY_FORWARD_ACTIVE_T3 -> 2;
            case ENERGY_FORWARD_ACTIVE_T4 -> 3;
            default -> -1;
        };
    }

    /** A price of this table scaled to 10<sup>−4</sup> fen per kWh. */
    public long priceE4(long price) {
        return price * SCALE[priceDecimals];
    }

    /** Tier {@code i}'s price in 10<sup>−4</sup> fen/kWh ({@link Kind#TIERED} only). */
    long tierPriceE4(int i) {
        return priceE4(tierPricesFenPerKwh[i]);
    }

    /** Tier step {@code i} in Wh ({@link Kind#TIERED} only). */
    long tierStep(int i) {
        return tierStepsWh[i];
    }

    int tierSteps() {
        return tierStepsWh.length;
    }

    /** The price of register {@code q} in 10<sup>−4</sup> fen/kWh ({@link Kind#FLAT} and {@link Kind#TIME_OF_USE}). */
    long unitPriceE4(Quantity q) {
        return switch (kind) {
            case FLAT -> priceE4(flatPriceFenPerKwh);
            case TIME_OF_USE -> priceE4(touPriceFenPerKwh[touIndex(q)]);
            case TIERED -> throw new IllegalStateException("a tiered price depends on accumulated use");
        };
    }

    /** A price of this table as a decimal string in fen/kWh ("48.83"). */
    public String formatPrice(long price) {
        return BigDecimal.valueOf(price, priceDecimals).toPlainString();
    }

    /** A price in 10<sup>−4</sup> fen/kWh as a decimal string in fen/kWh. */
    static String formatE4(long priceE4) {
        return BigDecimal.valueOf(priceE4, 4).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TariffTable t && id.equals(t.id) && version == t.version && effectiveFrom == t.effectiveFrom
                && kind == t.kind && flatPriceFenPerKwh == t.flatPriceFenPerKwh
                && Arrays.equals(touPriceFenPerKwh, t.touPriceFenPerKwh) && tierPeriod == t.tierPeriod
                && Arrays.equals(tierStepsWh, t.tierStepsWh) && Arrays.equals(tierPricesFenPerKwh, t.tierPricesFenPerKwh)
                && priceDecimals == t.priceDecimals;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, effectiveFrom, kind, flatPriceFenPerKwh, Arrays.hashCode(touPriceFenPerKwh),
                tierPeriod, Arrays.hashCode(tierStepsWh), Arrays.hashCode(tierPricesFenPerKwh), priceDecimals);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TariffTable[").append(id).append(" v").append(version)
                .append(" from ").append(java.time.Instant.ofEpochMilli(effectiveFrom)).append(' ').append(kind);
        switch (kind) {
            case FLAT -> b.append(' ').append(formatPrice(flatPriceFenPerKwh));
            case TIME_OF_USE -> {
                for (long p : touPriceFenPerKwh) {
                    b.append(' ').append(formatPrice(p));
                }
            }
            case TIERED -> {
                b.append(' ').append(tierPeriod);
                for (int i = 0; i < tierPricesFenPerKwh.length; i++) {
                    b.append(i == 0 ? " " : " |" + tierStepsWh[i - 1] + "Wh| ").append(formatPrice(tierPricesFenPerKwh[i]));
                }
            }
            default -> { }
        }
        return b.append(" fen/kWh]").toString();
    }

    private static long[] copy(long[] a) {
        return a == null ? new long[0] : a.clone();
    }

    private static void checkPrice(String entry, String field, long price, int decimals) {
        if (price < 0) {
            throw new TariffException(entry, field, "a price cannot be negative, got " + price);
        }
        if (price > MAX_PRICE_FEN_PER_KWH * SCALE[MAX_PRICE_DECIMALS - decimals]) {
            throw new TariffException(entry, field, "above " + MAX_PRICE_FEN_PER_KWH + " fen/kWh");
        }
    }

    private static void unused(String entry, Kind kind, String field, long[] value) {
        if (value.length != 0) {
            throw new TariffException(entry, field, "not used by a " + kind + " table (must be absent or empty)");
        }
    }

    private static void unusedTiers(String entry, Kind kind, Period period, long[] steps, long[] prices) {
        if (period != null) {
            throw new TariffException(entry, "tierPeriod", "not used by a " + kind + " table (must be absent)");
        }
        unused(entry, kind, "tierStepsWh", steps);
        unused(entry, kind, "tierPricesFenPerKwh", prices);
    }
}
