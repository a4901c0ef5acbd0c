package org.openami.cloud.ingest.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openami.cloud.ingest.db.WriteOutcome.Status;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Random streams of envelopes over a small key space, so that keys repeat with the same or
 * another value, envelopes are redelivered and sequence numbers reused, checked against a
 * plain in-memory model: the stored table must equal the model's map, and every outcome its
 * prediction. A second property runs shuffled streams with redeliveries from two threads at
 * once. Few tries: every try runs against the real database.
 */
class IngestPropertyTest {

    private static TestDatabase db;
    private static IngestWriter writer;
    private static ReadingQueries queries;

    @BeforeContainer
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        writer = new IngestWriter(db.dataSource());
        queries = new ReadingQueries(db.dataSource());
    }

    @AfterContainer
    static void stopDatabase() throws Exception {
        db.close();
    }

    private static final Quantity[] QUANTITIES = {Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.VOLTAGE_B};

    /** Key index 0..17 -> a reading: 3 meters x 2 quantities x 3 quarter hours. */
    private static Reading reading(int key, long value) {
        int meter = key % 3;
        Quantity quantity = QUANTITIES[(key / 3) % 2];
        int quarter = key / 6;
        return Fixtures.curve(meter, quantity, quarter, value);
    }

    /** One step: 0 = a new envelope with these (key, value) readings, 1 = redeliver envelope #pick, 2 = reuse its sequence with these readings. */
    record Step(int kind, int pick, List<int[]> readings) {
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<List<int[]>> readings = Arbitraries.integers().between(0, 17)
                .flatMap(k -> Arbitraries.integers().between(0, 2).map(v -> new int[] {k, v}))
                .list().ofMinSize(0).ofMaxSize(8);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(6, readings.map(r -> new Step(0, 0, r))),
                Tuple.of(2, pick.map(p -> new Step(1, p, List.of()))),
                Tuple.of(1, Arbitraries.integers().between(0, 1000).flatMap(p -> readings.map(r -> new Step(2, p, r)))));
    }

    private record Sent(EnvelopeRef ref, List<Reading> readings) {
    }

    @Property(tries = 25)
    void theTableEqualsTheModelAfterAnyStream(@ForAll @Size(min = 1, max = 30) List<@From("steps") Step> steps)
            throws Exception {
        db.truncate();
        Map<ReadingKey, Long> model = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        long nextSequence = 1;
        for (Step step : steps) {
            if (step.kind() == 0 || sent.isEmpty()) {
                List<Reading> readings = step.readings().stream().map(kv -> reading(kv[0], kv[1])).toList();
                EnvelopeRef ref = Fixtures.ref("c1", nextSequence++, readings.toString());
                WriteOutcome out = writer.writeTelemetry(ref, readings);
                assertThat(out).isEqualTo(expectApply(model, readings));
                sent.add(new Sent(ref, readings));
            } else if (step.kind() == 1) {
                Sent earlier = sent.get(step.pick() % sent.size());
                assertThat(writer.writeTelemetry(earlier.ref(), earlier.readings())).isEqualTo(WriteOutcome.refused(Status.DUPLICATE));
            } else {
                Sent earlier = sent.get(step.pick() % sent.size());
                List<Reading> readings = step.readings().stream().map(kv -> reading(kv[0], kv[1] + 10)).toList();
                EnvelopeRef reused = Fixtures.ref("c1", earlier.ref().sequence(), "reused " + readings);
                assertThat(writer.writeTelemetry(reused, readings)).isEqualTo(WriteOutcome.refused(Status.SEQUENCE_REUSED));
            }
        }
        assertThat(queries.snapshot(1000)).isEqualTo(model);
        assertThat(db.queryLong("SELECT count(*) FROM envelope_seen")).isEqualTo(sent.size());
    }

    /** What applying these readings to the model does: the last of a key in the batch wins. */
    private static WriteOutcome expectApply(Map<ReadingKey, Long> model, List<Reading> readings) {
        Map<ReadingKey, Long> batch = new LinkedHashMap<>();
        for (Reading r : readings) {
            batch.put(ReadingKey.of(r), r.value());
        }
        int inserted = 0;
        int changed = 0;
        for (Map.Entry<ReadingKey, Long> e : batch.entrySet()) {
            Long old = model.put(e.getKey(), e.getValue());
            if (old == null) {
                inserted++;
            } else if (!old.equals(e.getValue())) {
                changed++;
            }
        }
        return WriteOutcome.applied(inserted, changed);
    }

    @Provide
    Arbitrary<List<List<Integer>>> envelopes() {
        return Arbitraries.integers().between(0, 17).list().ofMinSize(1).ofMaxSize(10).list().ofMinSize(1).ofMaxSize(12);
    }

    /**
     * Envelopes whose readings carry a value fixed by their key, each sent one to three times,
     * shuffled over two concurrent writers: every envelope is applied exactly once and every
     * key inserted exactly once, whatever the interleaving.
     */
    @Property(tries = 15)
    void concurrentWritersWithRedeliveriesStoreEverythingOnce(
            @ForAll("envelopes") List<List<Integer>> envelopes,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 3) Integer> copies,
            @ForAll long seed) throws Exception {
        db.truncate();
        List<Sent> deliveries = new ArrayList<>();
        Map<ReadingKey, Long> expected = new HashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            List<Reading> readings = envelopes.get(i).stream().map(k -> reading(k, 1000L + k)).toList();
            readings.forEach(r -> expected.put(ReadingKey.of(r), r.value()));
            EnvelopeRef ref = Fixtures.ref("c" + (i % 2), i, "env " + i);
            for (int c = 0; c < copies.get(i % copies.size()); c++) {
                deliveries.add(new Sent(ref, readings));
            }
        }
        java.util.Collections.shuffle(deliveries, new java.util.Random(seed));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int applied = 0;
                    int inserted = 0;
                    int changed = 0;
                    for (int i = thread; i < deliveries.size(); i += 2) {
                        WriteOutcome out = writer.writeTelemetry(deliveries.get(i).ref(), deliveries.get(i).readings());
                        assertThat(out.status()).isIn(Status.APPLIED, Status.DUPLICATE);
                        applied += out.applied() ? 1 : 0;
                        inserted += out.inserted();
                        changed += out.changed();
                    }
                    return new int[] {applied, inserted, changed};
                }));
            }
            start.countDown();
            int applied = 0;
            int inserted = 0;
            int changed = 0;
            for (Future<int[]> f : futures) {
                int[] counts = f.get(60, TimeUnit.SECONDS);
                applied += counts[0];
                inserted += counts[1];
                changed += counts[2];
            }
            assertThat(applied).isEqualTo(envelopes.size());
            assertThat(inserted).isEqualTo(expected.size());
            assertThat(changed).isZero();
            assertThat(queries.snapshot(1000)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
