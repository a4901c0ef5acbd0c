package org.openami.concentrator.dlt645.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.dlt645.MeterAddress;

class FileControlCounterTest {

    private static final MeterAddress A = MeterAddress.of(1);
    private static final MeterAddress B = MeterAddress.of(2);
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    private static final long FLOOR = T.getEpochSecond();

    @TempDir
    Path dir;

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void countsUpPerMeterFromTheEpochFloorAndReservesInBlocks() throws Exception {
        Path file = dir.resolve("c");
        try (FileControlCounter c = FileControlCounter.open(file, 3, at(T))) {
            assertThat(c.next(A)).isEqualTo(FLOOR);
            assertThat(c.next(A)).isEqualTo(FLOOR + 1);
            assertThat(c.next(B)).isEqualTo(FLOOR);
            assertThat(c.reservedEnd(A)).isEqualTo(FLOOR + 2);
            assertThat(c.next(A)).isEqualTo(FLOOR + 2);
            assertThat(c.next(A)).isEqualTo(FLOOR + 3);
            assertThat(c.reservedEnd(A)).as("a second block").isEqualTo(FLOOR + 5);
            assertThat(Files.readAllLines(file)).contains("000000000001 " + (FLOOR + 5), "000000000002 " + (FLOOR + 2));
        }
    }

    @Test
    void aReopenedFileContinuesAfterTheReservedBlockEvenWithTheClockSetBack() throws Exception {
        Path file = dir.resolve("c");
        long last;
        try (FileControlCounter c = FileControlCounter.open(file, 10, at(T))) {
            c.next(A);
            last = c.next(A);
        }
        // the clock went back a year: the file alone keeps the counter growing
        try (FileControlCounter c = FileControlCounter.open(file, 10, at(T.minusSeconds(365L * 86400)))) {
            long v = c.next(A);
            assertThat(v).isGreaterThan(last).isEqualTo(FLOOR + 10);
        }
    }

    @Test
    void theEpochFloorLiftsCountersAboveALostFile() throws Exception {
        long before;
        try (FileControlCounter c = FileControlCounter.open(dir.resolve("old"), 4, at(T))) {
            for (int i = 0; i < 20; i++) {
                c.next(A);
            }
            before = c.next(A);
        }
        // a replacement concentrator, a minute later, with an empty file
        try (FileControlCounter c = FileControlCounter.open(dir.resolve("new"), 4, at(T.plusSeconds(60)))) {
            assertThat(c.next(A)).isGreaterThan(before);
        }
    }

    @Test
    void usedUpCountersAreRefusedNotWrapped() throws Exception {
        Path file = dir.resolve("c");
        Files.writeString(file, "000000000001 4294967294\n", StandardCharsets.US_ASCII);
        try (FileControlCounter c = FileControlCounter.open(file, 8, at(T))) {
            assertThat(c.next(A)).isEqualTo(4294967295L);
            assertThatThrownBy(() -> c.next(A)).isInstanceOf(CounterFileException.class)
                    .hasMessageContaining("used up");
        }
    }

    @Test
    void malformedFilesAreRefusedWithTheLineAndWhatIsWrong() throws Exception {
        assertRefused("000000000001 12\nxyz 5\n", "line 2: bad meter address 'xyz'");
        assertRefused("000000000001 12 7\n", "line 1: expected '<address> <counter>'");
        assertRefused("000000000001 twelve\n", "line 1: counter 'twelve' is not a decimal number");
        assertRefused("000000000001 0\n", "line 1: counter 0 is outside 1..4294967295");
        assertRefused("000000000001 4294967296\n", "outside 1..4294967295");
        assertRefused("# c\n000000000001 5\n000000000001 9\n", "line 3: meter 000000000001 appears twice");
        assertRefused("AAAAAAAAAAAA 5\n", "line 1: AAAAAAAAAAAA is not one meter's address");
    }

    private void assertRefused(String content, String message) throws Exception {
        Path file = Files.createTempFile(dir, "bad", ".txt");
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FileControlCounter.open(file, 4, at(T)))
                .isInstanceOf(CounterFileException.class).hasMessageContaining(message);
        // the lock was released: a good file at the same place opens
        Files.writeString(file, "000000000001 5\n", StandardCharsets.US_ASCII);
        try (FileControlCounter c = FileControlCounter.open(file, 4, at(Instant.EPOCH))) {
            assertThat(c.next(A)).isEqualTo(6);
        }
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("c");
        Files.write(file, new byte[(int) FileControlCounter.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> FileControlCounter.open(file, 4, at(T)))
                .isInstanceOf(CounterFileException.class).hasMessageContaining("bytes, more than");
    }

    @Test
    void aSecondInstanceOnTheSameFileIsRefusedUntilTheFirstCloses() throws Exception {
        Path file = dir.resolve("c");
        FileControlCounter first = FileControlCounter.open(file, 4, at(T));
        assertThatThrownBy(() -> FileControlCounter.open(file, 4, at(T)))
                .isInstanceOf(CounterFileException.class).hasMessageContaining("already open");
        first.close();
        assertThatThrownBy(() -> first.next(A)).isInstanceOf(CounterFileException.class).hasMessageContaining("closed");
        try (FileControlCounter second = FileControlCounter.open(file, 4, at(T))) {
            assertThat(second.next(A)).isEqualTo(FLOOR);
        }
    }

    @Test
    void concurrentCallersNeverGetTheSameValue() throws Exception {
        try (FileControlCounter c = FileControlCounter.open(dir.resolve("c"), 5, at(T))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                var seen = ConcurrentHashMap.<Long>newKeySet();
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < 250; i++) {
                            assertThat(seen.add(c.next(A))).isTrue();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                assertThat(seen).hasSize(1000);
                assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(FLOOR + 999);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void addressesThatAreNotOneMeterAreRejected() throws Exception {
        try (FileControlCounter c = FileControlCounter.open(dir.resolve("c"), 4, at(T))) {
            assertThatThrownBy(() -> c.next(MeterAddress.BROADCAST)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
