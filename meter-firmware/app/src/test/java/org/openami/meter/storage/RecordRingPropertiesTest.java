package org.openami.meter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class RecordRingPropertiesTest {

    private static Path dir;
    private static final AtomicLong COUNTER = new AtomicLong();

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("ring-props");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        Bytes.deleteTree(dir);
    }

    private static Path newFile() {
        return dir.resolve("ring" + COUNTER.incrementAndGet());
    }

    private static byte[] randomPayload(Random random, int maxPayload) {
        byte[] p = new byte[random.nextInt(maxPayload + 1)];
        random.nextBytes(p);
        return p;
    }

    /** Writes {@code count} random records; @return sequence → payload of everything written */
    private static Map<Long, byte[]> fill(RecordRing ring, int count, Random random) throws StorageException {
        Map<Long, byte[]> written = new HashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] p = randomPayload(random, ring.maxPayload());
            written.put(ring.append(p), p);
        }
        return written;
    }

    @Property(tries = 400)
    void bitFlipsNeverProduceARecordThatWasNotWritten(
            @ForAll @IntRange(min = 2, max = 8) int capacity,
            @ForAll @IntRange(min = 0, max = 24) int maxPayload,
            @ForAll @IntRange(min = 0, max = 30) int count,
            @ForAll long seed,
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1L << 40) Long> flips) throws IOException {
        Path file = newFile();
        Map<Long, byte[]> written;
        try (RecordRing ring = RecordRing.open(file, capacity, maxPayload, SyncPolicy.NONE)) {
            written = fill(ring, count, new Random(seed));
        }
        int slotSize = RecordRing.slotSize(maxPayload);
        long headerBits = RecordRing.HEADER_SIZE * 8L;
        long dataBits = (long) capacity * slotSize * 8;
        boolean headerHit = false;
        Set<Integer> hitSlots = new HashSet<>();
        for (long f : flips) {
            long bit = f % (headerBits + dataBits);
            if (bit < headerBits) {
                headerHit = true;
                Bytes.flipBit(file, bit);
            } else {
                long dataBit = bit - headerBits;
                hitSlots.add((int) (dataBit / 8 / slotSize));
                Bytes.flipBit(file, StorageIo.PAGE * 8L + dataBit);
            }
        }
        List<StoredRecord> survivors;
        try (RecordRing ring = RecordRing.open(file, capacity, maxPayload, SyncPolicy.NONE)) {
            survivors = ring.records();
            assertThat(ring.damagedSlotsAtOpen()).isLessThanOrEqualTo(flips.size());
            if (!survivors.isEmpty()) {
                assertThat(ring.nextSequence()).isEqualTo(survivors.get(survivors.size() - 1).sequence() + 1);
            }
        } catch (StorageException e) {
            assertThat(headerHit).as("only a damaged header may make open fail: %s", e).isTrue();
            assertThat(e.reason()).isIn(StorageException.Reason.CORRUPT_HEADER, StorageException.Reason.WRONG_FORMAT);
            return;
        } finally {
            Files.deleteIfExists(file);
        }
        long last = count;
        for (int i = 0; i < survivors.size(); i++) {
            StoredRecord r = survivors.get(i);
            assertThat(written).containsKey(r.sequence());
            assertThat(r.payload()).isEqualTo(written.get(r.sequence()));
            assertThat(r.sequence()).isGreaterThan(last - capacity);
            if (i > 0) {
                assertThat(r.sequence()).isGreaterThan(survivors.get(i - 1).sequence());
            }
        }
        if (!headerHit) { // every live record whose slot was not touched must survive
            for (long s = Math.max(1, last - capacity + 1); s <= last; s++) {
                if (!hitSlots.contains((int) (s % capacity))) {
                    assertThat(survivors).contains(new StoredRecord(s, written.get(s)));
                }
            }
        }
    }

    @Property(tries = 300)
    void tornAppendLeavesTheOldOrTheNewRingOrBothMinusTheTornSlot(
            @ForAll @IntRange(min = 2, max = 8) int capacity,
            @ForAll @IntRange(min = 0, max = 24) int maxPayload,
            @ForAll @IntRange(min = 0, max = 30) int count,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 10_000) int tornFrom,
            @ForAll @IntRange(min = 0, max = 10_000) int tornLength) throws IOException {
        Path file = newFile();
        Random random = new Random(seed);
        long n = count + 1L; // the sequence whose append gets torn
        int slotSize = RecordRing.slotSize(maxPayload);
        long slotPos = RecordRing.slotOffset(maxPayload, n % capacity);
        byte[] before;
        byte[] after;
        List<StoredRecord> beforeRecords;
        List<StoredRecord> afterRecords;
        try (RecordRing ring = RecordRing.open(file, capacity, maxPayload, SyncPolicy.NONE)) {
            fill(ring, count, random);
            beforeRecords = ring.records();
            before = Bytes.read(file, slotPos, slotSize);
            assertThat(ring.append(randomPayload(random, maxPayload))).isEqualTo(n);
            afterRecords = ring.records();
            after = Bytes.read(file, slotPos, slotSize);
        }
        // the torn write: only bytes [from, from+len) of the new slot content reached the file
        int from = tornFrom % slotSize;
        int len = tornLength % (slotSize - from + 1);
        byte[] torn = before.clone();
        System.arraycopy(after, from, torn, from, len);
        Bytes.write(file, slotPos, torn);

        List<StoredRecord> neither = new ArrayList<>(afterRecords.subList(0, afterRecords.size() - 1));
        try (RecordRing ring = RecordRing.open(file, capacity, maxPayload, SyncPolicy.NONE)) {
            List<StoredRecord> got = ring.records();
            assertThat(got).isIn(beforeRecords, afterRecords, neither);
            assertThat(ring.damagedSlotsAtOpen()).isLessThanOrEqualTo(1);
            assertThat(ring.nextSequence()).isEqualTo(got.equals(afterRecords) ? n + 1 : n);
            // the ring keeps working after the crash
            long next = ring.append(new byte[0]);
            assertThat(ring.records()).last().isEqualTo(new StoredRecord(next, new byte[0]));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Random appends, clears and reopens against a model: reopen continues, cleared data never returns. */
    @Property(tries = 150)
    void behavesLikeTheModelAcrossReopenAndClear(
            @ForAll @IntRange(min = 2, max = 6) int capacity,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9) Integer> ops,
            @ForAll long seed) throws IOException {
        Path file = newFile();
        Random random = new Random(seed);
        List<StoredRecord> model = new ArrayList<>();
        long next = RecordRing.FIRST_SEQUENCE;
        RecordRing ring = RecordRing.open(file, capacity, 16, SyncPolicy.NONE);
        try {
            for (int op : ops) {
                if (op == 0) {
                    ring.clear();
                    model.clear();
                } else if (op == 1) {
                    ring.close();
                    ring = RecordRing.open(file, capacity, 16, SyncPolicy.NONE);
                    assertThat(ring.damagedSlotsAtOpen()).isZero();
                } else {
                    byte[] p = randomPayload(random, 16);
                    assertThat(ring.append(p)).isEqualTo(next);
                    model.add(new StoredRecord(next++, p));
                    if (model.size() > capacity) {
                        model.remove(0);
                    }
                }
                assertThat(ring.records()).containsExactlyElementsOf(model);
                assertThat(ring.nextSequence()).isEqualTo(next);
                assertThat(ring.latest()).isEqualTo(model.isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.of(model.get(model.size() - 1)));
            }
        } finally {
            ring.close();
            Files.deleteIfExists(file);
        }
    }
}
