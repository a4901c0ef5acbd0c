package org.openami.cloud.ingest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.ingest.db.Fixtures.T0;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuarantineLogTest {

    private static TestDatabase db;
    private static final AtomicLong NOW = new AtomicLong(T0);
    private static QuarantineLog log;

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(NOW.get());
        }
    }

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        log = new QuarantineLog(db.dataSource(), new TestClock());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        db.truncate();
        NOW.set(T0);
    }

    @Test
    void entriesRoundTripNewestFirst() throws Exception {
        byte[] small = {1, 2, 3};
        long first = log.add("ami/c1/telemetry", "c1", 42L, "BAD_SIGNATURE", "signature does not verify", small);
        NOW.addAndGet(1000);
        long second = log.add("ami/unknown", null, null, "MALFORMED", "not CBOR", new byte[0]);
        assertThat(second).isGreaterThan(first);
        assertThat(log.count()).isEqualTo(2);
        List<QuarantineEntry> latest = log.latest(10);
        assertThat(latest).containsExactly(
                new QuarantineEntry(second, T0 + 1000, "ami/unknown", null, null, "MALFORMED", "not CBOR", 0, new byte[0]),
                new QuarantineEntry(first, T0, "ami/c1/telemetry", "c1", 42L, "BAD_SIGNATURE", "signature does not verify", 3, small));
        assertThat(log.latest(1)).hasSize(1).first().extracting(QuarantineEntry::id).isEqualTo(second);
    }

    @Test
    void onlyTheFirst64KiBAreKept() throws Exception {
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        log.add("t", "c1", 1L, "TOO_LARGE", "200000 bytes", big);
        QuarantineEntry e = log.latest(1).get(0);
        assertThat(e.size()).isEqualTo(200_000);
        assertThat(e.truncated()).isTrue();
        assertThat(e.envelope()).isEqualTo(Arrays.copyOf(big, Limits.MAX_QUARANTINED_BYTES));
    }

    @Test
    void whateverTheMessageContainsItIsKept() throws Exception {
        String hostile = "a\0b" + "z".repeat(10_000);
        log.add(hostile, hostile, Long.MIN_VALUE, hostile, hostile, null);
        QuarantineEntry e = log.latest(1).get(0);
        assertThat(e.topic()).hasSize(Limits.MAX_ID_CHARS).startsWith("a\uFFFDb");
        assertThat(e.concentratorId()).hasSize(Limits.MAX_ID_CHARS);
        assertThat(e.reason()).hasSize(Limits.MAX_ID_CHARS);
        assertThat(e.detail()).hasSize(Limits.MAX_TEXT_CHARS);
        assertThat(e.sequence()).isEqualTo(Long.MIN_VALUE);
        assertThat(e.size()).isZero();
        log.add(null, null, null, null, null, null);
        assertThat(log.latest(1).get(0)).extracting(QuarantineEntry::topic, QuarantineEntry::reason).containsExactly("", "");
    }

    @Test
    void purgeAndLimits() throws Exception {
        log.add("t", null, null, "R", "old", new byte[1]);
        NOW.set(T0 + 86_400_000L);
        log.add("t", null, null, "R", "new", new byte[1]);
        assertThat(log.purgeOlderThan(Instant.ofEpochMilli(T0 + 1))).isEqualTo(1);
        assertThat(log.latest(5)).extracting(QuarantineEntry::detail).containsExactly("new");
        assertThatThrownBy(() -> log.latest(0)).isInstanceOf(DatabaseException.class).hasMessageContaining("limit 0");
        assertThatThrownBy(() -> log.latest(1001)).isInstanceOf(DatabaseException.class);
    }
}
