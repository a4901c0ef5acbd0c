package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreSettings;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.modbus.Sdm630Meter;
import org.openami.sim.modbus.Sdm630ProcessImage;
import org.openami.sim.modbus.SimulatedModbusLine;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.time.ScaledClock;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The whole gateway as Kura would run it, in the embedded Equinox: the real bundle set,
 * configured through ConfigAdmin from a configuration file, collecting on simulated time
 * (60x) from two whole simulated DL/T 645 meters (the meter firmware) on one pty bus at
 * 2400 8E1 and an SDM630 Modbus model on a second pty at 9600 8N1. After 45 s (45 simulated
 * minutes across midnight) the store, read back after the gateway stopped, holds the daily
 * freeze of the day that closed and the curve points of the first quarters of the new day.
 */
class GatewayEndToEndIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant START = LocalDate.of(2026, 11, 20).atTime(23, 50).atZone(ZONE).toInstant();
    private static final int SPEED = 60;

    @TempDir
    Path dir;

    @Test
    void collectsCurvesAndTheDailyFreezeOverRealPtysAndKeepsThemInTheStore() throws Exception {
        Path store = dir.resolve("store.mv.db");
        try (SimulatedMeterFleet fleet = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(2, dir.resolve("meters"))
                .withClock(START, SPEED).withSync(SyncPolicy.NONE));
             SimulatedModbusLine modbus = SimulatedModbusLine.open(9600, LineTiming.BITS_8N1)) {
            Sdm630Meter sdm = new Sdm630Meter(ProfileLoad.commercial(60_000, 3), new ScaledClock(START, SPEED), 1_000, 0);
            sdm.snapshot();
            modbus.addUnit(1, new Sdm630ProcessImage(sdm, 1)).maxRegistersPerRead(80).replyDelay(Duration.ofMillis(10));

            Path archive = Files.writeString(dir.resolve("meters.csv"), """
                    point,address,protocol,channel,serial,ct,pt,area,account,tariff,keep_power,register_map
                    1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,台区-7,A-0001,resident,false,
                    2,000000000002,dlt645-2007,rs485-1,2400-8E1,1,1,台区-7,A-0002,resident,true,
                    3,1,modbus-rtu,rs485-2,9600-8N1,50,1,台区-7,C-0100,commercial,false,sdm630
                    """);
            Path config = Files.writeString(dir.resolve("gateway.json"), """
                    {"configurations":[
                      {"pid":"org.openami.concentrator.store","properties":{"file":"%s","sync.on.commit":false}},
                      {"factoryPid":"org.openami.concentrator.channel.rs485","name":"rs485-1",
                       "properties":{"channel.id":"rs485-1","port":"%s","serial":"2400-8E1"}},
                      {"factoryPid":"org.openami.concentrator.channel.rs485","name":"rs485-2",
                       "properties":{"channel.id":"rs485-2","port":"%s","serial":"9600-8N1"}},
                      {"pid":"org.openami.concentrator.collector","properties":{"archive":"%s",
                       "zone":"Asia/Shanghai","clock.start":"%s","clock.speed":%d,"retryInterval":"PT2M"}}
                    ]}""".formatted(store, fleet.path(), modbus.path(), archive, START, SPEED));

            ConfigFile file = ConfigFile.load(config);
            try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(dir.resolve("gateway"))
                    .bundles(TestBundles.runtimeSet()).startComponentRuntime(false).start()) {
                MetaTypeService metatype = fw.service(MetaTypeService.class, Duration.ofSeconds(10));
                ConfigFile checked = new ConfigValidator(MetatypeReport.collect(fw.bundles(), metatype)).check(file);
                new ConfigApplier(fw.service(ConfigurationAdmin.class, Duration.ofSeconds(10))).apply(checked.entries());
                fw.startComponentRuntime();
                Thread.sleep(5_000);
                ServiceComponentRuntime scr = fw.service(ServiceComponentRuntime.class, Duration.ofSeconds(10));
                java.util.Map<String, Integer> states = new java.util.TreeMap<>();
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        states.merge(d.name + " " + c.state + (c.failure == null ? "" : " " + c.failure), 1, Integer::sum);
                    }
                }
                assertThat(states).as("every component active, the bus twice").containsOnly(
                        java.util.Map.entry("org.openami.concentrator.channel.rs485 " + ComponentConfigurationDTO.ACTIVE, 2),
                        java.util.Map.entry("org.openami.concentrator.collector " + ComponentConfigurationDTO.ACTIVE, 1),
                        java.util.Map.entry("org.openami.concentrator.store " + ComponentConfigurationDTO.ACTIVE, 1));
                Thread.sleep(40_000); // 45 simulated minutes in all: 23:50 -> 00:35
            }
        }

        try (ForwardStore s = ForwardStore.open(store, StoreSettings.defaults(), Clock.systemUTC())) {
            long day = LocalDate.of(2026, 11, 20).atStartOfDay(ZONE).toInstant().toEpochMilli();
            long midnight = LocalDate.of(2026, 11, 21).atStartOfDay(ZONE).toInstant().toEpochMilli();
            long quarter = 15 * 60_000L;
            for (int point : new int[] {1, 2}) {
                List<Reading> freeze = s.readings(point, ReadingKind.DAILY_FREEZE, day, day + 1);
                assertThat(freeze).as("daily freeze of point %d", point).extracting(Reading::quantity)
                        .contains(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.ENERGY_FORWARD_ACTIVE_T1,
                                Quantity.ENERGY_REVERSE_ACTIVE_TOTAL);
                assertThat(freeze).allSatisfy(r -> assertThat(r.meter()).isEqualTo("00000000000" + point));
            }
            for (int point : new int[] {1, 2, 3}) {
                List<Reading> curve = s.readings(point, ReadingKind.CURVE, midnight, midnight + 2 * quarter);
                Set<Long> quarters = new HashSet<>();
                curve.forEach(r -> quarters.add(r.dataTime()));
                assertThat(quarters).as("curve points of point %d", point).contains(midnight, midnight + quarter);
                assertThat(curve).filteredOn(r -> r.quantity() == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)
                        .allSatisfy(r -> assertThat(r.value()).isNotNegative());
            }
            // the Modbus meter has no freezes: the concentrator froze it within the hour after midnight
            assertThat(s.readings(3, ReadingKind.DAILY_FREEZE, day, day + 1)).extracting(Reading::quantity)
                    .contains(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL);
            assertThat(s.undeliveredCount()).isPositive();
        }
    }
}
