package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.openami.concentrator.store.Fixtures.T0;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.StoreException.Reason;

class BadFileTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);

    private Path validStore(String name, int readings) throws StoreException {
        Path file = dir.resolve(name);
        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            for (int slot = 0; slot < readings / 50; slot++) {
                store.putReadings(Fixtures.curves(50, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, slot, slot + 1));
            }
        }
        return file;
    }

    private StoreException openFails(Path file) {
        Throwable t = catchThrowable(
                () -> ForwardStore.open(file, StoreSettings.defaults(), clock).close());
        assertThat(t).as("opening %s", file).isInstanceOf(StoreException.class);
        StoreException e = (StoreException) t;
        assertThat(e.path()).isEqualTo(file.toAbsolutePath());
        assertThat(e.getMessage()).contains(file.getFileName().toString());
        return e;
    }

    /** After a failed open nothing holds the file: it can be moved aside and a new store created. */
    private void assertNotHeld(Path file) throws Exception {
        Path aside = ForwardStore.moveAside(file, clock);
        assertThat(aside.getFileName().toString()).startsWith(file.getFileName() + ".unusable-");
        assertThat(Files.exists(file)).isFalse();
        try (ForwardStore fresh = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            assertThat(fresh.undeliveredCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 5_000, 100_000})
    void randomBytesAreCorrupt(int size) throws Exception {
        Path file = dir.resolve("random.mv.db");
        byte[] junk = new byte[size];
        new Random(size).nextBytes(junk);
        Files.write(file, junk);

        StoreException e = openFails(file);

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
        assertNotHeld(file);
    }

    @Test
    void aTextFileIsCorrupt() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "meter 000102030425 moved to bus 2\n");
        StoreException e = openFails(file);
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains("no MVStore header");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 4_096, 6_000})
    void aStoreCutInsideItsHeaderIsCorrupt(int length) throws Exception {
        Path file = validStore("cut-header.mv.db", 500);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, length));

        assertThat(openFails(file).reason()).isEqualTo(Reason.CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.3, 0.5, 0.9})
    void aCleanlyClosedStoreThatWasCutIsTruncated(double keep) throws Exception {
        Path file = validStore("cut.mv.db", 5_000);
        byte[] all = Files.readAllBytes(file);
        assertThat(all.length).isGreaterThan(100_000);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * keep)));

        StoreException e = openFails(file);

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e.getMessage()).contains("header records version");
        assertNotHeld(file);
    }

    @Test
    void aForeignMvStoreFileIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("kura.mv.db");
        MVStore other = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<String, String> map = other.openMap("settings", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        map.put("wifi", "on");
        other.close();
        byte[] before = Files.readAllBytes(file);

        StoreException e = openFails(file);

        assertThat(e.reason()).isEqualTo(Reason.FOREIGN);
        assertThat(e.getMessage()).contains("settings");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aStoreOfANewerLayoutIsRefused() throws Exception {
        Path file = validStore("newer.mv.db", 50);
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        StoreOpener.metaMap(raw).put(StoreOpener.KEY_LAYOUT, StoreOpener.LAYOUT_VERSION + 1);
        raw.close();

        StoreException e = openFails(file);

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aSecondOpenOfTheSameFileIsLockedAndTheFirstKeepsWorking() throws Exception {
        Path file = dir.resolve("locked.mv.db");
        try (ForwardStore first = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            first.putReadings(List.of(Fixtures.curve(1, Quantity.VOLTAGE_A, 0)));

            StoreException e = openFails(file);

            assertThat(e.reason()).isEqualTo(Reason.LOCKED);
            assertThat(e.getMessage()).contains("locked");
            first.putReadings(List.of(Fixtures.curve(2, Quantity.VOLTAGE_A, 0)));
            assertThat(first.undeliveredCount()).isEqualTo(2);
        }
    }

    @Test
    void anEmptyFileBecomesANewStore() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.mv.db"));
        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            store.putReadings(List.of(Fixtures.curve(1, Quantity.VOLTAGE_A, 0)));
        }
        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            assertThat(store.undeliveredCount()).isEqualTo(1);
        }
    }

    @Test
    void anEntryWithRottenBitsIsSkippedAndCountedTheRestIsServed() throws Exception {
        Path file = dir.resolve("rot.mv.db");
        Reading victim = new Reading(1234, "RO7R07R07R07", ReadingKind.DAILY_FREEZE,
                Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, T0, 0x5A5A5A5A5AL, T0);
        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            store.putReadings(Fixtures.curves(10, Quantity.VOLTAGE_A, 0, 1));
            store.putReadings(List.of(victim));
            store.putReadings(Fixtures.curves(10, Quantity.VOLTAGE_A, 1, 2));
        }
        // flip one bit of the victim's value wherever its bytes are in the file (pages are not compressed)
        byte[] all = Files.readAllBytes(file);
        byte[] value = {(byte) 0xB4, (byte) 0xE9, (byte) 0xD2, (byte) 0xA5, (byte) 0xCB, (byte) 0x16}; // zig-zag varint of 0x5A5A5A5A5A
        int flipped = 0;
        for (int i = 0; i + value.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + value.length, value, 0, value.length)) {
                all[i + 2] ^= 0x10;
                flipped++;
            }
        }
        assertThat(flipped).as("copies of the value found in the file").isPositive();
        Files.write(file, all);

        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            List<StoredEntry> batch = store.nextBatch(100);
            assertThat(batch).hasSize(20);
            assertThat(batch).extracting(StoredEntry::payload).doesNotContain(victim);
            assertThat(store.statistics().undecodableEntries()).isEqualTo(1);
            assertThat(store.readings(1234, ReadingKind.DAILY_FREEZE, T0, T0 + 1)).isEmpty();
            // asking again does not count it again
            store.nextBatch(100);
            assertThat(store.statistics().undecodableEntries()).isEqualTo(1);
            assertThat(store.undeliveredCount()).isEqualTo(21);
            // reading it again replaces the rotten copy
            assertThat(store.putReadings(List.of(victim)).replaced()).isEqualTo(1);
            assertThat(store.nextBatch(100)).extracting(StoredEntry::payload).contains(victim);
        }
    }

    @Test
    void anEntryOfANewerFormatIsSkippedAndCounted() throws Exception {
        Path file = validStore("future.mv.db", 50);
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Long, byte[]> entries = raw.openMap(StoreOpener.ENTRIES, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        MVMap<Long, Long> pending = raw.openMap(StoreOpener.PENDING, new MVMap.Builder<Long, Long>()
                .keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        long seq = entries.lastKey() + 1;
        byte[] future = ByteBuffer.allocate(12).put((byte) 2).put((byte) 9).put("future".getBytes(StandardCharsets.US_ASCII)).array();
        entries.put(seq, future);
        pending.put(seq, T0);
        raw.close();

        try (ForwardStore store = ForwardStore.open(file, StoreSettings.defaults(), clock)) {
            assertThat(store.nextBatch(1000)).hasSize(50).noneMatch(e -> e.seq() == seq);
            assertThat(store.statistics().undecodableEntries()).isEqualTo(1);
            assertThat(store.undeliveredCount()).isEqualTo(51);
            long next = store.putEvent(MeterEvent.concentrator(
                    EventType.METER_DISCOVERED, T0, "after"));
            assertThat(next).isGreaterThan(seq);
        }
    }
}
