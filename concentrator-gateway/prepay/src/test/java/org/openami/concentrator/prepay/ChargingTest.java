package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.model.Quantity;

/** Pricing of consumption: flat, time-of-use, tiered, and the carried remainder. */
class ChargingTest {

    private static final long JAN = Fx.at(2025, 1, 15, 12, 0);

    private static RegisterDelta delta(Quantity q, long from, long to) {
        return new RegisterDelta(q, JAN - 1000, from, JAN, to);
    }

    @Test
    void flatChargesTheTotalRegisterAndCarriesTheFraction() {
        TariffTable t = TariffTable.flat("F", 1, 0, 4883, 2); // 48.83 fen/kWh
        // 1234 Wh x 48.83 fen/kWh = 60.25622 fen
        Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, 10_000, 11_234), delta(Fx.T1, 0, 99_999)),
                0, null, 0, JAN, Fx.SHANGHAI);
        assertThat(c.fen()).isEqualTo(60);
        assertThat(c.remainder()).isEqualTo(2_562_200);
        assertThat(c.charged()).extracting(RegisterDelta::quantity).containsExactly(Fx.TOTAL);
        assertThat(c.note()).contains("total 1234 Wh x 48.83");
        // the carried 0.25622 fen plus 0.74378 fen more (about 15.232 Wh) make a whole fen
        Charging.Charge next = Charging.charge(t, List.of(delta(Fx.TOTAL, 11_234, 11_250)), c.remainder(), null, 0, JAN,
                Fx.SHANGHAI);
        // 16 Wh x 48.83 = 0.78128 fen; 0.25622 + 0.78128 = 1.0375
        assertThat(next.fen()).isEqualTo(1);
        assertThat(next.remainder()).isEqualTo(375_000);
    }

    @Test
    void timeOfUseChargesEachTariffRegisterAtItsPrice() {
        TariffTable t = TariffTable.timeOfUse("T", 1, 0, new long[] {120, 90, 60, 30}, 0);
        Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, 0, 10_000), delta(Fx.T1, 0, 1000),
                delta(Fx.T2, 0, 2000), delta(Fx.T3, 0, 3000), delta(Fx.T4, 0, 4000)), 0, null, 0, JAN, Fx.SHANGHAI);
        // 1 x 120 + 2 x 90 + 3 x 60 + 4 x 30 = 600 fen
        assertThat(c.fen()).isEqualTo(600);
        assertThat(c.remainder()).isZero();
        assertThat(c.charged()).extracting(RegisterDelta::quantity).containsExactly(Fx.T1, Fx.T2, Fx.T3, Fx.T4);
    }

    @Test
    void registersATariffDoesNotPriceGiveNoCharge() {
        TariffTable t = TariffTable.timeOfUse("T", 1, 0, new long[] {120, 90, 60, 30}, 0);
        assertThat(Charging.charge(t, List.of(delta(Fx.TOTAL, 0, 10_000)), 0, null, 0, JAN, Fx.SHANGHAI)).isNull();
    }

    @Test
    void tieredMonthlySplitsAcrossStepsAndRestartsInANewMonth() {
        TariffTable t = TariffTable.tiered("S", 1, 0, TariffTable.Period.MONTHLY, new long[] {200_000, 400_000},
                new long[] {50, 60, 80}, 0);
        // 150 kWh in tier 1
        Charging.Charge a = Charging.charge(t, List.of(delta(Fx.TOTAL, 0, 150_000)), 0, null, 0, JAN, Fx.SHANGHAI);
        assertThat(a.fen()).isEqualTo(150 * 50);
        assertThat(a.tierPeriod()).isEqualTo("2025-01");
        assertThat(a.tierUsedWh()).isEqualTo(150_000);
        // 300 kWh more: 50 in tier 1, 200 in tier 2, 50 in tier 3
        Charging.Charge b = Charging.charge(t, List.of(delta(Fx.TOTAL, 150_000, 450_000)), a.remainder(), a.tierPeriod(),
                a.tierUsedWh(), JAN, Fx.SHANGHAI);
        assertThat(b.fen()).isEqualTo(50 * 50 + 200 * 60 + 50 * 80);
        assertThat(b.tierUsedWh()).isEqualTo(450_000);
        assertThat(b.note()).contains("(tier 1)").contains("(tier 2)").contains("(tier 3)");
        // February starts again in tier 1
        long feb = Fx.at(2025, 2, 1, 0, 30);
        Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, 450_000, 460_000)), b.remainder(), b.tierPeriod(),
                b.tierUsedWh(), feb, Fx.SHANGHAI);
        assertThat(c.fen()).isEqualTo(10 * 50);
        assertThat(c.tierPeriod()).isEqualTo("2025-02");
        assertThat(c.tierUsedWh()).isEqualTo(10_000);
        // the period boundary is local: 2025-01-31T23:59 in Shanghai is still January
        long lastMinute = Fx.at(2025, 1, 31, 23, 59);
        assertThat(Charging.periodKey(TariffTable.Period.MONTHLY, lastMinute, Fx.SHANGHAI)).isEqualTo("2025-01");
        assertThat(Charging.periodKey(TariffTable.Period.MONTHLY, lastMinute + 60_000, Fx.SHANGHAI)).isEqualTo("2025-02");
    }

    @Test
    void tieredAnnualAccumulatesOverMonthsAndRestartsInANewYear() {
        TariffTable t = TariffTable.tiered("Y", 1, 0, TariffTable.Period.ANNUAL, new long[] {2_760_000},
                new long[] {50, 55}, 0);
        Charging.Charge a = Charging.charge(t, List.of(delta(Fx.TOTAL, 0, 2_700_000)), 0, null, 0, JAN, Fx.SHANGHAI);
        assertThat(a.tierPeriod()).isEqualTo("2025");
        long dec = Fx.at(2025, 12, 31, 12, 0);
        Charging.Charge b = Charging.charge(t, List.of(delta(Fx.TOTAL, 2_700_000, 2_800_000)), a.remainder(),
                a.tierPeriod(), a.tierUsedWh(), dec, Fx.SHANGHAI);
        assertThat(b.fen()).isEqualTo(60 * 50 + 40 * 55);
        long nextYear = Fx.at(2026, 1, 1, 0, 15);
        Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, 2_800_000, 2_900_000)), b.remainder(),
                b.tierPeriod(), b.tierUsedWh(), nextYear, Fx.SHANGHAI);
        assertThat(c.fen()).isEqualTo(100 * 50);
        assertThat(c.tierPeriod()).isEqualTo("2026");
    }

    @Provide
    Arbitrary<List<Long>> splits() {
        return Arbitraries.longs().between(0, 50_000).list().ofMinSize(1).ofMaxSize(40);
    }

    /**
     * Charging consumption piece by piece carries the remainder so that the fen charged plus the
     * final remainder equal the exact price of the whole, for flat and tiered tables alike.
     */
    @Property(tries = 400)
    void anySplitChargesExactlyTheWhole(@ForAll("splits") List<Long> pieces,
                                        @ForAll @LongRange(min = 0, max = 1_000_000) long price,
                                        @ForAll @IntRange(min = 0, max = 4) int decimals,
                                        @ForAll @LongRange(min = 0, max = 9_999_999) long startRemainder,
                                        @ForAll boolean tiered,
                                        @ForAll @Size(min = 1, max = 4) List<@LongRange(min = 1, max = 300_000) Long> stepGaps) {
        TariffTable t;
        if (tiered) {
            long[] steps = new long[stepGaps.size()];
            long[] prices = new long[steps.length + 1];
            long s = 0;
            for (int i = 0; i < steps.length; i++) {
                s += stepGaps.get(i);
                steps[i] = s;
                prices[i] = (price + 7919L * i) % 1_000_001;
            }
            prices[steps.length] = (price + 104_729) % 1_000_001;
            t = TariffTable.tiered("P", 1, 0, TariffTable.Period.MONTHLY, steps, prices, decimals);
        } else {
            t = TariffTable.flat("P", 1, 0, price, decimals);
        }
        long remainder = startRemainder;
        String period = null;
        long used = 0;
        long fen = 0;
        long register = 0;
        long total = 0;
        for (long wh : pieces) {
            total += wh;
            if (wh == 0) {
                continue;
            }
            Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, register, register + wh)), remainder, period,
                    used, JAN, Fx.SHANGHAI);
            register += wh;
            fen += c.fen();
            remainder = c.remainder();
            period = c.tierPeriod();
            used = c.tierUsedWh();
            assertThat(c.fen()).isNotNegative();
            assertThat(remainder).isBetween(0L, AccountState.REMAINDER_PER_FEN - 1);
        }
        BigInteger whole = BigInteger.valueOf(startRemainder);
        if (total > 0) {
            whole = whole.add(Charging.charge(t, List.of(delta(Fx.TOTAL, 0, total)), 0, null, 0, JAN, Fx.SHANGHAI).units());
        }
        BigInteger charged = BigInteger.valueOf(fen).multiply(Charging.PER_FEN).add(BigInteger.valueOf(remainder));
        assertThat(charged).isEqualTo(whole);
    }

    /** The exact units of a tiered charge equal the sum over tiers of Wh in the tier times its price. */
    @Property(tries = 200)
    void tieredUnitsMatchAHandSplit(@ForAll @LongRange(min = 0, max = 1_000_000) long usedBefore,
                                    @ForAll @LongRange(min = 1, max = 1_000_000) long wh) {
        long[] steps = {230_000, 400_000};
        long[] prices = {4883, 5383, 7883};
        TariffTable t = TariffTable.tiered("S", 1, 0, TariffTable.Period.MONTHLY, steps, prices, 2);
        Charging.Charge c = Charging.charge(t, List.of(delta(Fx.TOTAL, 0, wh)), 0, "2025-01", usedBefore, JAN, Fx.SHANGHAI);
        List<long[]> bands = new ArrayList<>();
        bands.add(new long[] {0, 230_000, 4883});
        bands.add(new long[] {230_000, 400_000, 5383});
        bands.add(new long[] {400_000, Long.MAX_VALUE, 7883});
        BigInteger expected = BigInteger.ZERO;
        for (long[] b : bands) {
            long lo = Math.max(b[0], usedBefore);
            long hi = Math.min(b[1], usedBefore + wh);
            if (hi > lo) {
                expected = expected.add(BigInteger.valueOf(hi - lo).multiply(BigInteger.valueOf(b[2] * 100)));
            }
        }
        assertThat(c.units()).isEqualTo(expected);
        assertThat(c.tierUsedWh()).isEqualTo(usedBefore + wh);
    }
}
