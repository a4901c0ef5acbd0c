package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.modbus.RegisterMap;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreSettings;

/** The audit on a real store file: what it holds against what a cloud holds and what was due. */
class ReadingAuditTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    @Test
    void countsCollectedDeliveredLostAndMismatchedPerKind() throws Exception {
        FieldMeter m1 = new FieldMeter(1, "000000000001", FieldMeter.Protocol.DLT645, "rs485-1", "R-0001");
        FieldMeter m2 = new FieldMeter(2, "000000000002", FieldMeter.Protocol.DLT645, "rs485-1", "R-0002");
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        List<CollectionPlan.Due> due = plan.dueBy(at("2026-11-21T00:31")); // quarters 23:45, 00:00, 00:15
        ExpectedReadings expected = new ExpectedReadings(due, RegisterMap.load("sdm630"));
        Set<Instant> held = new HashSet<>();
        due.forEach(d -> held.add(d.meterAt()));
        MeterHoldings holdings = new MeterHoldings(held, Set.of(), Set.of(), true);

        // meter 1: all three quarters; meter 2: two of them and one extra quarter not yet due
        List<Reading> stored = new ArrayList<>();
        for (String q : List.of("2026-11-20T23:45", "2026-11-21T00:00", "2026-11-21T00:15")) {
            stored.addAll(curve(1, "000000000001", at(q)));
        }
        for (String q : List.of("2026-11-20T23:45", "2026-11-21T00:15", "2026-11-21T00:30")) {
            stored.addAll(curve(2, "000000000002", at(q)));
        }
        Map<Integer, Map<Reading.Key, Long>> cloud = new HashMap<>();
        for (Reading r : stored) {
            cloud.computeIfAbsent(r.point(), p -> new HashMap<>()).put(r.key(), r.value());
        }
        // the cloud misses one of meter 2's readings and has another value for one of meter 1's
        Reading missing = stored.get(stored.size() - 1);
        cloud.get(2).remove(missing.key());
        Reading changed = stored.get(0);
        cloud.get(1).put(changed.key(), changed.value() + 1);

        ReadingAudit.Result result;
        try (ForwardStore store = ForwardStore.open(dir.resolve("store.mv.db"), StoreSettings.defaults(), Clock.systemUTC())) {
            store.putReadings(stored);
            result = ReadingAudit.run(List.of(m1, m2), expected, p -> holdings, store,
                    p -> cloud.getOrDefault(p, Map.of()));
        }

        ReadingAudit.Tally curve = result.byKind().get(ReadingKind.CURVE);
        assertThat(curve.expected()).isEqualTo(2 * 3 * 5);
        assertThat(curve.collected()).isEqualTo(stored.size());
        assertThat(curve.collectedOfExpected()).isEqualTo(3 * 5 + 2 * 5);
        assertThat(curve.delivered()).isEqualTo(stored.size() - 1);
        assertThat(curve.lost()).isEqualTo(1);
        assertThat(curve.mismatched()).isEqualTo(1);
        assertThat(result.total()).isEqualTo(curve);
        assertThat(result.metersCollected()).isEqualTo(2);
        assertThat(result.metersDelivered()).isEqualTo(2);
    }

    @Test
    void anEmptyStoreAndCloudCountNothingCollectedButStillWhatWasDue() throws Exception {
        FieldMeter m = new FieldMeter(5, "1", FieldMeter.Protocol.MODBUS, "rs485-2", "C-0005");
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        ExpectedReadings expected = new ExpectedReadings(plan.dueBy(at("2026-11-21T00:01")), RegisterMap.load("sdm630"));
        ReadingAudit.Result result;
        try (ForwardStore store = ForwardStore.open(dir.resolve("empty.mv.db"), StoreSettings.defaults(), Clock.systemUTC())) {
            result = ReadingAudit.run(List.of(m), expected, p -> MeterHoldings.LIVE_ONLY, store, p -> Map.of());
        }
        assertThat(result.total().expected()).isEqualTo(RegisterMap.load("sdm630").entries().size());
        assertThat(result.total().collected()).isZero();
        assertThat(result.metersCollected()).isZero();
        assertThat(result.metersDelivered()).isZero();
    }

    private static List<Reading> curve(int point, String meter, Instant quarter) {
        long t = quarter.toEpochMilli();
        List<Reading> out = new ArrayList<>();
        long v = 1_000 + point * 100 + (t / 900_000) % 97;
        for (Quantity q : ExpectedReadings.DLT645_CURVE) {
            out.add(new Reading(point, meter, ReadingKind.CURVE, q, t, v++, t + 60_000));
        }
        return out;
    }
}
