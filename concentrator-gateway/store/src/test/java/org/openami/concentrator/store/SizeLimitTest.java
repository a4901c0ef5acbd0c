package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.concentrator.store.Fixtures.T0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;

class SizeLimitTest {

    private static final long LIMIT = 1L << 20;
    private static final int PER_PUT = 250;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final StoreSettings settings = StoreSettings.defaults().withMaxBytes(LIMIT);

    /** Reading number i: 200 points, one quarter hour per 200 readings. */
    private static Reading nth(int i) {
        return Fixtures.curve(i % 200 + 1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, i / 200);
    }

    private static List<Reading> range(int from, int to) {
        List<Reading> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(nth(i));
        }
        return out;
    }

    private static List<StoredEntry> events(ForwardStore store, EventType type) throws StoreException {
        return store.nextBatch(Integer.MAX_VALUE).stream()
                .filter(e -> e.type() == StoredEntry.Type.EVENT && e.event().type() == type).toList();
    }

    /** Puts readings PER_PUT at a time until {@code until} holds; checks the limit after each put. */
    private int fill(ForwardStore store, int from, BooleanSupplier until) throws Exception {
        int i = from;
        for (int put = 0; put < 2_000 && !until.getAsBoolean(); put++) {
            store.putReadings(range(i, i + PER_PUT));
            i += PER_PUT;
            assertThat(Files.size(store.path())).as("file size after a put returned").isLessThanOrEqualTo(LIMIT);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(until.getAsBoolean()).as("condition reached").isTrue();
        return i;
    }

    @Test
    void deliveredEntriesAreEvictedFirstOldestFirst() throws Exception {
        try (ForwardStore store = ForwardStore.open(dir.resolve("d.mv.db"), settings, clock)) {
            int delivered = 3_000;
            store.putReadings(range(0, delivered));
            store.markDelivered(store.nextBatch(delivered).stream().map(StoredEntry::seq).toList());

            int end = fill(store, delivered, () -> store.statistics().evictedDelivered() > 0);

            StoreStatistics s = store.statistics();
            assertThat(s.evictedUndelivered()).isZero();
            assertThat(events(store, EventType.UNDELIVERED_DATA_EVICTED)).isEmpty();
            // the evicted ones are exactly the oldest delivered readings
            long gone = s.evictedDelivered();
            for (int i = 0; i < delivered; i++) {
                assertThat(store.hasReading(nth(i).key())).as("reading %d", i).isEqualTo(i >= gone);
            }
            for (int i = delivered; i < end; i++) {
                assertThat(store.hasReading(nth(i).key())).as("undelivered reading %d", i).isTrue();
            }
            assertThat(s.delivered()).isEqualTo(delivered - gone);
            assertThat(s.undelivered()).isEqualTo(end - delivered);
        }
    }

    @Test
    void undeliveredEntriesAreEvictedOldestFirstAndTheEvictionEventSurvives() throws Exception {
        Path file = dir.resolve("u.mv.db");
        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            int end = fill(store, 0, () -> store.statistics().evictedUndelivered() > 0);

            long gone = store.statistics().evictedUndelivered();
            for (int i = 0; i < end; i++) {
                assertThat(store.hasReading(nth(i).key())).as("reading %d", i).isEqualTo(i >= gone);
            }
            List<StoredEntry> evictionEvents = events(store, EventType.UNDELIVERED_DATA_EVICTED);
            assertThat(evictionEvents).hasSize(1);
            assertThat(evictionEvents.get(0).event().detail()).contains("evicted " + gone + " undelivered entries");
            assertThat(evictionEvents.get(0).event().point()).isZero();

            // a second round evicts more (including readings stored after the first event)...
            long firstRound = gone;
            end = fill(store, end, () -> store.statistics().evictedUndelivered() > firstRound);
            // ...but never the eviction events themselves
            List<StoredEntry> after = events(store, EventType.UNDELIVERED_DATA_EVICTED);
            assertThat(after).hasSizeGreaterThanOrEqualTo(2);
            assertThat(after.get(0)).isEqualTo(evictionEvents.get(0));
            assertThat(store.statistics().peakFileBytes()).isGreaterThan(0);
            System.out.printf("limit %d: file %d after puts, peak %d while compacting, %d undelivered evicted, chunk fill %d%%%n",
                    LIMIT, Files.size(file), store.statistics().peakFileBytes(),
                    store.statistics().evictedUndelivered(), store.statistics().chunkFillPercent());
        }
        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            assertThat(events(store, EventType.UNDELIVERED_DATA_EVICTED)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(store.statistics().evictedUndelivered()).isPositive();
        }
    }

    @Test
    void nearFullIsRaisedOnceAndAgainOnlyAfterItCleared() throws Exception {
        try (ForwardStore store = ForwardStore.open(dir.resolve("n.mv.db"), settings, clock)) {
            int end = fill(store, 0, () -> store.statistics().nearFull());
            assertThat(events(store, EventType.STORE_NEAR_FULL)).hasSize(1);
            assertThat(store.statistics().evictedUndelivered()).as("raised before data is lost").isZero();

            end = fill(store, end, () -> store.statistics().evictedUndelivered() > 0);
            assertThat(events(store, EventType.STORE_NEAR_FULL)).hasSize(1);

            // the uplink catches up: the flag clears, the next filling raises it again
            store.markDelivered(store.nextBatch(Integer.MAX_VALUE).stream().map(StoredEntry::seq).toList());
            store.putReadings(range(end, end + 1));
            end++;
            assertThat(store.statistics().nearFull()).isFalse();
            fill(store, end, () -> store.statistics().nearFull());
            assertThat(events(store, EventType.STORE_NEAR_FULL)).hasSize(1); // the first was delivered
            assertThat(store.statistics().evictedDelivered()).isPositive();
        }
    }

    @Test
    void aLowerLimitIsEnforcedWhenTheStoreIsOpened() throws Exception {
        Path file = dir.resolve("shrink.mv.db");
        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            store.putReadings(range(0, 40_000));
            store.markDelivered(store.nextBatch(20_000).stream().map(StoredEntry::seq).toList());
        }
        long before = Files.size(file);
        assertThat(before).isGreaterThan(LIMIT);
        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(LIMIT);
            assertThat(store.statistics().evictedDelivered()).as(store.statistics().toString()).isPositive();
            assertThat(store.hasReading(nth(39_999).key())).as(store.statistics().toString()).isTrue();
        }
    }
}
