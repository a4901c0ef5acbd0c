package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openami.concentrator.archive.Meters.address;
import static org.openami.concentrator.archive.Meters.dlt;
import static org.openami.concentrator.archive.Meters.modbus;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.LineSettings;

class MeterArchiveTest {

    private static MeterArchive sample() throws ArchiveException {
        return MeterArchive.of(List.of(dlt(3, address(3), "rs485-1"), dlt(1, address(1), "rs485-1"),
                modbus(10, 1, "rs485-2"), dlt(2, address(1), "rs485-2")));
    }

    @Test
    void looksUpByPointAddressAndChannel() throws ArchiveException {
        MeterArchive a = sample();

        assertThat(a.size()).isEqualTo(4);
        assertThat(a.records()).extracting(MeterRecord::point).containsExactly(1, 2, 3, 10);
        assertThat(a.byPoint(3)).get().extracting(MeterRecord::address).isEqualTo(address(3));
        assertThat(a.byPoint(4)).isEmpty();
        assertThat(a.byPoint(0)).isEmpty();
        assertThat(a.byAddress("rs485-1", address(1))).get().extracting(MeterRecord::point).isEqualTo(1);
        assertThat(a.byAddress("rs485-2", address(1))).get().extracting(MeterRecord::point).isEqualTo(2);
        assertThat(a.byAddress("rs485-3", address(1))).isEmpty();
        assertThat(a.byAddress("rs485-2", "1")).get().extracting(MeterRecord::point).isEqualTo(10);
        assertThat(a.byAddress("rs485-2", "001")).get().extracting(MeterRecord::point).isEqualTo(10);
        assertThat(a.onChannel("rs485-1")).extracting(MeterRecord::point).containsExactly(1, 3);
        assertThat(a.onChannel("rs485-2")).extracting(MeterRecord::point).containsExactly(2, 10);
        assertThat(a.onChannel("plc")).isEmpty();
        assertThat(a.channels()).containsExactly("rs485-1", "rs485-2");
        assertThat(a).hasToString("MeterArchive[4 meters on 2 channels]");
    }

    @Test
    void aFullArchiveFindsEveryMeter() throws ArchiveException {
        List<MeterRecord> records = new ArrayList<>();
        for (int p = 1; p <= MeterRecord.MAX_POINT; p++) {
            records.add(dlt(p, address(1_000_000L * p + 7), "rs485-" + (p % 4)));
        }
        MeterArchive a = MeterArchive.of(records);

        assertThat(a.size()).isEqualTo(MeterRecord.MAX_POINT);
        for (MeterRecord r : records) {
            assertThat(a.byPoint(r.point())).containsSame(r);
            assertThat(a.byAddress(r.channel(), r.address())).containsSame(r);
            assertThat(a.byAddress(r.channel() + "x", r.address())).isEmpty();
        }
        assertThat(a.onChannel("rs485-0")).hasSize(MeterRecord.MAX_POINT / 4).isSortedAccordingTo(
                (x, y) -> Integer.compare(x.point(), y.point()));
    }

    @Test
    void withAddsOrReplacesAndWithoutRemoves() throws ArchiveException {
        MeterArchive a = sample();

        MeterArchive added = a.with(dlt(5, address(5), "rs485-1"));
        MeterRecord moved = dlt(3, address(33), "rs485-2");
        MeterArchive replaced = added.with(moved);
        MeterArchive removed = replaced.without(1);

        assertThat(a.size()).isEqualTo(4);
        assertThat(added.records()).extracting(MeterRecord::point).containsExactly(1, 2, 3, 5, 10);
        assertThat(replaced.byPoint(3)).containsSame(moved);
        assertThat(replaced.byAddress("rs485-1", address(3))).isEmpty();
        assertThat(replaced.byAddress("rs485-2", address(33))).containsSame(moved);
        assertThat(removed.byPoint(1)).isEmpty();
        assertThat(removed.byAddress("rs485-1", address(1))).isEmpty();
        assertThat(removed.size()).isEqualTo(4);
        assertThat(removed.without(99)).isSameAs(removed);
        assertThat(MeterArchive.empty().with(dlt(1, address(1), "x")).without(1)).isSameAs(MeterArchive.empty());
    }

