package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.concentrator.prepay.Fx.HOUR;
import static org.openami.concentrator.prepay.Fx.T0;
import static org.openami.concentrator.prepay.Fx.total;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.prepay.PrepayException.Reason;

/** The engine's file: reopening, refusing files that are not ours, paging and pruning the ledger. */
class LedgerFileTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);

    @Test
    void everythingSurvivesAReopenWithSyncOnCommit() {
        Path f = dir.resolve("a.mv.db");
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        AccountState before;
        List<LedgerEntry> entries;
        TopUpResult topUp;
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock)) {
            e.openAccount("A", 10_000, "o");
            e.setAccounts(List.of(a));
            e.onReadings(a, List.of(total("M", T0, 100), total("M", T0 + HOUR, 1_337)));
            topUp = e.topUp("t", "A", 500);
            e.relayObserved("A", RelayState.CLOSED);
            before = e.account("A");
            entries = e.entriesAfter(0, 100);
        }
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock)) {
            assertThat(e.account("A")).isEqualTo(before);
            assertThat(e.account("A").remainder()).isEqualTo(1_237L * 500_000 % AccountState.REMAINDER_PER_FEN);
            assertThat(e.entriesAfter(0, 100)).isEqualTo(entries);
            assertThat(e.lastSeq()).isEqualTo(entries.get(entries.size() - 1).seq());
            assertThat(e.topUp("t", "A", 500)).isEqualTo(topUp);
            assertThat(e.account("A").balanceFen()).isEqualTo(before.balanceFen());
        }
    }

    @Test
    void aSecondEngineOnTheSameFileIsRefused() {
        Path f = dir.resolve("b.mv.db");
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false)) {
            assertThatThrownBy(() -> PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false))
                    .isInstanceOfSatisfying(PrepayException.class, x -> assertThat(x.reason()).isEqualTo(Reason.LOCKED));
            assertThat(e.accounts()).isEmpty();
        }
    }

    @Test
    void aForeignMvStoreFileIsLeftUntouched() throws Exception {
        Path f = dir.resolve("foreign.mv.db");
        try (MVStore s = new MVStore.Builder().fileName(f.toString()).open()) {
            MVMap<String, String> m = s.openMap("something");
            m.put("k", "v");
            s.commit();
        }
        byte[] content = Files.readAllBytes(f);
        assertThatThrownBy(() -> PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false))
                .isInstanceOfSatisfying(PrepayException.class, x -> {
                    assertThat(x.reason()).isEqualTo(Reason.FOREIGN);
                    assertThat(x.getMessage()).contains("something");
                });
        assertThat(Files.readAllBytes(f)).isEqualTo(content);
    }

    @Test
    void garbageIsCorrupt() throws Exception {
        Path f = dir.resolve("garbage.mv.db");
        byte[] junk = new byte[20_000];
        new Random(7).nextBytes(junk);
        Files.write(f, junk);
        assertThatThrownBy(() -> PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false))
                .isInstanceOfSatisfying(PrepayException.class, x -> assertThat(x.reason()).isEqualTo(Reason.CORRUPT));
        assertThat(Files.readAllBytes(f)).isEqualTo(junk);
    }

    @Test
    void aDamagedAccountRecordIsCorruptAndNamed() {
        Path f = dir.resolve("damaged.mv.db");
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false)) {
            e.openAccount("A", 1, "o");
        }
        try (MVStore s = new MVStore.Builder().fileName(f.toString()).open()) {
            MVMap<String, String> m = s.openMap(LedgerFile.ACCOUNTS, new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            m.put("A", "{\"account\":\"A\",\"balanceFen\":1,\"remainder\":-4}");
            s.commit();
        }
        assertThatThrownBy(() -> PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false))
                .isInstanceOfSatisfying(PrepayException.class, x -> {
                    assertThat(x.reason()).isEqualTo(Reason.CORRUPT);
                    assertThat(x.getMessage()).contains("account A");
                });
    }

    @Test
    void aNewerLayoutIsRefused() {
        Path f = dir.resolve("newer.mv.db");
        PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false).close();
        try (MVStore s = new MVStore.Builder().fileName(f.toString()).open()) {
            MVMap<String, Long> m = s.openMap(LedgerFile.META, new MVMap.Builder<String, Long>()
                    .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
            m.put(LedgerFile.KEY_LAYOUT, LedgerFile.LAYOUT_VERSION + 1);
            s.commit();
        }
        assertThatThrownBy(() -> PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false))
                .isInstanceOfSatisfying(PrepayException.class,
                        x -> assertThat(x.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void aClosedEngineRefusesCalls() {
        PrepayEngine e = PrepayEngine.open(dir.resolve("c.mv.db"), Fx.flatBook(), Fx.policy(), clock, false);
        e.close();
        e.close();
        assertThatThrownBy(() -> e.topUp("t", "A", 1)).isInstanceOfSatisfying(PrepayException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.CLOSED));
        assertThatThrownBy(e::tick).isInstanceOf(PrepayException.class);
    }

    @Test
    void entriesArePagedInOrderAndPrunedWithoutReusingNumbers() {
        Path f = dir.resolve("p.mv.db");
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false)) {
            e.openAccount("A", 100_000, "o");
            for (int i = 0; i < 250; i++) {
                e.topUp("t" + i, "A", 1);
            }
            List<LedgerEntry> all = new ArrayList<>();
            long after = 0;
            for (List<LedgerEntry> page; !(page = e.entriesAfter(after, 40)).isEmpty(); ) {
                all.addAll(page);
                after = page.get(page.size() - 1).seq();
            }
            assertThat(all).hasSize(251);
            assertThat(all).extracting(LedgerEntry::seq).isSorted().doesNotHaveDuplicates();
            assertThat(e.entriesAfter(0, 0)).isEmpty();
            assertThat(e.pruneEntriesThrough(200)).isEqualTo(200);
            assertThat(e.entriesAfter(0, 1000)).hasSize(51).first().extracting(LedgerEntry::seq).isEqualTo(201L);
            assertThat(e.pruneEntriesThrough(Long.MAX_VALUE)).isEqualTo(51);
            assertThat(e.entriesAfter(0, 10)).isEmpty();
            assertThat(e.account("A").balanceFen()).isEqualTo(100_250);
        }
        try (PrepayEngine e = PrepayEngine.open(f, Fx.flatBook(), Fx.policy(), clock, false)) {
            assertThat(e.lastSeq()).isEqualTo(251);
            e.topUp("next", "A", 1);
            assertThat(e.entriesAfter(0, 10)).singleElement().extracting(LedgerEntry::seq).isEqualTo(252L);
        }
    }
}
