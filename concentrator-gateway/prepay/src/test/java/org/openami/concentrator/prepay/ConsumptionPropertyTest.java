package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Random reading sequences, delivered with duplicates, reorderings, old readings re-sent and
 * random batch boundaries, through a real engine and file: the Wh charged per meter segment is
 * its last register value minus its first, and the fen charged are the exact price of that.
 */
class ConsumptionPropertyTest {

    private static final long T = Fx.T0 - 400L * 24 * Fx.HOUR;
    private static final long PRICE_E4 = 488_300; // 48.83 fen/kWh

    private static TariffBook book() {
        return TariffBook.of(List.of(TariffTable.flat("FLAT", 1, 0, 4883, 2)));
    }

    /** A meter's register at increasing instants (random steps, some of them zero). */
    private static List<Reading> series(Random rnd, String meter, long start, long firstValue, int n) {
        List<Reading> out = new ArrayList<>(n);
        long t = start;
        long v = firstValue;
        for (int i = 0; i < n; i++) {
            out.add(Fx.reading(meter, rnd.nextInt(4) == 0 ? ReadingKind.CURVE : ReadingKind.REALTIME, Fx.TOTAL, t, v));
            t += 1 + rnd.nextInt(4 * 3_600_000);
            v += rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(3_000);
        }
        return out;
    }

    private static long chargedWh(PrepayEngine e) {
        return e.entriesAfter(0, PrepayEngine.MAX_BATCH).stream().filter(x -> x.kind() == LedgerEntry.Kind.CHARGE)
                .mapToLong(LedgerEntry::totalWh).sum();
    }

    private static long chargedFen(PrepayEngine e) {
        return -e.entriesAfter(0, PrepayEngine.MAX_BATCH).stream().filter(x -> x.kind() == LedgerEntry.Kind.CHARGE)
                .mapToLong(LedgerEntry::amountFen).sum();
    }

    /** The fen charged plus the carried remainder are the exact price of the Wh. */
    private static void assertExact(PrepayEngine e, long wh) {
        long remainder = e.account("A").remainder();
        assertThat(chargedFen(e) * AccountState.REMAINDER_PER_FEN + remainder).isEqualTo(wh * PRICE_E4);
        assertThat(e.account("A").balanceFen()).isEqualTo(-chargedFen(e));
    }

    /** Splits a delivery order into batches of 1..maxBatch readings. */
    private static List<List<Reading>> batches(Random rnd, List<Reading> order, int maxBatch) {
        List<List<Reading>> out = new ArrayList<>();
        int i = 0;
        while (i < order.size()) {
            int n = 1 + rnd.nextInt(maxBatch);
            out.add(new ArrayList<>(order.subList(i, Math.min(order.size(), i + n))));
            i += n;
        }
        return out;
    }

    /**
     * One meter, one segment, delivered in any order with duplicates: what is charged is the
     * newest value minus the baseline (the oldest reading of the first batch).
     */
    @Property(tries = 150)
    void anyOrderChargesTheNewestMinusTheBaseline(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int n,
                                                  @ForAll @IntRange(min = 1, max = 12) int maxBatch) {
        Random rnd = new Random(seed);
        List<Reading> s = series(rnd, "M1", T, rnd.nextInt(1_000_000), n);
        List<Reading> order = new ArrayList<>(s);
        for (int k = rnd.nextInt(n + 1); k > 0; k--) {
            order.add(s.get(rnd.nextInt(n))); // duplicates
        }
        java.util.Collections.shuffle(order, rnd);
        List<List<Reading>> deliveries = batches(rnd, order, maxBatch);
        Reading baseline = deliveries.get(0).stream().min(java.util.Comparator.comparingLong(Reading::dataTime)).orElseThrow();
        Reading newest = s.get(n - 1);

        Path f = Fx.tempFile("prop");
        try (PrepayEngine e = PrepayEngine.open(f, book(), Fx.policy(), new TestClock(Fx.T0), false)) {
            AccountSpec a = Fx.spec("A", "M1", "FLAT");
            for (List<Reading> b : deliveries) {
                e.onReadings(a, b);
            }
            long wh = newest.value() - baseline.value();
            assertThat(chargedWh(e)).isEqualTo(wh);
            assertExact(e, wh);
            // delivering everything again changes nothing
            long seq = e.lastSeq();
            e.onReadings(a, s);
            assertThat(e.lastSeq()).isEqualTo(seq);
        } finally {
            Fx.deleteTree(f);
        }
    }

    /**
     * Segments separated by register resets, and a meter replacement, delivered in time order
     * but with old readings re-sent at random and random batches: each segment is charged its
     * last value minus its first.
     */
    @Property(tries = 150)
    void resetsAndReplacementSplitTheSeriesIntoSegments(@ForAll long seed,
                                                         @ForAll @IntRange(min = 1, max = 4) int segments,
                                                         @ForAll @IntRange(min = 1, max = 12) int maxBatch,
                                                         @ForAll @LongRange(min = 0, max = 1) long replace) {
        Random rnd = new Random(seed);
        List<List<Reading>> segs = new ArrayList<>();
        long t = T;
        String meter = "M1";
        for (int k = 0; k < segments; k++) {
            boolean replacement = replace == 1 && k > 0 && k == segments - 1;
            if (replacement) {
                meter = "M2";
            }
            // each reset segment starts 10 MWh below the one before (a segment grows by at most
            // 75 kWh), far more than the reset threshold; a replacement meter starts anywhere
            long first = replacement ? rnd.nextInt(1_000) : (segments - k) * 10_000_000L + rnd.nextInt(1_000);
            List<Reading> seg = series(rnd, meter, t, first, 1 + rnd.nextInt(25));
            segs.add(seg);
            t = seg.get(seg.size() - 1).dataTime() + 1 + rnd.nextInt(3_600_000);
        }
        List<Reading> all = new ArrayList<>();
        segs.forEach(all::addAll);
        List<Reading> order = new ArrayList<>();
        for (Reading r : all) {
            order.add(r);
            if (rnd.nextInt(4) == 0) {
                order.add(order.get(rnd.nextInt(order.size()))); // an older reading re-sent
            }
        }
        long expected = 0;
        for (List<Reading> seg : segs) {
            expected += seg.get(seg.size() - 1).value() - seg.get(0).value();
        }

        Path f = Fx.tempFile("prop");
        try (PrepayEngine e = PrepayEngine.open(f, book(), Fx.policy(), new TestClock(Fx.T0), false)) {
            String current = "M1";
            for (List<Reading> b : batches(rnd, order, maxBatch)) {
                // readings come per meter; the archive moves the account to the new meter when its readings start
                List<Reading> old = b.stream().filter(r -> r.meter().equals("M1")).toList();
                List<Reading> fresh = b.stream().filter(r -> r.meter().equals("M2")).toList();
                if (!old.isEmpty()) {
                    e.onReadings(Fx.spec("A", current, "FLAT"), old);
                }
                if (!fresh.isEmpty()) {
                    current = "M2";
                    e.onReadings(Fx.spec("A", current, "FLAT"), fresh);
                }
            }
            assertThat(chargedWh(e)).isEqualTo(expected);
            assertExact(e, expected);
            long resets = e.entriesAfter(0, PrepayEngine.MAX_BATCH).stream()
                    .filter(x -> x.kind() == LedgerEntry.Kind.BASELINE).count();
            assertThat(resets).isEqualTo(segments);
        } finally {
            Fx.deleteTree(f);
        }
    }
}
