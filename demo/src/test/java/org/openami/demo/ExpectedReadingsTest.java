package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.modbus.RegisterMap;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class ExpectedReadingsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final RegisterMap SDM630 = RegisterMap.load("sdm630");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private final CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-30T23:40"));
    private final List<CollectionPlan.Due> due = plan.dueBy(at("2026-12-01T01:30"));
    private final ExpectedReadings expected = new ExpectedReadings(due, SDM630);

    private MeterHoldings everything() {
        Set<Instant> quarters = new HashSet<>();
        due.stream().filter(d -> d.kind() == ReadingKind.CURVE).forEach(d -> quarters.add(d.meterAt()));
        return new MeterHoldings(quarters, Set.of(at("2026-12-01T00:00")), Set.of(at("2026-12-01T00:00")), true);
    }

    @Test
    void aDlt645MeterThatHoldsEverythingOwesFiveReadingsAQuarterAndSixAFreeze() {
        FieldMeter m = new FieldMeter(1, "000000000001", FieldMeter.Protocol.DLT645, "rs485-1", "R-0001");
        long quarters = due.stream().filter(d -> d.kind() == ReadingKind.CURVE).count();
        ExpectedReadings.ForMeter f = expected.of(m, everything());

        assertThat(quarters).isPositive();
        assertThat(f.keys()).hasSize((int) (quarters * 5 + 6 + 6));
        assertThat(f.notHeld()).isEmpty();
        assertThat(f.keys()).contains(new Reading.Key(1, ReadingKind.MONTHLY_FREEZE, Quantity.ENERGY_FORWARD_ACTIVE_T4,
                at("2026-11-01T00:00").toEpochMilli()));
        assertThat(f.keys()).contains(new Reading.Key(1, ReadingKind.CURVE, Quantity.CURRENT_A,
                at("2026-11-30T23:45").toEpochMilli()));
    }

    @Test
    void whatTheMeterDoesNotHoldIsNotExpectedButCounted() {
        FieldMeter m = new FieldMeter(1, "000000000001", FieldMeter.Protocol.DLT645, "rs485-1", "R-0001");
        MeterHoldings all = everything();
        Set<Instant> missingOne = new HashSet<>(all.profile());
        missingOne.remove(at("2026-12-01T00:00"));
        ExpectedReadings.ForMeter f = expected.of(m, new MeterHoldings(missingOne, all.daily(), Set.of(), true));

        assertThat(f.notHeld(ReadingKind.CURVE)).isEqualTo(5);
        assertThat(f.notHeld(ReadingKind.MONTHLY_FREEZE)).isEqualTo(6);
        assertThat(f.keys()).noneMatch(k -> k.dataTime() == at("2026-12-01T00:00").toEpochMilli() && k.kind() == ReadingKind.CURVE);
        assertThat(f.keys()).noneMatch(k -> k.kind() == ReadingKind.MONTHLY_FREEZE);
    }

    @Test
    void aModbusMeterOwesItsWholeRegisterMapPerQuarterAndPerDayButNoMonthlyFreeze() {
        FieldMeter m = new FieldMeter(7, "1", FieldMeter.Protocol.MODBUS, "rs485-4", "C-0007");
        long quarters = due.stream().filter(d -> d.kind() == ReadingKind.CURVE).count();
        ExpectedReadings.ForMeter f = expected.of(m, MeterHoldings.LIVE_ONLY);

        int perRead = SDM630.entries().size();
        assertThat(perRead).isGreaterThan(5);
        assertThat(f.keys()).hasSize((int) ((quarters + 1) * perRead));
        assertThat(f.keys()).noneMatch(k -> k.kind() == ReadingKind.MONTHLY_FREEZE);
        assertThat(f.keys()).allMatch(k -> k.point() == 7);
    }
}
