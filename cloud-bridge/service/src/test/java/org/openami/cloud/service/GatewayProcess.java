package org.openami.cloud.service;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./ami concentrator} in a child JVM, as an installer runs it: the launcher's jar and
 * bundle set from the build, a gateway configuration with a store, one RS-485 bus, the collector
 * on simulated time, the uplink to a cloud, and any further configuration entries.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;

    private GatewayProcess(Process process) {
        this.process = process;
    }

    /**
     * @param gw     the concentrator's folder (commissioned: tls/, keys/)
     * @param extra  further configuration entries (JSON objects), e.g. the prepayment component
     */
    static GatewayProcess start(Path gw, String id, CloudService cloud, String port, Path archive, Instant start,
                                int speed, List<String> extra) throws Exception {
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
                ]}""".formatted(gw.resolve("store.mv.db"), port, archive, start, speed, id, cloud.brokerUri(),
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
