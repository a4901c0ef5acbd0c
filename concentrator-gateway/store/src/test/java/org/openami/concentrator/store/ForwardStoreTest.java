package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.concentrator.store.Fixtures.T0;
import static org.openami.concentrator.store.Fixtures.curve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class ForwardStoreTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private Path file;
    private ForwardStore store;

    @BeforeEach
    void open() throws StoreException {
        file = dir.resolve("store.mv.db");
        store = ForwardStore.open(file, StoreSettings.defaults(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ForwardStore reopen() throws StoreException {
        store.close();
        store = ForwardStore.open(file, StoreSettings.defaults(), clock);
        return store;
    }

    private static List<Long> seqs(List<StoredEntry> batch) {
        return batch.stream().map(StoredEntry::seq).toList();
    }

    @Test
    void storingTheSameKeyTwiceKeepsOneEntry() throws Exception {
        Reading r = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        assertThat(store.putReadings(List.of(r))).isEqualTo(new PutOutcome(1, 0, 0, 0));
        Reading reread = new Reading(r.point(), r.meter(), r.kind(), r.quantity(), r.dataTime(), r.value(), r.readAt() + 60_000);
        assertThat(store.putReadings(List.of(reread, r))).isEqualTo(new PutOutcome(0, 0, 2, 0));

        assertThat(store.undeliveredCount()).isEqualTo(1);
        List<StoredEntry> batch = store.nextBatch(10);
        assertThat(batch).hasSize(1);
        assertThat(batch.get(0).reading()).isEqualTo(r);
    }

    @Test
    void aChangedValueReplacesAnUndeliveredReadingWithANewSequenceNumber() throws Exception {
        Reading r = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        store.putReadings(List.of(r, curve(2, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0)));
        long oldSeq = store.nextBatch(1).get(0).seq();

        Reading corrected = new Reading(r.point(), r.meter(), r.kind(), r.quantity(), r.dataTime(), r.value() + 1, r.readAt());
        assertThat(store.putReadings(List.of(corrected))).isEqualTo(new PutOutcome(0, 1, 0, 0));

        List<StoredEntry> batch = store.nextBatch(10);
        assertThat(batch).hasSize(2);
        assertThat(batch.get(1).reading()).isEqualTo(corrected);
        assertThat(batch.get(1).seq()).isGreaterThan(oldSeq);
        // an acknowledgement of the old value must not mark the new one delivered
        assertThat(store.markDelivered(List.of(oldSeq))).isZero();
        assertThat(store.undeliveredCount()).isEqualTo(2);
        assertThat(store.readings(1, ReadingKind.CURVE, T0, T0 + 1)).containsExactly(corrected);
    }

    @Test
    void aChangedValueForADeliveredReadingIsIgnoredAndCounted() throws Exception {
        Reading r = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        store.putReadings(List.of(r));
        store.markDelivered(seqs(store.nextBatch(10)));

        Reading changed = new Reading(r.point(), r.meter(), r.kind(), r.quantity(), r.dataTime(), r.value() + 5, r.readAt());
        assertThat(store.putReadings(List.of(changed))).isEqualTo(new PutOutcome(0, 0, 0, 1));

        assertThat(store.undeliveredCount()).isZero();
        assertThat(store.deliveredCount()).isEqualTo(1);
        assertThat(store.readings(1, ReadingKind.CURVE, T0, T0 + 1)).containsExactly(r);
        assertThat(store.statistics().correctionsIgnored()).isEqualTo(1);
    }

    @Test
    void theOutboxKeepsAllThreeTypesInInsertionOrder() throws Exception {
        Reading r1 = curve(1, Quantity.VOLTAGE_A, 0);
        MeterEvent e = new MeterEvent(7, Fixtures.meter(7), EventType.COLLECTION_FAILED, T0 + 1, "no answer after 3 retries");
        CommandResult c = new CommandResult("cmd-42", 3, Fixtures.meter(3), "TRIP", false, "meter refused: wrong password", T0 + 2);
        Reading r2 = curve(2, Quantity.VOLTAGE_A, 0);

        store.putReadings(List.of(r1));
        long eventSeq = store.putEvent(e);
        long commandSeq = store.putCommandResult(c);
        store.putReadings(List.of(r2));

        List<StoredEntry> batch = store.nextBatch(100);
        assertThat(batch).extracting(StoredEntry::type).containsExactly(
                StoredEntry.Type.READING, StoredEntry.Type.EVENT, StoredEntry.Type.COMMAND_RESULT, StoredEntry.Type.READING);
        assertThat(batch).extracting(StoredEntry::payload).containsExactly(r1, e, c, r2);
        assertThat(seqs(batch)).isSorted().doesNotHaveDuplicates();
        assertThat(batch.get(1).seq()).isEqualTo(eventSeq);
        assertThat(batch.get(2).seq()).isEqualTo(commandSeq);
        assertThat(batch).allSatisfy(b -> assertThat(b.storedAt()).isEqualTo(T0));
        assertThat(store.nextBatch(2)).extracting(StoredEntry::payload).containsExactly(r1, e);
        assertThatThrownBy(() -> batch.get(0).event()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void markingDeliveredIsIdempotentAndIgnoresUnknownNumbers() throws Exception {
        store.putReadings(Fixtures.curves(5, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 2));
        List<StoredEntry> batch = store.nextBatch(4);
        List<Long> first = seqs(batch);

        assertThat(store.markDelivered(first)).isEqualTo(4);
        assertThat(store.markDelivered(first)).isZero();
        assertThat(store.markDelivered(List.of(-1L, 999_999L))).isZero();

        assertThat(store.undeliveredCount()).isEqualTo(6);
        assertThat(store.deliveredCount()).isEqualTo(4);
        List<StoredEntry> next = store.nextBatch(100);
        assertThat(next).hasSize(6);
        assertThat(seqs(next)).doesNotContainAnyElementsOf(first);
        assertThat(next.get(0).seq()).isGreaterThan(first.get(3));
        // a batch is not consumed by reading it
        assertThat(seqs(store.nextBatch(100))).isEqualTo(seqs(next));
    }

    @Test
    void hasReadingAnswersForDeliveredAndUndeliveredReadings() throws Exception {
        Reading a = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        Reading b = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1);
        store.putReadings(List.of(a, b));
        store.markDelivered(seqs(store.nextBatch(1)));

        assertThat(store.hasReading(a.key())).isTrue();
        assertThat(store.hasReading(b.key())).isTrue();
        assertThat(store.hasReading(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 2).key())).isFalse();
        assertThat(store.hasReading(curve(2, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0).key())).isFalse();
        assertThat(store.hasReading(curve(1, Quantity.FREQUENCY, 0).key())).isFalse();
        assertThat(store.hasReading(new Reading.Key(1, ReadingKind.DAILY_FREEZE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, a.dataTime()))).isFalse();
    }

    @Test
    void readingsSelectsOnePointAndKindWithAHalfOpenTimeRange() throws Exception {
        List<Reading> all = new ArrayList<>();
        for (Quantity q : List.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.VOLTAGE_A)) {
            all.addAll(Fixtures.curves(3, q, 0, 8));
        }
        Reading freeze = new Reading(2, Fixtures.meter(2), ReadingKind.DAILY_FREEZE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
                T0 + 2 * Fixtures.QUARTER_HOUR, 5, T0);
        all.add(freeze);
        store.putReadings(all);

        long from = T0 + 2 * Fixtures.QUARTER_HOUR;
        long to = T0 + 5 * Fixtures.QUARTER_HOUR;
        List<Reading> got = store.readings(2, ReadingKind.CURVE, from, to);

        List<Reading> expected = all.stream()
                .filter(r -> r.point() == 2 && r.kind() == ReadingKind.CURVE && r.dataTime() >= from && r.dataTime() < to)
                .sorted((x, y) -> x.dataTime() != y.dataTime() ? Long.compare(x.dataTime(), y.dataTime())
                        : Integer.compare(x.quantity().ordinal(), y.quantity().ordinal()))
                .toList();
        assertThat(expected).hasSize(6);
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(store.readings(2, ReadingKind.CURVE, from, to, 3)).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(store.readings(2, ReadingKind.DAILY_FREEZE, T0, to)).containsExactly(freeze);
        assertThat(store.readings(2, ReadingKind.MONTHLY_FREEZE, T0, to)).isEmpty();
        assertThat(store.readings(2, ReadingKind.CURVE, to, from)).isEmpty();
    }

    @Test
    void closeAndReopenKeepsEverythingAndNeverReusesSequenceNumbers() throws Exception {
        store.putReadings(Fixtures.curves(10, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 3));
        store.putEvent(MeterEvent.concentrator(EventType.METER_DISCOVERED, T0, "bus 1: 10 meters"));
        List<StoredEntry> before = store.nextBatch(1000);
        store.markDelivered(seqs(before.subList(0, 12)));
        List<StoredEntry> undeliveredBefore = store.nextBatch(1000);
        long maxSeq = before.get(before.size() - 1).seq();

        reopen();

        assertThat(store.undeliveredCount()).isEqualTo(19);
        assertThat(store.deliveredCount()).isEqualTo(12);
        assertThat(store.nextBatch(1000)).isEqualTo(undeliveredBefore);
        for (StoredEntry e : before) {
            if (e.type() == StoredEntry.Type.READING) {
                assertThat(store.hasReading(e.reading().key())).isTrue();
            }
        }
        long newSeq = store.putEvent(MeterEvent.concentrator(EventType.METER_DISCOVERED, T0, "again"));
        assertThat(newSeq).isGreaterThan(maxSeq);

        // even when every entry is gone, numbers keep increasing
        store.markDelivered(seqs(store.nextBatch(1000)));
        store.close();
        store = ForwardStore.open(file, StoreSettings.defaults().withRetention(Duration.ZERO), clock);
        clock.advance(Duration.ofMillis(1));
        store.housekeeping();
        assertThat(store.deliveredCount()).isZero();
        assertThat(store.undeliveredCount()).isZero();
        reopen();
        assertThat(store.putEvent(MeterEvent.concentrator(EventType.METER_DISCOVERED, T0, "third"))).isGreaterThan(newSeq);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsStored() throws Exception {
        Reading ok = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        Reading badMeter = new Reading(2, "x".repeat(65), ReadingKind.CURVE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, T0, 1, T0);
        List<Reading> withNull = new ArrayList<>();
        withNull.add(ok);
        withNull.add(null);

        assertThatThrownBy(() -> store.putReadings(List.of(ok, badMeter))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putReadings(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.nextBatch(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.undeliveredCount()).isZero();
        assertThat(store.hasReading(ok.key())).isFalse();

        // long free text is cut, not refused
        long seq = store.putEvent(MeterEvent.concentrator(EventType.CONFIGURATION_REFUSED, T0, "d".repeat(5000)));
        String detail = store.nextBatch(1).get(0).event().detail();
        assertThat(seq).isPositive();
        assertThat(detail).hasSize(EntryCodec.MAX_TEXT_CHARS).endsWith("...");
    }

    @Test
    void aClosedStoreRefusesWork() throws Exception {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.putReadings(List.of(curve(1, Quantity.VOLTAGE_A, 0))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CLOSED));
        assertThatThrownBy(() -> store.nextBatch(1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CLOSED));
    }

    @Test
    void statisticsReportCountsAndTheRealFileSize() throws Exception {
        store.putReadings(Fixtures.curves(20, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 10));
        store.markDelivered(seqs(store.nextBatch(50)));
        StoreStatistics s = store.statistics();
        assertThat(s.undelivered()).isEqualTo(150);
        assertThat(s.delivered()).isEqualTo(50);
        assertThat(s.oldestUndeliveredAt()).isEqualTo(T0);
        assertThat(s.fileBytes()).isEqualTo(Files.size(file)).isPositive();
        assertThat(s.peakFileBytes()).isGreaterThanOrEqualTo(s.fileBytes());
        assertThat(s.maxBytes()).isEqualTo(StoreSettings.defaults().maxBytes());
        assertThat(s.lastHousekeepingAt()).isEqualTo(-1);
        clock.advance(Duration.ofMinutes(5));
        store.housekeeping();
        assertThat(store.statistics().lastHousekeepingAt()).isEqualTo(T0 + 300_000);
        assertThat(reopen().statistics().lastHousekeepingAt()).isEqualTo(T0 + 300_000);
    }

    @Test
    void concurrentCollectorAndUplinkDeliverEverythingExactlyOnce() throws Exception {
        int points = 40;
        int slots = 50;
        Thread collector = new Thread(() -> {
            try {
                for (int s = 0; s < slots; s++) {
                    store.putReadings(Fixtures.curves(points, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, s, s + 1));
                }
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
        List<StoredEntry> sent = new ArrayList<>();
        collector.start();
        while (collector.isAlive() || store.undeliveredCount() > 0) {
            List<StoredEntry> batch = store.nextBatch(37);
            sent.addAll(batch);
            store.markDelivered(seqs(batch));
        }
        collector.join();
        sent.addAll(store.nextBatch(1000));

        Set<Reading> distinct = sent.stream().map(StoredEntry::reading).collect(Collectors.toSet());
        assertThat(sent).hasSize(points * slots);
        assertThat(distinct).hasSize(points * slots);
        assertThat(seqs(sent)).isSorted();
        assertThat(store.deliveredCount()).isEqualTo(points * slots);
    }

    @Test
    void syncOnCommitStoresTheSameWay() throws Exception {
        store.close();
        Path synced = dir.resolve("synced.mv.db");
        StoreSettings settings = StoreSettings.defaults().withSyncOnCommit(true).withCacheMegabytes(1);
        List<Reading> readings = Fixtures.curves(20, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 5);
        try (ForwardStore s = ForwardStore.open(synced, settings, clock)) {
            s.putReadings(readings);
            s.markDelivered(seqs(s.nextBatch(30)));
            s.housekeeping();
        }
        try (ForwardStore s = ForwardStore.open(synced, settings, clock)) {
            assertThat(s.undeliveredCount()).isEqualTo(70);
            assertThat(s.deliveredCount()).isEqualTo(30);
            assertThat(s.nextBatch(100)).extracting(StoredEntry::payload).containsExactlyElementsOf(readings.subList(30, 100));
        }
        store = ForwardStore.open(file, StoreSettings.defaults(), clock);
    }

    @Test
    void settingsOutsideTheirRangesAreRefusedByName() {
        StoreSettings d = StoreSettings.defaults();
        assertThatThrownBy(() -> d.withMaxBytes(1000)).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> d.withRetention(Duration.ofDays(-1))).hasMessageContaining("retention");
        assertThatThrownBy(() -> d.withCacheMegabytes(0)).hasMessageContaining("cacheMegabytes");
        assertThatThrownBy(() -> d.withNearFullPercent(100)).hasMessageContaining("nearFullPercent");
        assertThatThrownBy(() -> d.withCompactFillPercent(5)).hasMessageContaining("compactFillPercent");
        assertThat(d.withMaxBytes(StoreSettings.MIN_MAX_BYTES).maxBytes()).isEqualTo(StoreSettings.MIN_MAX_BYTES);
        assertThat(d.cacheMegabytes()).isEqualTo(4);
        assertThat(d.syncOnCommit()).isFalse();
    }
}
