package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayFilesTest {

    @TempDir
    Path dir;

    private final GatewayFiles.Gateway gw = new GatewayFiles.Gateway(Path.of("/srv/gw"), "GW-DEMO-01",
            "ssl://127.0.0.1:8883", Path.of("/srv/gw/tls"), Path.of("/srv/gw/keys"));

    @Test
    void theArchiveListsEveryMeterWithItsProtocolBusAndFraming() throws Exception {
        GatewayFiles.Gateway here = new GatewayFiles.Gateway(dir, gw.id(), gw.brokerUri(), gw.tlsDir(), gw.keysDir());
        Path csv = GatewayFiles.writeArchive(here, List.of(
                new FieldMeter(1, "000000000001", FieldMeter.Protocol.DLT645, "rs485-1", "R-0001"),
                new FieldMeter(2, "1", FieldMeter.Protocol.MODBUS, "rs485-2", "C-0002")));
        assertThat(Files.readAllLines(csv)).containsExactly(
                "point,address,protocol,channel,serial,ct,pt,area,account,tariff,keep_power,register_map",
                "1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,台区-DEMO,R-0001,resident,false,",
                "2,1,modbus-rtu,rs485-2,9600-8N1,1,1,台区-DEMO,C-0002,commercial,false,sdm630");
    }

    @Test
    void theConfigurationHasStoreChannelsCollectorOnSimulatedTimeAndUplink() throws Exception {
        GatewayFiles.Gateway here = new GatewayFiles.Gateway(dir, gw.id(), gw.brokerUri(), gw.tlsDir(), gw.keysDir());
        Path file = GatewayFiles.writeConfig(here, dir.resolve("meters.csv"), List.of(
                new Bus("rs485-1", "/dev/pts/7", FieldMeter.Protocol.DLT645, 8),
                new Bus("rs485-2", "/dev/pts/8", FieldMeter.Protocol.MODBUS, 2)),
                Instant.parse("2026-11-20T15:40:00Z"), 120, List.of(
                        new FieldMeter(1, "000000000001", FieldMeter.Protocol.DLT645, "rs485-1", "R-0001"),
                        new FieldMeter(5, "000000000005", FieldMeter.Protocol.DLT645, "rs485-1", "R-0005"),
                        new FieldMeter(9, "1", FieldMeter.Protocol.MODBUS, "rs485-2", "C-0009")));
        JsonNode list = new ObjectMapper().readTree(file.toFile()).get("configurations");
        assertThat(list).hasSize(6);
        assertThat(list.get(0).get("pid").asText()).isEqualTo(GatewayFiles.STORE_PID);
        assertThat(list.get(0).at("/properties/file").asText()).isEqualTo(dir.resolve("store.mv.db").toString());
        assertThat(list.get(2).get("name").asText()).isEqualTo("rs485-2");
        assertThat(list.get(2).at("/properties/port").asText()).isEqualTo("/dev/pts/8");
        assertThat(list.get(2).at("/properties/serial").asText()).isEqualTo("9600-8N1");
        JsonNode collector = list.get(3).get("properties");
        assertThat(collector.get("clock.start").asText()).isEqualTo("2026-11-20T15:40:00Z");
        assertThat(collector.get("clock.speed").asInt()).isEqualTo(120);
        assertThat(collector.get("backfillDays").asInt()).isZero();
        JsonNode uplink = list.get(4).get("properties");
        assertThat(uplink.get("concentrator.id").asText()).isEqualTo("GW-DEMO-01");
        assertThat(uplink.get("broker.uri").asText()).isEqualTo("ssl://127.0.0.1:8883");
        JsonNode prepay = list.get(5).get("properties");
        assertThat(list.get(5).get("pid").asText()).isEqualTo(GatewayFiles.PREPAY_PID);
        JsonNode openings = new ObjectMapper().readTree(Path.of(prepay.get("openings.file").asText()).toFile());
        assertThat(openings.get("R-0001").asLong()).as("near zero").isEqualTo(GatewayFiles.NEAR_ZERO_FEN);
        assertThat(openings.get("R-0005").asLong()).isEqualTo(GatewayFiles.COMFORTABLE_FEN);
        assertThat(openings.has("C-0009")).as("Modbus meters are not prepaid").isFalse();
        assertThat(Files.readString(Path.of(prepay.get("tariffs.file").asText()))).contains("\"resident\"");
    }
}
