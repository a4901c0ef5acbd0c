package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Random sequences of puts (from a small key space, so keys repeat with the same or another
 * value), deliveries of the head of the outbox and restarts, checked against a plain in-memory
 * model of the documented rules: one entry per key; a new value replaces an undelivered one and
 * moves it to the end; a new value for a delivered key is ignored; delivery takes the oldest.
 */
class OutboxModelPropertyTest {

    /** An operation: 0 = put, 1 = deliver the first n, 2 = close and reopen. */
    record Op(int kind, int key, long value, int n) {
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Op> put = Arbitraries.integers().between(0, 11).flatMap(k -> Arbitraries.longs().between(0, 2)
                .map(v -> new Op(0, k, v, 0)));
        Arbitrary<Op> deliver = Arbitraries.integers().between(0, 5).map(n -> new Op(1, 0, 0, n));
        Arbitrary<Op> reopen = Arbitraries.just(new Op(2, 0, 0, 0));
        return Arbitraries.frequencyOf(
                Tuple.of(6, put), Tuple.of(2, deliver), Tuple.of(1, reopen));
    }

    private static Reading reading(int key, long value) {
        int point = key % 4 + 1;
        Quantity q = key / 4 == 0 ? Quantity.ENERGY_FORWARD_ACTIVE_TOTAL : key / 4 == 1 ? Quantity.VOLTAGE_A : Quantity.FREQUENCY;
        return new Reading(point, Fixtures.meter(point), ReadingKind.CURVE, q, Fixtures.T0, value, Fixtures.T0 + 1);
    }

    @Property(tries = 40)
    void theStoreBehavesLikeTheModel(@ForAll @Size(max = 60) List<@From("ops") Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("outbox-model");
        Path file = dir.resolve("m.mv.db");
        TestClock clock = new TestClock(Fixtures.T0);
        LinkedHashMap<Integer, Long> pending = new LinkedHashMap<>(); // key -> value, in outbox order
        Map<Integer, Long> delivered = new HashMap<>();
        ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock);
        try {
            for (Op op : ops) {
                switch (op.kind()) {
                    case 0 -> {
                        PutOutcome out = store.putReadings(List.of(reading(op.key(), op.value())));
                        Long d = delivered.get(op.key());
                        Long p = pending.get(op.key());
                        if (d != null) {
                            assertThat(out).isEqualTo(d == op.value() ? new PutOutcome(0, 0, 1, 0) : new PutOutcome(0, 0, 0, 1));
                        } else if (p == null) {
                            assertThat(out).isEqualTo(new PutOutcome(1, 0, 0, 0));
                            pending.put(op.key(), op.value());
                        } else if (p == op.value()) {
                            assertThat(out).isEqualTo(new PutOutcome(0, 0, 1, 0));
                        } else {
                            assertThat(out).isEqualTo(new PutOutcome(0, 1, 0, 0));
                            pending.remove(op.key());
                            pending.put(op.key(), op.value());
                        }
                    }
                    case 1 -> {
                        List<StoredEntry> batch = store.nextBatch(op.n());
                        assertThat(store.markDelivered(batch.stream().map(StoredEntry::seq).toList())).isEqualTo(batch.size());
                        for (int i = 0; i < batch.size(); i++) {
                            Map.Entry<Integer, Long> head = pending.entrySet().iterator().next();
                            assertThat(batch.get(i).reading()).isEqualTo(reading(head.getKey(), head.getValue()));
                            pending.remove(head.getKey());
                            delivered.put(head.getKey(), head.getValue());
                        }
                    }
                    default -> {
                        store.close();
                        store = ForwardStore.open(file, StoreSettings.defaults(), clock);
                    }
                }
            }
            List<StoredEntry> all = store.nextBatch(Integer.MAX_VALUE);
            List<Reading> expected = new ArrayList<>();
            pending.forEach((k, v) -> expected.add(reading(k, v)));
            assertThat(all).extracting(StoredEntry::payload).containsExactlyElementsOf(expected);
            assertThat(all).extracting(StoredEntry::seq).isSorted().doesNotHaveDuplicates();
            assertThat(store.deliveredCount()).isEqualTo(delivered.size());
            for (int k = 0; k < 12; k++) {
                boolean known = pending.containsKey(k) || delivered.containsKey(k);
                assertThat(store.hasReading(reading(k, 0).key())).isEqualTo(known);
            }
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(OutboxModelPropertyTest::delete);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
