package org.openami.cloud.service;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./ami concentrator} in a child JVM, as an installer runs it: the launcher's jar and
 * bundle set from the build, a gateway configuration with a store, one RS-485 bus, the collector
 * on the tests' simulated time ({@link #START}, {@link #SPEED}), the uplink to a cloud, and any further configuration entries.
 */
final class GatewayProcess implements AutoCloseable {

    /** Zone of the gateway tests' meters and collector. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");
    /** Simulated start: shortly before midnight, so a daily freeze is due within a minute. */
    static final Instant START = java.time.LocalDate.of(2026, 11, 20).atTime(23, 52).atZone(ZONE).toInstant();
    /** Simulated time runs this many times faster. */
    static final int SPEED = 60;

    /** Two whole firmware meters (000000000001, 000000000002) on one pty bus, on the tests' simulated time. */
    static org.openami.meter.app.SimulatedMeterFleet meters(Path dir) throws Exception {
        return org.openami.meter.app.SimulatedMeterFleet.start(org.openami.meter.app.SimulatedMeterFleet.Options.of(2, dir)
                .withClock(START, SPEED).withSync(org.openami.meter.storage.SyncPolicy.NONE));
    }

    /**
     * The archive of those meters: accounts A-0001 and A-0002 on {@code tariff}, the second
     * keep-power (保电).
     */
    static Path archive(Path file, String tariff) throws java.io.IOException {
        return Files.writeString(file, """
                point,address,protocol,channel,serial,ct,pt,area,account,tariff,keep_power,register_map
                1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,台区-7,A-0001,%1$s,false,
                2,000000000002,dlt645-2007,rs485-1,2400-8E1,1,1,台区-7,A-0002,%1$s,true,
                """.formatted(tariff));
    }

    private final Process process;

    private GatewayProcess(Process process) {
        this.process = process;
    }

    /**
     * @param gw     the concentrator's folder (commissioned: tls/, keys/)
     * @param extra  further configuration entries (JSON objects), e.g. the prepayment component
     */
    static GatewayProcess start(Path gw, String id, CloudService cloud, String port, Path archive, List<String> extra)
            throws Exception {
        Path launcher = Path.of("../../concentrator-gateway/launcher/target").toAbsolutePath().normalize();
        Path jar = launcher.resolve("ami-conc-launcher-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the launcher is built before this module: " + jar + " is missing");
        }
        StringBuilder entries = new StringBuilder();
        for (String e : extra) {
            entries.append(",\n").append(e);
        }
        Path config = Files.writeString(gw.resolve("gateway.json"), """
                {"configurations":[
                  {"pid":"org.openami.concentrator.store","properties":{"file":"%s","sync.on.commit":false}},
                  {"factoryPid":"org.openami.concentrator.channel.rs485","name":"rs485-1",
                   "properties":{"channel.id":"rs485-1","port":"%s","serial":"2400-8E1"}},
                  {"pid":"org.openami.concentrator.collector","properties":{"archive":"%s",
                   "zone":"Asia/Shanghai","clock.start":"%s","clock.speed":%d,"retryInterval":"PT2M"}},
                  {"pid":"org.openami.concentrator.uplink","properties":{"concentrator.id":"%s",
                   "broker.uri":"%s","tls.dir":"%s","keys.dir":"%s","state.dir":"%s"}}%s
                ]}""".formatted(gw.resolve("store.mv.db"), port, archive, START, SPEED, id, cloud.brokerUri(),
                gw.resolve("tls"), gw.resolve("keys"), gw.resolve("state"), entries));
        String cp = jar + File.pathSeparator + Files.readString(launcher.resolve("classpath.txt")).strip();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "org.openami.concentrator.launcher.ConcentratorCommand", "--config", config.toString(),
                "--data-dir", gw.resolve("osgi").toString(), "--bundles", launcher.resolve("bundles").toString())
                .redirectErrorStream(true).redirectOutput(gw.resolve("gateway.log").toFile()).start();
        return new GatewayProcess(p);
    }

    /** Stops the gateway as Ctrl-C does (SIGTERM) and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
