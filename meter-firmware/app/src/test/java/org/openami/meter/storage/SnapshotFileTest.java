package org.openami.meter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SnapshotFileTest {

    private static final int MAX = 100;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("registers.snap");
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void roundTripAndReopen(SyncPolicy sync) throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, sync)) {
            assertThat(f.load()).isEmpty();
            assertThat(f.maxPayload()).isEqualTo(MAX);
            assertThat(f.write(Bytes.text("one"))).isEqualTo(1);
            assertThat(f.load()).contains(new StoredRecord(1, Bytes.text("one")));
            assertThat(f.write(Bytes.text("two"))).isEqualTo(2);
            assertThat(f.write(Bytes.text("three"))).isEqualTo(3);
            assertThat(f.load()).contains(new StoredRecord(3, Bytes.text("three")));
        }
        assertThat(Files.size(file())).isEqualTo(SnapshotFile.fileSize(MAX));
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, sync)) {
            assertThat(f.load()).contains(new StoredRecord(3, Bytes.text("three")));
            assertThat(f.write(Bytes.text("four"))).isEqualTo(4);
        }
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, sync)) {
            assertThat(f.load()).contains(new StoredRecord(4, Bytes.text("four")));
        }
    }

    @Test
    void emptyAndMaximalPayloadsRoundTripAndOversizeIsRefused() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(new byte[0]);
            assertThat(f.load()).contains(new StoredRecord(1, new byte[0]));
            byte[] max = Bytes.payload(5, 1000);
            max = java.util.Arrays.copyOf(max, MAX);
            max[MAX - 1] = 42;
            f.write(max);
            assertThat(f.load()).contains(new StoredRecord(2, max));
            assertThatThrownBy(() -> f.write(new byte[MAX + 1]))
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.TOO_LARGE));
            assertThat(f.load()).contains(new StoredRecord(2, max));
            assertThat(f.write(Bytes.text("after"))).isEqualTo(3);
        }
        try (SnapshotFile f = SnapshotFile.open(dir.resolve("zero.snap"), 0, SyncPolicy.NONE)) {
            assertThat(f.write(new byte[0])).isEqualTo(1);
            assertThat(f.load()).contains(new StoredRecord(1, new byte[0]));
            assertThatThrownBy(() -> f.write(new byte[1])).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void writesAlternateBetweenTheTwoSlots() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("a"));
            f.write(Bytes.text("b"));
        }
        assertThat(slotSequence(0)).isEqualTo(1);
        assertThat(slotSequence(1)).isEqualTo(2);
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("c"));
        }
        assertThat(slotSequence(0)).isEqualTo(3);
        assertThat(slotSequence(1)).isEqualTo(2);
    }

    @Test
    void tornWriteIntoNextSlotKeepsPreviousSnapshotAndNextWriteReusesTheDamagedSlot() throws IOException {
        Random random = new Random(12345);
        for (int round = 0; round < 50; round++) {
            Path file = dir.resolve("torn" + round + ".snap");
            int writes = 1 + random.nextInt(5);
            try (SnapshotFile f = SnapshotFile.open(file, MAX, SyncPolicy.NONE)) {
                for (int i = 0; i < writes; i++) {
                    f.write(Bytes.payload(i + 1, MAX));
                }
            }
            int next = writes % 2; // slot NOT holding the newest: sequence n lives in slot (n-1) % 2
            long slotStart = SnapshotFile.slotOffset(MAX, next);
            int slotLen = SnapshotFile.SLOT_OVERHEAD + MAX;
            int from = random.nextInt(slotLen);
            int len = 1 + random.nextInt(slotLen - from);
            byte[] garbage = new byte[len];
            random.nextBytes(garbage);
            garbage[0] ^= Bytes.read(file, slotStart + from, 1)[0] == garbage[0] ? (byte) 1 : 0; // really change a byte
            Bytes.write(file, slotStart + from, garbage);

            try (SnapshotFile f = SnapshotFile.open(file, MAX, SyncPolicy.NONE)) {
                assertThat(f.load()).as("round %d", round).contains(new StoredRecord(writes, Bytes.payload(writes, MAX)));
                assertThat(f.write(Bytes.text("new"))).isEqualTo(writes + 1);
            }
            // the new write went into the damaged slot, the previous newest is still intact
            try (SnapshotFile f = SnapshotFile.open(file, MAX, SyncPolicy.NONE)) {
                assertThat(f.load()).contains(new StoredRecord(writes + 1, Bytes.text("new")));
            }
            assertThat(slotSequence(file, (writes - 1) % 2)).isEqualTo(writes);
        }
    }

    @Test
    void truncationInsideTheNextSlotKeepsPreviousSnapshot() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("first")); // slot 0
            f.write(Bytes.text("second")); // slot 1
            f.write(Bytes.text("third")); // slot 0
        }
        // a torn write of sequence 4 into slot 1 that also lost the end of the file
        Bytes.truncate(file(), SnapshotFile.slotOffset(MAX, 1) + 10);
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).contains(new StoredRecord(3, Bytes.text("third")));
            assertThat(f.write(Bytes.text("fourth"))).isEqualTo(4);
            assertThat(f.load()).contains(new StoredRecord(4, Bytes.text("fourth")));
        }
        // truncated inside slot 0: both slots are gone, nothing valid is left (and nothing invented)
        Bytes.truncate(file(), SnapshotFile.slotOffset(MAX, 0) + 5);
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).isEmpty();
        }
    }

    @Test
    void bothSlotsDamagedGivesEmptyNotGarbage() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("a"));
            f.write(Bytes.text("b"));
        }
        Bytes.flipBit(file(), SnapshotFile.slotOffset(MAX, 0) * 8 + 8 * 22);
        Bytes.flipBit(file(), SnapshotFile.slotOffset(MAX, 1) * 8 + 3);
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).isEmpty();
            assertThat(f.write(Bytes.text("c"))).isEqualTo(1);
        }
    }

    @Test
    void otherMaxPayloadIsRefusedNamingFileAndMismatch() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("x"));
        }
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> SnapshotFile.open(file(), MAX + 1, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
                    assertThat(e.getMessage()).contains(file().toString(), "maxPayload=" + MAX, "maxPayload=" + (MAX + 1));
                });
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void foreignFilesAreRefusedAndLeftAlone() throws IOException {
        Files.write(file(), Bytes.text("this is somebody's configuration file"));
        assertThatThrownBy(() -> SnapshotFile.open(file(), MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT));
        assertThat(Files.readString(file())).isEqualTo("this is somebody's configuration file");
        // a ring file is not a snapshot file
        Path ring = dir.resolve("ring");
        RecordRing.open(ring, 4, 8, SyncPolicy.NONE).close();
        assertThatThrownBy(() -> SnapshotFile.open(ring, MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT));
    }

    @Test
    void hugeFileFailsCleanly() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("x"));
        }
        Bytes.write(file(), 5L << 30, new byte[] {1}); // sparse 5 GiB
        assertThatThrownBy(() -> SnapshotFile.open(file(), MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.WRONG_FORMAT);
                    assertThat(e.getMessage()).contains(file().toString(), "larger");
                });
    }

    @Test
    void damagedHeaderIsRecreatedOnlyWhenNoSlotHoldsData() throws IOException {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("precious"));
        }
        Bytes.flipBit(file(), 8 * 9); // inside maxPayload: CRC fails
        assertThatThrownBy(() -> SnapshotFile.open(file(), MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.CORRUPT_HEADER));
        assertThat(slotSequence(0)).isEqualTo(1); // data left in place

        Path empty = dir.resolve("empty.snap");
        SnapshotFile.open(empty, MAX, SyncPolicy.NONE).close();
        Bytes.write(empty, 0, new byte[SnapshotFile.HEADER_SIZE]); // header zeroed, no slot ever written
        try (SnapshotFile f = SnapshotFile.open(empty, MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).isEmpty();
            f.write(Bytes.text("ok"));
        }
        try (SnapshotFile f = SnapshotFile.open(empty, MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).contains(new StoredRecord(1, Bytes.text("ok")));
        }
        Files.write(empty, new byte[0]); // zero-length file: treated as never formatted
        try (SnapshotFile f = SnapshotFile.open(empty, MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).isEmpty();
        }
        assertThat(Files.size(empty)).isEqualTo(SnapshotFile.fileSize(MAX));
    }

    @Test
    void createsParentDirectoriesDeletesStaleTempFileAndFsyncs() throws IOException {
        Path nested = dir.resolve("a/b/c/regs.snap");
        try (SnapshotFile f = SnapshotFile.open(nested, MAX, SyncPolicy.FSYNC)) {
            f.write(Bytes.text("x"));
        }
        Path tmp = StorageIo.tempSibling(nested);
        Files.write(tmp, Bytes.text("half-created"));
        try (SnapshotFile f = SnapshotFile.open(nested, MAX, SyncPolicy.FSYNC)) {
            assertThat(f.load()).contains(new StoredRecord(1, Bytes.text("x")));
        }
        assertThat(tmp).doesNotExist();
        // a crash during creation leaves only the temp file: it is discarded
        Path other = dir.resolve("other.snap");
        Files.write(StorageIo.tempSibling(other), new byte[10]);
        try (SnapshotFile f = SnapshotFile.open(other, MAX, SyncPolicy.NONE)) {
            assertThat(f.load()).isEmpty();
        }
        assertThat(StorageIo.tempSibling(other)).doesNotExist();
    }

    @Test
    void secondOpenIsLockedAndClosedFileRefusesUse() throws IOException {
        SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE);
        assertThatThrownBy(() -> SnapshotFile.open(file(), MAX, SyncPolicy.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.LOCKED));
        f.close();
        f.close(); // idempotent
        assertThatThrownBy(() -> f.write(Bytes.text("x")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.CLOSED));
        assertThatThrownBy(f::load).isInstanceOf(StorageException.class);
        try (SnapshotFile again = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            assertThat(again.load()).isEmpty();
        }
    }

    @Test
    void interruptClosingTheChannelIsRecovered() throws Exception {
        try (SnapshotFile f = SnapshotFile.open(file(), MAX, SyncPolicy.NONE)) {
            f.write(Bytes.text("before"));
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> f.write(Bytes.text("interrupted")))
                        .isInstanceOfSatisfying(StorageException.class,
                                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.IO));
            } finally {
                Thread.interrupted();
            }
            long seq = f.write(Bytes.text("after"));
            assertThat(f.load()).contains(new StoredRecord(seq, Bytes.text("after")));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> SnapshotFile.open(file(), -1, SyncPolicy.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotFile.open(file(), SnapshotFile.MAX_PAYLOAD_LIMIT + 1, SyncPolicy.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file()).doesNotExist();
    }

    private long slotSequence(int slot) throws IOException {
        return slotSequence(file(), slot);
    }

    private static long slotSequence(Path file, int slot) throws IOException {
        return java.nio.ByteBuffer.wrap(Bytes.read(file, SnapshotFile.slotOffset(MAX, slot) + 8, 8)).getLong();
    }
}
