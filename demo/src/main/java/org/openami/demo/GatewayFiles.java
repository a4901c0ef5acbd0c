package org.openami.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes what {@code ./ami concentrator --config} needs: the meter archive ({@code meters.csv},
 * docs/concentrator.md) and the configuration file with the store, one RS-485 channel per bus,
 * the collector on simulated time and the uplink to the cloud's broker.
 *
 * <p>Collector settings that differ from the defaults, and why: daily-freeze retry rounds every
 * 5 simulated minutes instead of 30 (a demo day is short), and no back-fill (the simulated meters
 * are new: they hold no freezes from before the demo, so back-fill would only ask for what cannot
 * exist).
 */
public final class GatewayFiles {

    public static final String STORE_PID = "org.openami.concentrator.store";
    public static final String CHANNEL_FACTORY_PID = "org.openami.concentrator.channel.rs485";
    public static final String COLLECTOR_PID = "org.openami.concentrator.collector";
    public static final String UPLINK_PID = "org.openami.concentrator.uplink";
    public static final String PREPAY_PID = "org.openami.concentrator.prepay";
    /** Collector: the retry interval of the freeze windows. */
    public static final String RETRY_INTERVAL = "PT5M";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * Where the concentrator keeps its files and how it reaches the cloud.
     *
     * @param dir        the concentrator's folder (store, uplink state, OSGi storage)
     * @param id         its id: the certificate's common name
     * @param brokerUri  the cloud broker, ssl://host:port
     * @param tlsDir     its TLS key, certificate and the CA certificate
     * @param keysDir    its envelope keys and the cloud's public keys
     */
    public record Gateway(Path dir, String id, String brokerUri, Path tlsDir, Path keysDir) {

        /** The store file. */
        public Path storeFile() {
            return dir.resolve("store.mv.db");
        }
    }

    /** The point marked keep-power (保电) in the archive: never tripped, even with no credit. */
    static final int KEEP_POWER_POINT = 2;
    /** Points whose accounts open near zero, so alarms, trips and reconnects happen within minutes. */
    static final int NEAR_ZERO_ACCOUNTS = 3;
    /** Opening balance of those accounts, fen. */
    static final long NEAR_ZERO_FEN = 300;
    /** Opening balance of the others, fen (10,000 yuan: they never run out in a demo). */
    static final long COMFORTABLE_FEN = 1_000_000;

    private GatewayFiles() {
    }

    /** Writes {@code meters.csv} into {@code gateway.dir()}; returns its path. */
    public static Path writeArchive(Gateway gateway, List<FieldMeter> meters) throws IOException {
        StringBuilder csv = new StringBuilder("point,address,protocol,channel,serial,ct,pt,area,account,tariff,keep_power,register_map\n");
        for (FieldMeter m : meters) {
            boolean modbus = m.protocol() == FieldMeter.Protocol.MODBUS;
            csv.append(m.point()).append(',').append(m.address()).append(',').append(m.protocol().archiveName())
                    .append(',').append(m.channel()).append(',').append(m.protocol().serial())
                    .append(",1,1,台区-DEMO,").append(m.account()).append(',')
                    .append(modbus ? "commercial" : "resident").append(',').append(!modbus && m.point() == KEEP_POWER_POINT)
                    .append(',').append(modbus ? "sdm630" : "")
                    .append('\n');
        }
        Files.createDirectories(gateway.dir());
        return Files.writeString(gateway.dir().resolve("meters.csv"), csv.toString());
    }

    /**
     * Writes {@code gateway.json} into {@code gateway.dir()}: store, channels, collector
     * (simulated from {@code start} at {@code speed}), uplink. Returns its path.
     */
    public static Path writeConfig(Gateway gateway, Path archive, List<Bus> buses, Instant start, int speed,
                                   List<FieldMeter> accounts) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("configurations");

        ObjectNode store = singleton(list, STORE_PID);
        store.put("file", gateway.storeFile().toString());
        store.put("sync.on.commit", false);

        for (Bus b : buses) {
            ObjectNode entry = list.addObject();
            entry.put("factoryPid", CHANNEL_FACTORY_PID);
            entry.put("name", b.channel());
            ObjectNode p = entry.putObject("properties");
            p.put("channel.id", b.channel());
            p.put("port", b.port());
            p.put("serial", b.protocol().serial());
        }

        ObjectNode collector = singleton(list, COLLECTOR_PID);
        collector.put("archive", archive.toString());
        collector.put("zone", DemoOptions.ZONE.getId());
        collector.put("clock.start", start.toString());
        collector.put("clock.speed", speed);
        collector.put("retryInterval", RETRY_INTERVAL);
        collector.put("backfillDays", 0);

        ObjectNode uplink = singleton(list, UPLINK_PID);
        uplink.put("concentrator.id", gateway.id());
        uplink.put("broker.uri", gateway.brokerUri());
        uplink.put("tls.dir", gateway.tlsDir().toString());
        uplink.put("keys.dir", gateway.keysDir().toString());
        uplink.put("state.dir", gateway.dir().resolve("uplink").toString());

        ObjectNode prepay = singleton(list, PREPAY_PID);
        prepay.put("ledger.file", gateway.dir().resolve("prepay-ledger.mv.db").toString());
        prepay.put("tariffs.file", write(gateway, "tariffs.json", TARIFFS).toString());
        prepay.put("policy.file", write(gateway, "prepay-policy.json", POLICY.formatted(DemoOptions.ZONE.getId())).toString());
        prepay.put("openings.file", write(gateway, "openings.json", openings(accounts)).toString());
        prepay.put("control.key.file", write(gateway, "control.key",
                java.util.HexFormat.of().formatHex(org.openami.meter.security.MeterKeyStore.DEMO_MASTER_KEY)).toString());
        prepay.put("control.password", "2:123456");
        prepay.put("counter.file", gateway.dir().resolve("relay-counters").toString());
        prepay.put("tick.seconds", 2);
        prepay.put("sync.on.commit", false);

        Files.createDirectories(gateway.dir());
        Path file = gateway.dir().resolve("gateway.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    /** One residential flat tariff, priced high (5 yuan/kWh) so a demo's few simulated hours show a trip. */
    private static final String TARIFFS = """
            {"tariffs":[{"id":"resident","version":1,"effectiveFrom":"2020-01-01T00:00+08:00","kind":"FLAT",
              "flatPriceFenPerKwh":"500"}]}""";

    /** Alarm at 20 and 10 yuan, trip at zero, direct close after a top-up; no withheld windows in the demo. */
    private static final String POLICY = """
            {"alarm1Fen":2000,"alarm2Fen":1000,"tripAt":"ZERO","reconnect":"DIRECT_CLOSE",
             "hoardingLimitFen":100000000,"windows":{"zone":"%s"}}""";

    private static String openings(List<FieldMeter> meters) {
        ObjectNode o = JSON.createObjectNode();
        for (FieldMeter m : meters) {
            if (m.protocol() != FieldMeter.Protocol.MODBUS) {
                o.put(m.account(), m.point() <= NEAR_ZERO_ACCOUNTS ? NEAR_ZERO_FEN : COMFORTABLE_FEN);
            }
        }
        return o.toString();
    }

    private static Path write(Gateway gateway, String name, String text) throws IOException {
        Files.createDirectories(gateway.dir());
        return Files.writeString(gateway.dir().resolve(name), text);
    }

    private static ObjectNode singleton(ArrayNode list, String pid) {
        ObjectNode entry = list.addObject();
        entry.put("pid", pid);
        return entry.putObject("properties");
    }
}
