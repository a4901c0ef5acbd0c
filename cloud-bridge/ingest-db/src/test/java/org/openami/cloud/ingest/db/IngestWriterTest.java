package org.openami.cloud.ingest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.ingest.db.Fixtures.T0;
import static org.openami.cloud.ingest.db.Fixtures.curve;
import static org.openami.cloud.ingest.db.Fixtures.ref;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.openami.cloud.ingest.db.WriteOutcome.Status;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class IngestWriterTest {

    private static TestDatabase db;
    private static IngestWriter writer;
    private static ReadingQueries queries;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        writer = new IngestWriter(db.dataSource());
        queries = new ReadingQueries(db.dataSource());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        db.truncate();
    }

    private static List<Reading> day(int meter, long valueBase) {
        List<Reading> readings = new ArrayList<>();
        for (int q = 0; q < 96; q++) {
            readings.add(curve(meter, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, q, valueBase + q * 10L));
            readings.add(curve(meter, Quantity.VOLTAGE_A, q, 230_000 + q));
        }
        return readings;
    }

    @Test
    void aNewEnvelopeIsAppliedAndTheSameEnvelopeAgainIsADuplicateThatWritesNothing() throws Exception {
        EnvelopeRef ref = ref("c1", 1, "day 1");
        assertThat(writer.writeTelemetry(ref, day(1, 1000))).isEqualTo(WriteOutcome.applied(192, 0));
        assertThat(queries.count()).isEqualTo(192);

        // a redelivered copy, even with other contents handed in, writes nothing
        List<Reading> changed = day(1, 5000);
        changed.add(curve(2, Quantity.FREQUENCY, 0, 50_000));
        assertThat(writer.writeTelemetry(ref, changed)).isEqualTo(WriteOutcome.refused(Status.DUPLICATE));
        assertThat(queries.count()).isEqualTo(192);
        assertThat(queries.snapshot(1000)).containsEntry(
                ReadingKey.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 3, 0)), 1030L);
        assertThat(db.queryLong("SELECT count(*) FROM envelope_seen")).isEqualTo(1);
    }

    @Test
    void theSameReadingsInANewEnvelopeAddNoRows() throws Exception {
        writer.writeTelemetry(ref("c1", 1, "a"), day(1, 1000));
        WriteOutcome again = writer.writeTelemetry(ref("c1", 2, "b"), day(1, 1000));
        assertThat(again).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(queries.count()).isEqualTo(192);
        // and from another concentrator too: the key is the meter's, not the sender's
        assertThat(writer.writeTelemetry(ref("c2", 1, "a"), day(1, 1000))).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(queries.countForConcentrator("c1")).isEqualTo(192);
        assertThat(queries.countForConcentrator("c2")).isZero();
    }

    @Test
    void aChangedValueReplacesTheStoredOneAndCountsAsChanged() throws Exception {
        writer.writeTelemetry(ref("c1", 1, "a"), List.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 100),
                curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1, 110)));
        EnvelopeRef second = new EnvelopeRef("c2", 7, Fixtures.sha256("x"), T0 + 120_000);
        WriteOutcome out = writer.writeTelemetry(second, List.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 100),
                curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1, 111), curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 2, 120)));
        assertThat(out).isEqualTo(WriteOutcome.applied(1, 1));
        assertThat(queries.snapshot(10)).containsExactlyInAnyOrderEntriesOf(Map.of(
                ReadingKey.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 0)), 100L,
                ReadingKey.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1, 0)), 111L,
                ReadingKey.of(curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 2, 0)), 120L));
        // the changed row now belongs to the envelope that changed it
        assertThat(db.queryString("SELECT concentrator_id || ' ' || " + Sql.millis("received_at")
                + " FROM reading WHERE value = 111")).isEqualTo("c2 " + (T0 + 120_000));
        assertThat(db.queryString("SELECT concentrator_id FROM reading WHERE value = 100")).isEqualTo("c1");
    }

    @Test
    void withinOneBatchTheLastReadingOfAKeyWins() throws Exception {
        WriteOutcome out = writer.writeTelemetry(ref("c1", 1, "a"), List.of(
                curve(1, Quantity.FREQUENCY, 0, 49_990), curve(1, Quantity.FREQUENCY, 0, 50_010)));
        assertThat(out).isEqualTo(WriteOutcome.applied(1, 0));
        assertThat(queries.snapshot(10)).containsExactly(
                Map.entry(ReadingKey.of(curve(1, Quantity.FREQUENCY, 0, 0)), 50_010L));
    }

    @Test
    void aReusedSequenceWithAnotherDigestIsRefusedAndWritesNothing() throws Exception {
        writer.writeTelemetry(ref("c1", 5, "original"), day(1, 1000));
        WriteOutcome out = writer.writeTelemetry(ref("c1", 5, "forged"), day(2, 9000));
        assertThat(out).isEqualTo(WriteOutcome.refused(Status.SEQUENCE_REUSED));
        assertThat(queries.count()).isEqualTo(192);
        assertThat(queries.find(Fixtures.meter(2), 0, Limits.MAX_TIME, 10)).isEmpty();
        // the same sequence of another concentrator is its own
        assertThat(writer.writeTelemetry(ref("c9", 5, "forged"), day(2, 9000)).status()).isEqualTo(Status.APPLIED);
        // events and results are refused the same way
        assertThat(writer.writeEvents(ref("c1", 5, "other"), List.of(
                org.openami.concentrator.model.MeterEvent.concentrator(
                        org.openami.concentrator.model.EventType.STORE_NEAR_FULL, T0, "x"))).status())
                .isEqualTo(Status.SEQUENCE_REUSED);
        assertThat(db.queryLong("SELECT count(*) FROM meter_event")).isZero();
    }

    @Test
    void anEmptyEnvelopeIsRecordedToo() throws Exception {
        EnvelopeRef ref = ref("c1", 3, "empty");
        assertThat(writer.writeTelemetry(ref, List.of())).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(writer.writeTelemetry(ref, List.of())).isEqualTo(WriteOutcome.refused(Status.DUPLICATE));
    }

    @Test
    void everyQuantityAndKindIsStoredAndReadBackExactly() throws Exception {
        List<Reading> all = new ArrayList<>();
        long t = T0 + 123; // milliseconds survive
        int i = 0;
        for (Quantity q : Quantity.values()) {
            for (ReadingKind k : ReadingKind.values()) {
                all.add(new Reading(7, "000000000042", k, q, t + i, Long.MAX_VALUE - i, t + i + 1));
                i++;
            }
        }
        all.add(new Reading(7, "000000000042", ReadingKind.REALTIME, Quantity.ACTIVE_POWER_A,
                Limits.MAX_TIME - 1, Long.MIN_VALUE, Limits.MIN_TIME));
        assertThat(writer.writeTelemetry(ref("c1", 1, "all"), all).inserted()).isEqualTo(all.size());
        List<Reading> back = queries.find("000000000042", Limits.MIN_TIME, Limits.MAX_TIME, 1000);
        assertThat(back).containsExactlyInAnyOrderElementsOf(all);
        assertThat(back).isSortedAccordingTo(java.util.Comparator.comparingLong(Reading::dataTime));
    }

    @Test
    void theUnitOfEveryQuantityIsDocumentedInTheSchema() throws Exception {
        for (Quantity q : Quantity.values()) {
            assertThat(db.queryString("SELECT unit FROM quantity_unit WHERE quantity = '" + q.name() + "'"))
                    .as(q.name()).isEqualTo(q.unit());
        }
        assertThat(db.queryLong("SELECT count(*) FROM quantity_unit")).isEqualTo(Quantity.values().length);
        assertThat(db.queryString("SELECT col_description('reading'::regclass, 2)")).contains("unit of its quantity");
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        EnvelopeRef ref = ref("c1", 1, "bad");
        Reading good = curve(1, Quantity.FREQUENCY, 0, 1);
        List<List<Reading>> bad = List.of(
                List.of(good, new Reading(1, "", ReadingKind.CURVE, Quantity.FREQUENCY, T0, 1, T0)),
                List.of(good, new Reading(1, "m".repeat(Limits.MAX_ID_CHARS + 1), ReadingKind.CURVE, Quantity.FREQUENCY, T0, 1, T0)),
                List.of(good, new Reading(1, "12\0", ReadingKind.CURVE, Quantity.FREQUENCY, T0, 1, T0)),
                List.of(good, new Reading(1, "m", ReadingKind.CURVE, Quantity.FREQUENCY, -1, 1, T0)),
                List.of(good, new Reading(1, "m", ReadingKind.CURVE, Quantity.FREQUENCY, T0, 1, Long.MAX_VALUE)),
                java.util.Arrays.asList(good, null));
        List<String> messages = new ArrayList<>();
        for (List<Reading> readings : bad) {
            DatabaseException e = org.junit.jupiter.api.Assertions.assertThrows(DatabaseException.class,
                    () -> writer.writeTelemetry(ref, readings));
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).startsWith("reading 1");
            messages.add(e.getMessage());
        }
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("meter is empty"))
                .anySatisfy(m -> assertThat(m).contains("NUL"))
                .anySatisfy(m -> assertThat(m).contains("dataTime -1"))
                .anySatisfy(m -> assertThat(m).contains("readAt"));
        assertThat(queries.count()).isZero();
        // the envelope was not recorded: its valid version is applied
        assertThat(writer.writeTelemetry(ref, List.of(good))).isEqualTo(WriteOutcome.applied(1, 0));

        EnvelopeRef future = new EnvelopeRef("c1", 2, new byte[] {1}, Limits.MAX_TIME);
        assertThatThrownBy(() -> writer.writeTelemetry(future, List.of(good)))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining("receivedAt");
        List<Reading> tooMany = java.util.Collections.nCopies(Limits.MAX_BATCH + 1, good);
        assertThatThrownBy(() -> writer.writeTelemetry(ref("c1", 3, "big"), tooMany))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("at most " + Limits.MAX_BATCH);
    }

    @Test
    void twoThreadsWritingOverlappingBatchesStoreEachReadingOnce() throws Exception {
        // 40 meters x 96 quarters x 2 quantities; each thread writes every meter-day, in another order,
        // as envelopes of its own, so every reading is written twice, concurrently.
        int meters = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                int t = thread;
                Callable<int[]> task = () -> {
                    start.await();
                    int inserted = 0;
                    int changed = 0;
                    for (int i = 0; i < meters; i++) {
                        int m = t == 0 ? i : meters - 1 - i;
                        List<Reading> batch = new ArrayList<>(day(m, 1000 * m));
                        batch.addAll(day((m + 1) % meters, 1000 * ((m + 1) % meters))); // overlap with the next meter
                        java.util.Collections.shuffle(batch, new java.util.Random(m * 31L + t));
                        WriteOutcome out = writer.writeTelemetry(ref("c" + t, m, "batch"), batch);
                        assertThat(out.status()).isEqualTo(Status.APPLIED);
                        inserted += out.inserted();
                        changed += out.changed();
                    }
                    return new int[] {inserted, changed};
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            int inserted = 0;
            int changed = 0;
            for (Future<int[]> f : futures) {
                int[] counts = f.get(120, TimeUnit.SECONDS);
                inserted += counts[0];
                changed += counts[1];
            }
            assertThat(inserted).isEqualTo(meters * 192);
            assertThat(changed).isZero();
            assertThat(queries.count()).isEqualTo(meters * 192);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameEnvelopeFromTwoWorkersAtOnceIsAppliedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                EnvelopeRef ref = ref("c1", round, "race");
                List<Reading> readings = day(round, round * 100_000L);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<WriteOutcome>> futures = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return writer.writeTelemetry(ref, readings);
                    }));
                }
                start.countDown();
                List<Status> statuses = new ArrayList<>();
                int inserted = 0;
                for (Future<WriteOutcome> f : futures) {
                    WriteOutcome out = f.get(60, TimeUnit.SECONDS);
                    statuses.add(out.status());
                    inserted += out.inserted();
                }
                assertThat(statuses).containsOnlyOnce(Status.APPLIED);
                assertThat(statuses).filteredOn(s -> s == Status.DUPLICATE).hasSize(3);
                assertThat(inserted).isEqualTo(192);
            }
            assertThat(queries.count()).isEqualTo(5 * 192);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgingTheReplayWindowRemovesOnlyOldRowsAndAReplayAfterwardsStoresNothingNew() throws Exception {
        EnvelopeRef old = new EnvelopeRef("c1", 1, new byte[] {1}, T0);
        EnvelopeRef recent = new EnvelopeRef("c1", 2, new byte[] {2}, T0 + 86_400_000L);
        writer.writeTelemetry(old, day(1, 0));
        writer.writeTelemetry(recent, day(2, 0));
        assertThat(writer.purgeSeen(Instant.ofEpochMilli(T0 + 1))).isEqualTo(1);
        assertThat(writer.purgeSeen(Instant.ofEpochMilli(T0 + 1))).isZero();
        assertThat(writer.writeTelemetry(recent, day(2, 0)).status()).isEqualTo(Status.DUPLICATE);
        assertThat(writer.writeTelemetry(old, day(1, 0))).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(queries.count()).isEqualTo(2 * 192);
    }

    @Test
    void purgingManyRowsWorksInChunks() throws Exception {
        db.execute("INSERT INTO envelope_seen SELECT 'c1', s, '\\x01', timestamptz '2020-01-01 00:00:00+00'"
                + " FROM generate_series(1, 25000) AS s");
        writer.writeTelemetry(ref("c1", 30_000, "new"), List.of());
        assertThat(writer.purgeSeen(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo(25_000);
        assertThat(db.queryLong("SELECT count(*) FROM envelope_seen")).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsATransientFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"localhost"});
        nowhere.setPortNumbers(new int[] {port});
        nowhere.setConnectTimeout(2);
        IngestWriter offline = new IngestWriter(nowhere);
        assertThatThrownBy(() -> offline.writeTelemetry(ref("c1", 1, "x"), day(1, 0)))
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("storing 192 readings").contains("SQLSTATE 08");
                });
    }

    @Test
    void aSqlErrorRollsBackTheWholeEnvelope() throws Exception {
        // a trigger that fails on one value stands for any error in the middle of the write
        db.execute("CREATE FUNCTION fail_on_666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.value = 666 THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$");
        db.execute("CREATE TRIGGER fail_on_666 BEFORE INSERT ON reading FOR EACH ROW EXECUTE FUNCTION fail_on_666()");
        try {
            EnvelopeRef ref = ref("c1", 1, "x");
            List<Reading> readings = new ArrayList<>(day(1, 0));
            readings.add(curve(3, Quantity.FREQUENCY, 0, 666));
            assertThatThrownBy(() -> writer.writeTelemetry(ref, readings))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.SQL_ERROR);
                        assertThat(e.getMessage()).contains("refused by test trigger");
                    });
            assertThat(queries.count()).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM envelope_seen")).isZero();
        } finally {
            db.execute("DROP TRIGGER fail_on_666 ON reading");
            db.execute("DROP FUNCTION fail_on_666()");
        }
    }
}