    @Test
    void withRefusesAnAddressAnotherPointUses() throws ArchiveException {
        MeterArchive a = sample();

        ArchiveException e = catchThrowableOfType(ArchiveException.class,
                () -> a.with(dlt(7, address(3), "rs485-1")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.field()).isEqualTo("address");
            assertThat(p.value()).isEqualTo(address(3));
            assertThat(p.message()).isEqualTo("point 7: address 000000000003 is already used on channel rs485-1 by point 3");
        });
        assertThat(e.getMessage()).startsWith("archive: 1 problem\n  address = '000000000003': point 7:");
    }

    @Test
    void ofReportsEveryBrokenRuleWithThePoint() {
        List<MeterRecord> records = List.of(
                dlt(1, address(1), "rs485-1"),
                dlt(1, address(2), "rs485-1"),
                new MeterRecord(2, "007", MeterProtocol.MODBUS_RTU, "rs485-2", LineSettings.MODBUS_DEFAULT,
                        1, 1, " padded", "=1+1", "t\u0000", false, "sdm630"),
                new MeterRecord(3, address(3), MeterProtocol.DLT645_2007, "", LineSettings.DLT645_DEFAULT,
                        2_000_000, 1, "", "", "", false, "sdm630"),
                new MeterRecord(4, "4", MeterProtocol.MODBUS_RTU, "rs485-2", LineSettings.MODBUS_DEFAULT,
                        1, 1, "", "", "", false, ""));

        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> MeterArchive.of(records));

        assertThat(e.problems()).extracting(ArchiveProblem::field, ArchiveProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("point", "point 1: point 1 is given twice"),
                org.assertj.core.groups.Tuple.tuple("address", "point 2: write the Modbus unit id without leading zeros"),
                org.assertj.core.groups.Tuple.tuple("area", "point 2: has leading or trailing spaces"),
                org.assertj.core.groups.Tuple.tuple("account",
                        "point 2: must not start with =, +, - or @ (a spreadsheet would run it as a formula)"),
                org.assertj.core.groups.Tuple.tuple("tariff", "point 2: contains the control character U+0000 at position 2"),
                org.assertj.core.groups.Tuple.tuple("channel", "point 3: a meter needs a channel"),
                org.assertj.core.groups.Tuple.tuple("registerMap",
                        "point 3: a dlt645-2007 meter takes no register map; leave it empty"),
                org.assertj.core.groups.Tuple.tuple("ct", "point 3: a ratio is at most 1000000"),
                org.assertj.core.groups.Tuple.tuple("registerMap",
                        "point 4: a modbus-rtu meter needs a register map (e.g. sdm630)"));
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isZero());
        assertThat(e.problems().get(4).value()).isEqualTo("t\\u0000");
    }

    @Test
    void ofRefusesMoreThanTheMostPoints() {
        List<MeterRecord> records = new ArrayList<>();
        for (int i = 0; i <= MeterRecord.MAX_POINT; i++) {
            records.add(dlt(1 + i % MeterRecord.MAX_POINT, address(i), "rs485-1"));
        }

        assertThatThrownBy(() -> MeterArchive.of(records)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("2041 meters; an archive holds at most 2040");
    }

    @Test
    void equalArchivesHoldEqualRecordsAndTheListIsReadOnly() throws ArchiveException {
        MeterArchive a = sample();
        MeterArchive b = MeterArchive.of(new ArrayList<>(a.records()));

        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.without(1)).isNotEqualTo(a);
        assertThatThrownBy(() -> a.records().set(0, dlt(1, address(9), "x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(MeterArchive.empty().isEmpty()).isTrue();
        assertThat(MeterArchive.of(List.of())).isSameAs(MeterArchive.empty());
    }
}
