package org.openami.cloud.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.cloud.service.CloudFixture.CLOCK;
import static org.openami.cloud.service.CloudFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.ingest.db.CommandRecord;
import org.openami.cloud.ingest.db.CommandState;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.CommandType;
import org.openami.concentrator.model.ReadingKind;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.control.RelayControlType;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.security.MeterKeyStore;

/**
 * From meter to PostgreSQL and back: two whole simulated DL/T 645 meters (the meter firmware)
 * on a pty bus, the concentrator as {@code ./ami concentrator} runs it (its OSGi bundle set in
 * Equinox, in its own process) with the uplink component configured to the cloud service's
 * embedded broker over TLS, and the cloud service writing to its embedded PostgreSQL. Collection
 * runs on simulated time across midnight; then the cloud sends signed commands that reach the
 * meters through the concentrator.
 */
class GatewayToCloudTest {

    private static final String ID = "GW-0001";

    @TempDir
    Path dir;

    @Test
    void readingsOfRealMetersReachPostgresAndSignedCommandsReachTheMeters() throws Exception {
        try (CloudService cloud = CloudService.start(CloudFixture.settings(dir.resolve("cloud")), CLOCK);
             SimulatedMeterFleet fleet = GatewayProcess.meters(dir.resolve("meters"))) {
            Path gw = dir.resolve("gw");
            Commissioning.commission(cloud.files(), gw, ID, CLOCK);
            cloud.keys().reload();
            Path archive = GatewayProcess.archive(dir.resolve("meters.csv"), "resident");
            GatewayProcess gateway = GatewayProcess.start(gw, ID, cloud, fleet.path(), archive, List.of());
            try {
                ReadingQueries q = new ReadingQueries(cloud.dataSource());
                long day = LocalDate.of(2026, 11, 20).atStartOfDay(GatewayProcess.ZONE).toInstant().toEpochMilli();
                for (String meter : List.of("000000000001", "000000000002")) {
                    await("the daily freeze of " + meter + " in PostgreSQL", Duration.ofSeconds(120),
                            () -> q.find(meter, day, day + 1, 100).stream().anyMatch(r -> r.kind() == ReadingKind.DAILY_FREEZE));
                }

                Command read = cloud.commands().send(ID, CommandType.READ_NOW, 1, "000000000001",
                        Map.of("quantities", "VOLTAGE_A,ENERGY_FORWARD_ACTIVE_TOTAL"), Duration.ofMinutes(5));
                await("the on-demand read", Duration.ofSeconds(60), () -> state(cloud, read) == CommandState.SUCCEEDED);
                await("its readings", Duration.ofSeconds(60), () -> q.find("000000000001", 0, Long.MAX_VALUE, 10_000)
                        .stream().anyMatch(r -> r.kind() == ReadingKind.REALTIME));

                Command sync = cloud.commands().send(ID, CommandType.TIME_SYNC, 0, "", Map.of(), Duration.ofMinutes(5));
                await("the time sync", Duration.ofSeconds(60), () -> state(cloud, sync) == CommandState.SUCCEEDED);

                Command trip = cloud.commands().send(ID, CommandType.RELAY_TRIP, 1, "000000000001",
                        Map.of("data", tripData("000000000001", 7)), Duration.ofMinutes(5));
                await("the trip", Duration.ofSeconds(60), () -> state(cloud, trip) == CommandState.SUCCEEDED);
                // the same control data again: the meter refuses its counter
                Command again = cloud.commands().send(ID, CommandType.RELAY_TRIP, 1, "000000000001",
                        Map.of("data", tripData("000000000001", 7)), Duration.ofMinutes(5));
                await("the repeated trip", Duration.ofSeconds(60), () -> state(cloud, again) == CommandState.FAILED);
                // point 2 is keep-power in the archive: the concentrator refuses to trip it
                Command keep = cloud.commands().send(ID, CommandType.RELAY_TRIP, 2, "000000000002",
                        Map.of("data", tripData("000000000002", 1)), Duration.ofMinutes(5));
                await("the keep-power refusal", Duration.ofSeconds(60), () -> state(cloud, keep) == CommandState.FAILED);
                assertThat(cloud.commandLog().find(keep.commandId()).orElseThrow().result().orElseThrow().reason())
                        .startsWith("KEEP_POWER");
                // the second TOU day table: one period, valley tariff from 00:00
                Command tariff = cloud.commands().send(ID, CommandType.TARIFF_UPDATE, 1, "000000000001",
                        Map.of("data", writeData(0x04020001, new byte[] {0x04, 0x00, 0x00})), Duration.ofMinutes(5));
                await("the tariff update", Duration.ofSeconds(60), () -> state(cloud, tariff) == CommandState.SUCCEEDED);
                Command notAParameter = cloud.commands().send(ID, CommandType.TARIFF_UPDATE, 1, "000000000001",
                        Map.of("data", writeData(0x00010000, new byte[] {0x00, 0x00, 0x00, 0x00})), Duration.ofMinutes(5));
                await("a write outside the parameters refused", Duration.ofSeconds(60),
                        () -> state(cloud, notAParameter) == CommandState.FAILED);
                assertThat(cloud.quarantine().count()).isZero();
            } finally {
                gateway.close();
            }
        }
    }

    private static String tripData(String address, long counter) {
        MeterAddress a = MeterAddress.parse(address);
        return HexFormat.of().formatHex(new RelayControlCommand(new Password(2, 123456), 1, RelayControlType.TRIP,
                LocalDateTime.parse("2026-12-01T00:00:00"), counter).encode(a, MeterKeyStore.demoKey(a)));
    }

    /** A 14H data field: identifier, level-2 password, operator code, value. */
    private static String writeData(int di, byte[] value) {
        byte[] out = new byte[4 + 8 + value.length];
        System.arraycopy(org.openami.dlt645.DataIdentifier.of(di).toWire(), 0, out, 0, 4);
        new Password(2, 123456).writeTo(out, 4);
        out[8] = 0x78;
        System.arraycopy(value, 0, out, 12, value.length);
        return HexFormat.of().formatHex(out);
    }

    private static CommandState state(CloudService cloud, Command c) throws Exception {
        return cloud.commandLog().find(c.commandId()).map(CommandRecord::state).orElse(null);
    }

}
