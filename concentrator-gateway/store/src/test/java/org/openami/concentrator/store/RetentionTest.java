package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.concentrator.store.Fixtures.T0;
import static org.openami.concentrator.store.Fixtures.curve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class RetentionTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);

    private static void deliverAll(ForwardStore store) throws StoreException {
        store.markDelivered(store.nextBatch(10_000).stream().map(StoredEntry::seq).toList());
    }

    @Test
    void deliveredEntriesGoAfterTheRetentionCountedFromInsertionUndeliveredStay() throws Exception {
        StoreSettings settings = StoreSettings.defaults().withRetention(Duration.ofDays(31));
        Path file = dir.resolve("r.mv.db");
        Reading a = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        Reading b = curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1);
        Reading c = curve(2, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0);
        // back-filled 20 days later for a day 60 days before: insertion time counts, not data time
        Reading d = new Reading(3, Fixtures.meter(3), ReadingKind.DAILY_FREEZE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
                T0 - Duration.ofDays(60).toMillis(), 77, T0 + Duration.ofDays(20).toMillis());

        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            store.putReadings(List.of(a));
            store.putEvent(MeterEvent.concentrator(EventType.METER_DISCOVERED, T0, "found 1"));
            deliverAll(store);
            store.putReadings(List.of(c)); // stays undelivered, stored at T0
            clock.advance(Duration.ofDays(10));
            store.putReadings(List.of(b));
            clock.advance(Duration.ofDays(10));
            store.putReadings(List.of(d));
            store.markDelivered(store.nextBatch(10).stream()
                    .filter(e -> !e.payload().equals(c)).map(StoredEntry::seq).toList());
            assertThat(store.deliveredCount()).isEqualTo(4);

            clock.set(T0 + Duration.ofDays(31).toMillis()); // exactly the retention: not older yet
            assertThat(store.housekeeping().removedByRetention()).isZero();

            clock.advance(Duration.ofMillis(1));
            HousekeepingReport report = store.housekeeping();
            assertThat(report.removedByRetention()).isEqualTo(2); // a and the event
            assertThat(store.hasReading(a.key())).isFalse();
            assertThat(store.hasReading(b.key())).isTrue();
            assertThat(store.hasReading(c.key())).isTrue();
            assertThat(store.hasReading(d.key())).isTrue();
            assertThat(store.deliveredCount()).isEqualTo(2);
            assertThat(store.undeliveredCount()).isEqualTo(1);
        }

        clock.set(T0 + Duration.ofDays(365).toMillis());
        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            assertThat(store.statistics().removedByRetention()).isEqualTo(2);
            assertThat(store.housekeeping().removedByRetention()).isEqualTo(2);
            // a year later the undelivered reading is still there
            assertThat(store.nextBatch(10)).extracting(StoredEntry::payload).containsExactly(c);
            assertThat(store.deliveredCount()).isZero();
            assertThat(store.statistics().removedByRetention()).isEqualTo(4);
        }
    }

    @Test
    void retentionRemovesLargeBacklogsInSlices() throws Exception {
        StoreSettings settings = StoreSettings.defaults().withRetention(Duration.ofHours(1));
        try (ForwardStore store = ForwardStore.open(dir.resolve("big.mv.db"), settings, clock)) {
            List<Reading> many = Fixtures.curves(100, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 100);
            store.putReadings(many);
            deliverAll(store);
            clock.advance(Duration.ofMinutes(30));
            store.putReadings(List.of(curve(1, Quantity.FREQUENCY, 0)));
            deliverAll(store);
            clock.advance(Duration.ofMinutes(31));

            HousekeepingReport report = store.housekeeping();

            assertThat(report.removedByRetention()).isEqualTo(many.size());
            assertThat(store.deliveredCount()).isEqualTo(1);
            assertThat(store.hasReading(curve(1, Quantity.FREQUENCY, 0).key())).isTrue();
            assertThat(store.readings(50, ReadingKind.CURVE, T0, T0 + Duration.ofDays(2).toMillis())).isEmpty();
        }
    }
}
