package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.h2.mvstore.MVStore;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

class EntryCodecPropertyTest {

    /** A codec over an in-memory dictionary. */
    private static EntryCodec codec() {
        MVStore mem = new MVStore.Builder().open();
        MVMap<String, Long> map = mem.openMap("d", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        return new EntryCodec(new Dictionary(map));
    }

    @Provide
    Arbitrary<String> meters() {
        return Arbitraries.strings().withChars("0123456789AF").ofMinLength(0).ofMaxLength(EntryCodec.MAX_METER_CHARS);
    }

    @Provide
    Arbitrary<Reading> readings() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), meters(),
                        Arbitraries.of(ReadingKind.class), Arbitraries.of(Quantity.class),
                        Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
                .as(Reading::new);
    }

    @Provide
    Arbitrary<MeterEvent> events() {
        return Combinators.combine(Arbitraries.integers(), meters(), Arbitraries.of(EventType.class), Arbitraries.longs(),
                        Arbitraries.strings().ofMaxLength(EntryCodec.MAX_TEXT_CHARS))
                .as(MeterEvent::new);
    }

    @Provide
    Arbitrary<CommandResult> commands() {
        Arbitrary<String> ids = Arbitraries.strings().ofMaxLength(EntryCodec.MAX_ID_CHARS);
        return Combinators.combine(ids, Arbitraries.integers(), meters(), ids, Arbitraries.of(true, false),
                        Arbitraries.strings().ofMaxLength(EntryCodec.MAX_TEXT_CHARS), Arbitraries.longs())
                .as(CommandResult::new);
    }

    @Property(tries = 300)
    void readingsRoundTrip(@ForAll("readings") Reading r) throws Exception {
        EntryCodec codec = codec();
        byte[] bytes = codec.encode(r);
        StoredEntry e = codec.decode(7, 9, bytes);
        assertThat(e.reading()).isEqualTo(r);
        assertThat(EntryCodec.readingIndexKey(bytes)).isEqualTo(codec.indexKeyIfKnown(r.key()));
    }

    @Property(tries = 200)
    void eventsAndCommandResultsRoundTrip(@ForAll("events") MeterEvent ev, @ForAll("commands") CommandResult c,
                                          @ForAll boolean protect) throws Exception {
        EntryCodec codec = codec();
        byte[] evBytes = codec.encode(ev, protect);
        assertThat(codec.decode(1, 2, evBytes).event()).isEqualTo(ev);
        assertThat(EntryCodec.isProtected(evBytes)).isEqualTo(protect);
        assertThat(EntryCodec.readingIndexKey(evBytes)).isNull();
        byte[] cBytes = codec.encode(c);
        assertThat(codec.decode(1, 2, cBytes).commandResult()).isEqualTo(c);
        assertThat(EntryCodec.isProtected(cBytes)).isFalse();
    }

    @Property(tries = 300)
    void anySingleFlippedBitIsDetected(@ForAll("readings") Reading r, @ForAll @IntRange(min = 0, max = 10_000) int where)
            throws Exception {
        EntryCodec codec = codec();
        byte[] bytes = codec.encode(r);
        int bit = where % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> codec.decode(1, 1, bytes)).isInstanceOf(MalformedEntryException.class);
    }

    @Property(tries = 300)
    void cutEntriesAreDetected(@ForAll("commands") CommandResult c, @ForAll @IntRange(min = 0, max = 10_000) int cut)
            throws Exception {
        EntryCodec codec = codec();
        byte[] bytes = codec.encode(c);
        byte[] shorter = Arrays.copyOf(bytes, cut % bytes.length);
        assertThatThrownBy(() -> codec.decode(1, 1, shorter)).isInstanceOf(MalformedEntryException.class);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverEscapeAsUncheckedExceptions(@ForAll byte[] junk) {
        EntryCodec codec = codec();
        try {
            codec.decode(1, 1, junk);
        } catch (MalformedEntryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            EntryCodec.readingIndexKey(junk);
        } catch (MalformedEntryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 100)
    void aNameTheModelNoLongerHasMakesTheEntryUndecodable(@ForAll("readings") Reading r) throws Exception {
        MVStore mem = new MVStore.Builder().open();
        MVMap<String, Long> map = mem.openMap("d", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        byte[] bytes = new EntryCodec(new Dictionary(map)).encode(r);
        // a later model renamed the quantity: the stored code now names something unknown
        long code = map.remove("q:" + r.quantity().name());
        map.put("q:RENAMED_" + r.quantity().name(), code);
        EntryCodec later = new EntryCodec(new Dictionary(map));
        assertThatThrownBy(() -> later.decode(1, 1, bytes)).isInstanceOf(MalformedEntryException.class)
                .hasMessageContaining("no constant");
    }
}
