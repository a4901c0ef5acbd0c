package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCounterTest {

    @TempDir
    Path dir;

    @Test
    void aNewCounterStartsAtOneAndIncreases() throws IOException {
        try (SequenceCounter c = SequenceCounter.open(dir.resolve("seq"), 10)) {
            assertThat(c.peek()).isEqualTo(1);
            for (long expected = 1; expected <= 25; expected++) {
                assertThat(c.next()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theFileHoldsTheReservationAheadOfEveryNumberHandedOut() throws IOException {
        Path file = dir.resolve("seq");
        try (SequenceCounter c = SequenceCounter.open(file, 100)) {
            assertThat(Files.exists(file)).isFalse();
            c.next();
            assertThat(Files.readString(file)).startsWith("openami-sequence 1 101 ");
            for (int i = 0; i < 99; i++) {
                c.next();
            }
            assertThat(Files.readString(file)).startsWith("openami-sequence 1 101 ");
            assertThat(c.next()).isEqualTo(101);
            assertThat(Files.readString(file)).startsWith("openami-sequence 1 201 ");
        }
    }

    @Test
    void aCleanRestartContinuesWithoutAGap() throws IOException {
        Path file = dir.resolve("seq");
        try (SequenceCounter c = SequenceCounter.open(file, 1000)) {
            for (int i = 0; i < 37; i++) {
                c.next();
            }
        }
        try (SequenceCounter c = SequenceCounter.open(file, 1000)) {
            assertThat(c.next()).isEqualTo(38);
        }
    }

    @Test
    void aCrashRestartsAboveEveryNumberHandedOut() throws IOException {
        Path file = dir.resolve("seq");
        long highest = 0;
        Random random = new Random(7);
        for (int crash = 0; crash < 20; crash++) {
            // opened and never closed: what a kill -9 leaves behind
            SequenceCounter c = SequenceCounter.open(file, 1 + random.nextInt(50));
            long first = c.next();
            assertThat(first).isGreaterThan(highest);
            highest = first;
            for (int i = random.nextInt(120); i > 0; i--) {
                long n = c.next();
                assertThat(n).isEqualTo(highest + 1);
                highest = n;
            }
        }
    }

    @Test
    void threadsNeverGetTheSameNumber() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SequenceCounter c = SequenceCounter.open(dir.resolve("seq"), 64)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!seen.add(c.next())) {
                            duplicates.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            assertThat(duplicates.get()).isZero();
            assertThat(seen).hasSize(8_000);
            assertThat(c.peek()).isEqualTo(8_001);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptFilesAreErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("seq");
        for (String content : List.of("", "garbage\n", "openami-sequence 1 12 00000000\n", "openami-sequence 1 12\n",
                "openami-sequence 2 12 3ca7f6ab\n", "x".repeat(1000))) {
            Files.writeString(file, content);
            assertThatThrownBy(() -> SequenceCounter.open(file, 10)).isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
        }
        // a valid file, then one digit changed: the checksum catches it
        SequenceCounter crashed = SequenceCounter.open(dir.resolve("ok"), 10);
        crashed.next();
        String valid = Files.readString(dir.resolve("ok"));
        assertThat(valid).startsWith("openami-sequence 1 11 ");
        Files.writeString(file, valid.replace(" 11 ", " 91 "));
        assertThatThrownBy(() -> SequenceCounter.open(file, 10)).hasMessageContaining("checksum");
        Files.writeString(file, valid);
        try (SequenceCounter c = SequenceCounter.open(file, 10)) {
            assertThat(c.next()).isEqualTo(11);
        }
    }

    @Test
    void misuseIsRefused() throws IOException {
        assertThatThrownBy(() -> SequenceCounter.open(dir.resolve("seq"), 0)).isInstanceOf(IllegalArgumentException.class);
        SequenceCounter c = SequenceCounter.open(dir.resolve("seq"), 5);
        c.close();
        c.close();
        assertThatThrownBy(c::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void killNineNeverRepeatsANumber() throws Exception {
        Path file = dir.resolve("seq");
        Random random = new Random(20260101);
        long confirmed = 0;
        for (int kill = 0; kill < 5; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx32m", "-cp", System.getProperty("java.class.path"), SequenceChild.class.getName(),
                    file.toString(), Integer.toString(1 + random.nextInt(200)))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Set<Long> numbers = new HashSet<>();
            long first = -1;
            long last = -1;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(in.readLine()).isEqualTo("OPEN .");
                int lines = 200 + random.nextInt(20_000);
                for (int i = 0; i < lines; i++) {
                    String line = in.readLine();
                    assertThat(line).isNotNull().startsWith("N ").endsWith(" .");
                    long n = Long.parseLong(line.substring(2, line.length() - 2));
                    if (first < 0) {
                        first = n;
                    }
                    assertThat(n).isGreaterThan(last);
                    last = n;
                    numbers.add(n);
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(first).as("after kill " + kill).isGreaterThan(confirmed);
            confirmed = last;
        }
        // and the process that reopens after the last kill starts above it too
        try (SequenceCounter c = SequenceCounter.open(file, 10)) {
            assertThat(c.next()).isGreaterThan(confirmed);
        }
    }
}
