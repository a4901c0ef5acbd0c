package org.openami.meter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class SnapshotFilePropertiesTest {

    private static Path dir;
    private static final AtomicLong COUNTER = new AtomicLong();

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("snapshot-props");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        Bytes.deleteTree(dir);
    }

    private static Path newFile() {
        return dir.resolve("snap" + COUNTER.incrementAndGet());
    }

    private static byte[] randomPayload(Random random, int maxPayload) {
        byte[] p = new byte[random.nextInt(maxPayload + 1)];
        random.nextBytes(p);
        return p;
    }

    @Property(tries = 300)
    void tornWriteLoadsThePreviousOrTheNewSnapshot(
            @ForAll @IntRange(min = 0, max = 200) int maxPayload,
            @ForAll @IntRange(min = 0, max = 6) int writes,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 100_000) int tornFrom,
            @ForAll @IntRange(min = 0, max = 100_000) int tornLength) throws IOException {
        Path file = newFile();
        Random random = new Random(seed);
        int target = writes % 2; // sequence s lives in slot (s - 1) % 2
        int slotLen = SnapshotFile.SLOT_OVERHEAD + maxPayload;
        long slotPos = SnapshotFile.slotOffset(maxPayload, target);
        Optional<StoredRecord> previous;
        StoredRecord next;
        byte[] before;
        byte[] after;
        try (SnapshotFile f = SnapshotFile.open(file, maxPayload, SyncPolicy.NONE)) {
            for (int i = 0; i < writes; i++) {
                f.write(randomPayload(random, maxPayload));
            }
            previous = f.load();
            before = Bytes.read(file, slotPos, slotLen);
            byte[] p = randomPayload(random, maxPayload);
            next = new StoredRecord(f.write(p), p);
            after = Bytes.read(file, slotPos, slotLen);
        }
        int from = tornFrom % slotLen;
        int len = tornLength % (slotLen - from + 1);
        byte[] torn = before.clone();
        System.arraycopy(after, from, torn, from, len);
        Bytes.write(file, slotPos, torn);
        try (SnapshotFile f = SnapshotFile.open(file, maxPayload, SyncPolicy.NONE)) {
            Optional<StoredRecord> got = f.load();
            assertThat(got).isIn(previous, Optional.of(next));
            long written = f.write(new byte[0]);
            assertThat(written).isEqualTo(got.map(StoredRecord::sequence).orElse(0L) + 1);
            assertThat(f.load()).contains(new StoredRecord(written, new byte[0]));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 400)
    void bitFlipsNeverProduceASnapshotThatWasNotWritten(
            @ForAll @IntRange(min = 0, max = 64) int maxPayload,
            @ForAll @IntRange(min = 0, max = 6) int writes,
            @ForAll long seed,
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1L << 40) Long> flips) throws IOException {
        Path file = newFile();
        Random random = new Random(seed);
        List<StoredRecord> written = new ArrayList<>();
        try (SnapshotFile f = SnapshotFile.open(file, maxPayload, SyncPolicy.NONE)) {
            for (int i = 0; i < writes; i++) {
                byte[] p = randomPayload(random, maxPayload);
                written.add(new StoredRecord(f.write(p), p));
            }
        }
        int slotLen = SnapshotFile.SLOT_OVERHEAD + maxPayload;
        long headerBits = SnapshotFile.HEADER_SIZE * 8L;
        long slotBits = slotLen * 8L;
        boolean headerHit = false;
        boolean newestHit = false;
        int newestSlot = (writes - 1) % 2;
        for (long flip : flips) {
            long bit = flip % (headerBits + 2 * slotBits);
            if (bit < headerBits) {
                headerHit = true;
                Bytes.flipBit(file, bit);
            } else {
                int slot = (int) ((bit - headerBits) / slotBits);
                newestHit |= slot == newestSlot;
                Bytes.flipBit(file, SnapshotFile.slotOffset(maxPayload, slot) * 8 + (bit - headerBits) % slotBits);
            }
        }
        try (SnapshotFile f = SnapshotFile.open(file, maxPayload, SyncPolicy.NONE)) {
            Optional<StoredRecord> got = f.load();
            got.ifPresent(s -> assertThat(written).contains(s));
            if (!headerHit && !newestHit && writes > 0) {
                assertThat(got).contains(written.get(writes - 1));
            }
        } catch (StorageException e) {
            assertThat(headerHit).as("only a damaged header may make open fail: %s", e).isTrue();
            assertThat(e.reason()).isIn(StorageException.Reason.CORRUPT_HEADER, StorageException.Reason.WRONG_FORMAT);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
