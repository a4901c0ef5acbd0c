package org.openami.meter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordRingTest {

    private static final int CAP = 8;
    private static final int MAX = 32;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("events.ring");
    }

    private RecordRing open() throws StorageException {
        return RecordRing.open(file(), CAP, MAX, SyncPolicy.NONE);
    }

    private static List<StoredRecord> expected(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).mapToObj(n -> new StoredRecord(n, Bytes.payload(n, MAX))).toList();
    }

    private static void appendUpTo(RecordRing ring, long lastInclusive) throws StorageException {
        while (ring.nextSequence() <= lastInclusive) {
            long n = ring.nextSequence();
            assertThat(ring.append(Bytes.payload(n, MAX))).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void roundTripStartsAtOneAndReopenContinues(SyncPolicy sync) throws IOException {
        try (RecordRing ring = RecordRing.open(file(), CAP, MAX, sync)) {
            assertThat(ring.records()).isEmpty();
            assertThat(ring.latest()).isEmpty();
            assertThat(ring.nextSequence()).isEqualTo(RecordRing.FIRST_SEQUENCE).isEqualTo(1);
            assertThat(ring.capacity()).isEqualTo(CAP);
            assertThat(ring.append(Bytes.text("a"))).isEqualTo(1);
            assertThat(ring.append(Bytes.text("b"))).isEqualTo(2);
            assertThat(ring.records()).containsExactly(new StoredRecord(1, Bytes.text("a")), new StoredRecord(2, Bytes.text("b")));
            assertThat(ring.latest()).contains(new StoredRecord(2, Bytes.text("b")));
        }
        assertThat(Files.size(file())).isEqualTo(RecordRing.fileSize(CAP, MAX));
        try (RecordRing ring = RecordRing.open(file(), CAP, MAX, sync)) {
            assertThat(ring.damagedSlotsAtOpen()).isZero();
            assertThat(ring.nextSequence()).isEqualTo(3);
            assertThat(ring.append(Bytes.text("c"))).isEqualTo(3);
            assertThat(ring.records()).extracting(StoredRecord::sequence).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void emptyAndMaximalPayloadsAndOversizeRefused() throws IOException {
        byte[] max = new byte[MAX];
        new Random(1).nextBytes(max);
        try (RecordRing ring = open()) {
            ring.append(new byte[0]);
            ring.append(max);
            assertThatThrownBy(() -> ring.append(new byte[MAX + 1]))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.reason()).isEqualTo(StorageException.Reason.TOO_LARGE);
                        assertThat(e.getMessage()).contains(file().toString());
                    });
            assertThat(ring.nextSequence()).isEqualTo(3); // refused append consumed nothing
        }
        try (RecordRing ring = open()) {
            assertThat(ring.records()).containsExactly(new StoredRecord(1, new byte[0]), new StoredRecord(2, max));
        }
        try (RecordRing zero = RecordRing.open(dir.resolve("zero"), 3, 0, SyncPolicy.NONE)) {
            zero.append(new byte[0]);
            assertThat(zero.records()).containsExactly(new StoredRecord(1, new byte[0]));
        }
    }

    @Test
    void wrapAroundOrdersBySequenceNotPosition() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 3 * CAP + 3);
            assertThat(ring.records()).containsExactlyElementsOf(expected(2 * CAP + 4, 3 * CAP + 3));
        }
        // slot 0 holds sequence 24, which is not the oldest: order must come from sequences
        try (RecordRing ring = open()) {
            assertThat(ring.records()).containsExactlyElementsOf(expected(2 * CAP + 4, 3 * CAP + 3));
            assertThat(ring.latest()).contains(new StoredRecord(3 * CAP + 3, Bytes.payload(3 * CAP + 3, MAX)));
            assertThat(ring.nextSequence()).isEqualTo(3 * CAP + 4);
            appendUpTo(ring, 3 * CAP + 10);
            assertThat(ring.records()).containsExactlyElementsOf(expected(2 * CAP + 11, 3 * CAP + 10));
        }
    }

    @Test
    void smallestRingKeepsTheLastTwo() throws IOException {
        try (RecordRing ring = RecordRing.open(file(), 2, MAX, SyncPolicy.NONE)) {
            appendUpTo(ring, 5);
            assertThat(ring.records()).containsExactlyElementsOf(expected(4, 5));
        }
    }

    @Test
    void damagedNewestSlotLosesOnlyThatRecordAndItsSequenceIsReused() throws IOException {
        Random random = new Random(99);
        for (int round = 0; round < 40; round++) {
            Path file = dir.resolve("torn" + round);
            long last = 1 + random.nextInt(3 * CAP);
            try (RecordRing ring = RecordRing.open(file, CAP, MAX, SyncPolicy.NONE)) {
                appendUpTo(ring, last);
            }
            long slot = RecordRing.slotOffset(MAX, last % CAP);
            int used = RecordRing.SLOT_OVERHEAD + Bytes.payload(last, MAX).length;
            int from = random.nextInt(used);
            int len = 1 + random.nextInt(RecordRing.slotSize(MAX) - from);
            byte[] garbage = new byte[len];
            random.nextBytes(garbage);
            byte[] original = Bytes.read(file, slot + from, len);
            garbage[0] = (byte) (original[0] + 1 + random.nextInt(255)); // make sure the written part changes
            Bytes.write(file, slot + from, garbage);

            try (RecordRing ring = RecordRing.open(file, CAP, MAX, SyncPolicy.NONE)) {
                assertThat(ring.damagedSlotsAtOpen()).as("round %d", round).isEqualTo(1);
                assertThat(ring.records()).as("round %d", round)
                        .containsExactlyElementsOf(expected(Math.max(1, last - CAP + 1), last - 1));
                assertThat(ring.nextSequence()).isEqualTo(last);
                assertThat(ring.append(Bytes.payload(last, MAX))).isEqualTo(last);
                assertThat(ring.records()).containsExactlyElementsOf(expected(Math.max(1, last - CAP + 1), last));
            }
            try (RecordRing ring = RecordRing.open(file, CAP, MAX, SyncPolicy.NONE)) {
                assertThat(ring.damagedSlotsAtOpen()).isZero();
            }
        }
    }

    @Test
    void damagedOlderSlotsAreSkippedAndCounted() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 20); // live 13..20
        }
        Bytes.flipBit(file(), RecordRing.slotOffset(MAX, 14 % CAP) * 8 + 100);
        Bytes.flipBit(file(), RecordRing.slotOffset(MAX, 17 % CAP) * 8 + 5);
        try (RecordRing ring = open()) {
            assertThat(ring.damagedSlotsAtOpen()).isEqualTo(2);
            assertThat(ring.records()).extracting(StoredRecord::sequence).containsExactly(13L, 15L, 16L, 18L, 19L, 20L);
            assertThat(ring.nextSequence()).isEqualTo(21);
        }
    }

    @Test
    void truncatedFileKeepsWhatIsLeft() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 6); // slots 1..6
        }
        Bytes.truncate(file(), RecordRing.slotOffset(MAX, 4) + 13); // slot 4 torn, 5 and 6 gone
        try (RecordRing ring = open()) {
            assertThat(ring.damagedSlotsAtOpen()).isEqualTo(1);
            assertThat(ring.records()).containsExactlyElementsOf(expected(1, 3));
            assertThat(ring.append(Bytes.payload(4, MAX))).isEqualTo(4);
        }
    }

    @Test
    void clearRemovesEverythingAndSequencesContinue() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 11);
            assertThat(ring.firstSequence()).isEqualTo(1);
            ring.clear();
            assertThat(ring.records()).isEmpty();
            assertThat(ring.latest()).isEmpty();
            assertThat(ring.nextSequence()).isEqualTo(12);
            assertThat(ring.firstSequence()).isEqualTo(12);
        }
        try (RecordRing ring = open()) {
            assertThat(ring.records()).isEmpty();
            assertThat(ring.damagedSlotsAtOpen()).isZero();
            assertThat(ring.nextSequence()).isEqualTo(12);
            assertThat(ring.firstSequence()).isEqualTo(12);
            assertThat(ring.append(Bytes.payload(12, MAX))).isEqualTo(12);
            ring.clear();
            ring.clear();
            appendUpTo(ring, 14);
        }
        try (RecordRing ring = RecordRing.open(file(), CAP, MAX, SyncPolicy.FSYNC)) {
            assertThat(ring.records()).containsExactlyElementsOf(expected(13, 14));
            ring.clear();
        }
        try (RecordRing ring = open()) {
            assertThat(ring.records()).isEmpty();
            assertThat(ring.nextSequence()).isEqualTo(15);
        }
        assertThat(StorageIo.tempSibling(file())).doesNotExist();
    }

    @Test
    void crashBeforeClearRenameLeavesTheOldRing() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 5);
        }
        // what a crash in clear() before the rename leaves: a complete or partial temp file next to the ring
        Path tmp = StorageIo.tempSibling(file());
        Files.write(tmp, Bytes.read(file(), 0, 4096 + 100));
        try (RecordRing ring = open()) {
            assertThat(ring.records()).containsExactlyElementsOf(expected(1, 5));
        }
        assertThat(tmp).doesNotExist();
    }

    @Test
    void validSlotsFromBeforeClearStayDead() throws IOException {
        int slotSize = RecordRing.slotSize(MAX);
        byte[] oldSlots;
        try (RecordRing ring = open()) {
            appendUpTo(ring, 5); // generation 1, slots 1..5
            oldSlots = Bytes.read(file(), RecordRing.slotOffset(MAX, 1), 5 * slotSize);
            ring.clear(); // generation 2, firstSequence 6
            appendUpTo(ring, 7); // slots 6, 7
        }
        // the old slots reappear (e.g. a stale block surfacing on the card): CRC-valid, older generation
        Bytes.write(file(), RecordRing.slotOffset(MAX, 1), oldSlots);
        try (RecordRing ring = open()) {
            assertThat(ring.records()).containsExactlyElementsOf(expected(6, 7));
            assertThat(ring.damagedSlotsAtOpen()).isEqualTo(5);
            assertThat(ring.nextSequence()).isEqualTo(8);
        }
    }

    @Test
    void generationAloneKeepsForeignGenerationRecordsDead() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 5);
            ring.clear(); // generation 2, firstSequence 6
        }
        // sequence in range and right slot, CRC valid, but generation 1: dead
        Bytes.write(file(), RecordRing.slotOffset(MAX, 8 % CAP), slot(8, 1, Bytes.text("zombie")));
        // the same with generation 2 is live (proves the hand-made slot is well formed)
        Bytes.write(file(), RecordRing.slotOffset(MAX, 9 % CAP), slot(9, 2, Bytes.text("alive")));
        try (RecordRing ring = open()) {
            assertThat(ring.records()).containsExactly(new StoredRecord(9, Bytes.text("alive")));
            assertThat(ring.damagedSlotsAtOpen()).isEqualTo(1);
            assertThat(ring.nextSequence()).isEqualTo(10);
        }
    }

    @Test
    void staleValidRecordOutsideTheWindowIsIgnored() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 20); // live 13..20; slot 1 holds 17
        }
        // slot 1 holds a CRC-valid record with sequence 9 (as if the write of 17 never reached the medium
        // while later ones did: possible with SyncPolicy.NONE and a power cut)
        Bytes.write(file(), RecordRing.slotOffset(MAX, 1), slot(9, 1, Bytes.payload(9, MAX)));
        // and a record in the wrong slot for its sequence
        Bytes.write(file(), RecordRing.slotOffset(MAX, 2), slot(19, 1, Bytes.payload(19, MAX)));
        try (RecordRing ring = open()) {
            assertThat(ring.records()).extracting(StoredRecord::sequence).containsExactly(13L, 14L, 15L, 16L, 19L, 20L);
            assertThat(ring.damagedSlotsAtOpen()).isEqualTo(2);
        }
    }

    /** Encodes a slot exactly as documented in {@link RecordRing}. */
    private static byte[] slot(long sequence, int generation, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(RecordRing.SLOT_OVERHEAD + payload.length);
        b.putLong(sequence).putInt(generation).putInt(payload.length).put(payload);
        b.putInt(StorageIo.crc32c(b.array(), 0, b.position()));
        return b.array();
    }

    @Test
    void rejectsOtherParametersNamingFileAndMismatch() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 3);
        }
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> RecordRing.open(file(), CAP + 1, MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
                    assertThat(e.getMessage()).contains(file().toString(), "capacity=" + CAP, "capacity=" + (CAP + 1));
                });
        assertThatThrownBy(() -> RecordRing.open(file(), CAP, MAX - 1, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
                    assertThat(e.getMessage()).contains(file().toString(), "maxPayload=" + MAX, "maxPayload=" + (MAX - 1));
                });
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        try (RecordRing ring = open()) {
            assertThat(ring.records()).hasSize(3);
        }
    }

    @Test
    void rejectsOtherVersionAndForeignFiles() throws IOException {
        RecordRing.open(file(), CAP, MAX, SyncPolicy.NONE).close();
        byte[] header = Bytes.read(file(), 0, RecordRing.HEADER_SIZE);
        ByteBuffer.wrap(header).putShort(4, (short) 2);
        ByteBuffer.wrap(header).putInt(28, StorageIo.crc32c(header, 0, 28));
        Bytes.write(file(), 0, header);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
            assertThat(e.getMessage()).contains("version 2");
        });

        Path garbage = dir.resolve("garbage");
        byte[] random = new byte[1 << 20];
        new Random(7).nextBytes(random);
        Files.write(garbage, random);
        assertThatThrownBy(() -> RecordRing.open(garbage, CAP, MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT));
        assertThat(Files.readAllBytes(garbage)).isEqualTo(random);

        Path snap = dir.resolve("snap");
        SnapshotFile.open(snap, 10, SyncPolicy.NONE).close();
        assertThatThrownBy(() -> RecordRing.open(snap, CAP, MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT));
    }

    @Test
    void hugeFilesFailCleanly() throws IOException {
        Path zeros = dir.resolve("huge-zeros");
        Files.createFile(zeros);
        Bytes.write(zeros, 8L << 30, new byte[] {1}); // sparse 8 GiB, all-zero header
        assertThatThrownBy(() -> RecordRing.open(zeros, CAP, MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
                    assertThat(e.getMessage()).contains(zeros.toString(), "larger");
                });
        assertThat(Files.size(zeros)).isEqualTo((8L << 30) + 1);

        try (RecordRing ring = open()) {
            appendUpTo(ring, 3);
        }
        Bytes.write(file(), 3L << 30, new byte[] {1});
        assertThatThrownBy(this::open).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT));
    }

    @Test
    void damagedHeaderIsRecreatedOnlyWhenNoSlotHoldsData() throws IOException {
        try (RecordRing ring = open()) {
            appendUpTo(ring, 2);
        }
        Bytes.flipBit(file(), 8 * 17); // generation byte: header CRC fails
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(this::open).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.reason()).isEqualTo(StorageException.Reason.CORRUPT_HEADER);
            assertThat(e.getMessage()).contains(file().toString());
        });
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        Bytes.write(file(), 0, new byte[RecordRing.HEADER_SIZE]); // zeroed header, data still there
        assertThatThrownBy(this::open).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.CORRUPT_HEADER));

        Path empty = dir.resolve("empty");
        RecordRing.open(empty, CAP, MAX, SyncPolicy.NONE).close();
        Bytes.flipBit(empty, 8 * 10);
        try (RecordRing ring = RecordRing.open(empty, CAP, MAX, SyncPolicy.NONE)) {
            assertThat(ring.records()).isEmpty();
            assertThat(ring.append(Bytes.text("x"))).isEqualTo(1);
        }
        Bytes.truncate(empty, 10); // torn header, no slots at all
        try (RecordRing ring = RecordRing.open(empty, CAP, MAX, SyncPolicy.FSYNC)) {
            assertThat(ring.records()).isEmpty();
        }
        assertThat(Files.size(empty)).isEqualTo(RecordRing.fileSize(CAP, MAX));
    }

    @Test
    void createsParentDirectoriesAndLocksAgainstSecondOpen() throws IOException {
        Path nested = dir.resolve("x/y/z/log.ring");
        RecordRing ring = RecordRing.open(nested, CAP, MAX, SyncPolicy.FSYNC);
        assertThat(nested).exists();
        assertThatThrownBy(() -> RecordRing.open(nested, CAP, MAX, SyncPolicy.FSYNC))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.LOCKED));
        ring.append(Bytes.text("x"));
        ring.clear(); // the new file is locked too
        assertThatThrownBy(() -> RecordRing.open(nested, CAP, MAX, SyncPolicy.FSYNC))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.LOCKED));
        ring.close();
        ring.close();
        assertThatThrownBy(() -> ring.append(Bytes.text("x"))).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.CLOSED));
        assertThatThrownBy(ring::records).isInstanceOf(java.io.UncheckedIOException.class)
                .hasCauseInstanceOf(StorageException.class);
        assertThatThrownBy(ring::clear).isInstanceOf(StorageException.class);
        RecordRing.open(nested, CAP, MAX, SyncPolicy.FSYNC).close();
    }

    @Test
    void interruptClosingTheChannelIsRecovered() throws IOException {
        try (RecordRing ring = open()) {
            ring.append(Bytes.text("a"));
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> ring.append(Bytes.text("b"))).isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.IO));
            } finally {
                Thread.interrupted();
            }
            assertThat(ring.append(Bytes.text("c"))).isEqualTo(2);
            assertThat(ring.records()).containsExactly(new StoredRecord(1, Bytes.text("a")), new StoredRecord(2, Bytes.text("c")));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> RecordRing.open(file(), 1, MAX, SyncPolicy.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordRing.open(file(), CAP, -1, SyncPolicy.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordRing.open(file(), RecordRing.MAX_CAPACITY, RecordRing.MAX_PAYLOAD_LIMIT, SyncPolicy.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file()).doesNotExist();
    }

    @Test
    void concurrentReadersNeverSeePartialState() throws Exception {
        try (RecordRing ring = RecordRing.open(file(), 64, MAX, SyncPolicy.NONE)) {
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread reader = new Thread(() -> {
                    started.countDown();
                    long lastSeen = 0;
                    int reads = 0;
                    try {
                        while (!done.get() || reads < 5) {
                            List<StoredRecord> rs = ring.records();
                            reads++;
                            for (int i = 0; i < rs.size(); i++) {
                                StoredRecord r = rs.get(i);
                                assertThat(r.payload()).isEqualTo(Bytes.payload(r.sequence(), MAX));
                                if (i > 0) {
                                    assertThat(r.sequence()).isEqualTo(rs.get(i - 1).sequence() + 1);
                                }
                            }
                            if (!rs.isEmpty()) {
                                long newest = rs.get(rs.size() - 1).sequence();
                                assertThat(newest).isGreaterThanOrEqualTo(lastSeen);
                                assertThat(rs.size()).isEqualTo((int) Math.min(64, newest));
                                lastSeen = newest;
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            started.await();
            appendUpToInRing(ring, 3000);
            done.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(failures).isEmpty();
            assertThat(ring.records()).hasSize(64);
        }
    }

    private static void appendUpToInRing(RecordRing ring, long last) throws StorageException {
        while (ring.nextSequence() <= last) {
            ring.append(Bytes.payload(ring.nextSequence(), MAX));
        }
    }
}
