package org.openami.cloud.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition running inside this JVM.
 *
 * <p>Each {@link #start()} writes {@code dataDir/conf/config.xml} (see {@link BrokerSettings}):
 * a TLS 1.3 listener that requires a client certificate chaining to the trust store, an optional
 * plaintext listener, file persistence in {@code dataDir/data} (sessions and queued QoS 1
 * messages survive a restart), the per-client queue bound, a packet limit of
 * {@link BrokerSettings#MAX_PACKET_BYTES} and anonymous usage statistics off. Every client with
 * a valid certificate may publish and subscribe to every topic. HiveMQ logs through SLF4J and
 * needs logback as the backend; this class does not configure logging.
 *
 * <p>Only one instance may run per data directory.
 */
public final class EmbeddedHiveMq extends AbstractBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHiveMq.class);
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 120;
    private static final int BIND_ATTEMPTS = 3;

    private EmbeddedHiveMQ hivemq;

    /** @param settings how to run; nothing happens before {@link #start()} */
    public EmbeddedHiveMq(BrokerSettings settings) {
        super(settings);
    }

    @Override
    public synchronized void start() throws BrokerException {
        if (hivemq != null) {
            return;
        }
        TlsFiles tls = settings.tls();
        TlsFileCheck.pkcs12(TlsFileCheck.readable(tls.keyStore(), "keyStore"), tls.keyStorePassword(), "keyStore", true);
        TlsFileCheck.pkcs12(TlsFileCheck.readable(tls.trustStore(), "trustStore"), tls.trustStorePassword(),
                "trustStore", false);
        for (int attempt = 1; ; attempt++) {
            ports.resolve();
            try {
                hivemq = launch();
                ports.confirm();
                LOG.info("HiveMQ listening on {}{}", tlsUri(), ports.plain() > 0 ? " and " + plainUri() : "");
                return;
            } catch (PortNotBound e) {
                if (!ports.canRepick() || attempt >= BIND_ATTEMPTS) {
                    throw new BrokerException(ListenerPorts.inUse(settings.host(), e.port));
                }
                LOG.debug("port {} was taken before HiveMQ bound it, picking another", e.port);
                ports.repick();
            }
        }
    }

    private EmbeddedHiveMQ launch() throws BrokerException, PortNotBound {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Path conf = dataDir.resolve("conf");
        Path data = dataDir.resolve("data");
        Path extensions = dataDir.resolve("extensions");
        try {
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            HiveMqConfig.write(conf, HiveMqConfig.render(settings, ports.tls(), ports.plain()));
        } catch (IOException e) {
            throw new BrokerException("cannot write the HiveMQ configuration under " + dataDir + ": " + e.getMessage(), e);
        }
        EmbeddedHiveMQ candidate = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        try {
            candidate.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            closeQuietly(candidate);
            int taken = takenPort();
            if (taken != 0) {
                throw new PortNotBound(taken);
            }
            throw new BrokerException("HiveMQ failed to start (its log says why): " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            closeQuietly(candidate);
            throw new BrokerException("HiveMQ did not start within " + START_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            closeQuietly(candidate);
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while HiveMQ was starting", e);
        }
        // HiveMQ stops when no listener binds, but runs on when only some do: check each one is up
        for (int port : new int[] {ports.tls(), ports.plain()}) {
            if (port > 0 && !ListenerPorts.accepts(settings.host(), port, 2000)) {
                closeQuietly(candidate);
                throw new BrokerException("HiveMQ started but does not accept connections on port " + port
                        + " of " + settings.host() + " (its log says why)");
            }
        }
        return candidate;
    }

    @Override
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        EmbeddedHiveMQ running = hivemq;
        hivemq = null;
        try {
            running.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("HiveMQ did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(running);
        }
        LOG.info("HiveMQ stopped");
    }

    private static void closeQuietly(EmbeddedHiveMQ instance) {
        try {
            instance.close();
        } catch (ExecutionException e) {
            LOG.warn("closing HiveMQ failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean running() {
        return hivemq != null;
    }
}
