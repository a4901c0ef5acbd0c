package org.openami.concentrator.components;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.net.SocketFactory;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.uplink.CommandGuard;
import org.openami.cloud.uplink.CommandReceiver;
import org.openami.cloud.uplink.EnvelopeMessageSealer;
import org.openami.cloud.uplink.Outbox;
import org.openami.cloud.uplink.PahoBrokerLink;
import org.openami.cloud.uplink.Uplink;
import org.openami.cloud.uplink.UplinkSettings;
import org.openami.cloud.uplink.UplinkStatistics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secure uplink: publishes the store's outbox to the cloud's MQTT broker in sealed
 * envelopes (TLS 1.3 with this concentrator's certificate on the wire, AES-256-GCM and an
 * Ed25519 signature end to end) and executes the cloud's signed commands on the buses.
 * See docs/cloud-bridge.md.
 */
@Component(name = UplinkComponent.PID, configurationPid = UplinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {UplinkComponent.class, ConfigurableComponent.class})
@Designate(ocd = UplinkComponent.Config.class)
public final class UplinkComponent implements ConfigurableComponent {

    public static final String PID = "org.openami.concentrator.uplink";

    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);

    @ObjectClassDefinition(id = PID, name = "Cloud uplink",
            description = "MQTT 5 over TLS 1.3 to the cloud broker; every message sealed end to end; signed commands down.")
    public @interface Config {
        @AttributeDefinition(name = "Concentrator id", description = "This concentrator's id: the common name of its certificate and part of every topic (1..64 of A-Z a-z 0-9 . _ -)")
        String concentrator_id();

        @AttributeDefinition(name = "Broker", description = "ssl://host:port of the cloud broker (tcp:// only with 'plain TCP allowed')")
        String broker_uri();

        @AttributeDefinition(name = "TLS folder", description = "Folder with <id>.key.pem, <id>.crt.pem and ca.crt.pem (./ami pki request / issue)")
        String tls_dir() default "tls";

        @AttributeDefinition(name = "Plain TCP allowed", description = "Demos and benchmarks only: allow a tcp:// broker. Envelopes stay sealed, but the broker connection is not authenticated")
        boolean plain_tcp_allowed() default false;

        @AttributeDefinition(name = "Envelope key folder", description = "own/<id>.<keyId>.key.pem and peers/cloud.<keyId>.pub.pem (docs/envelope.md)")
        String keys_dir() default "keys";

        @AttributeDefinition(name = "Own key id", description = "Key generation this concentrator seals and signs with", min = "0")
        long key_id() default 1;

        @AttributeDefinition(name = "Cloud key id", description = "Key generation of the cloud's keys to seal for", min = "0")
        long cloud_key_id() default 1;

        @AttributeDefinition(name = "State folder", description = "Where the envelope sequence and the accepted command ids are kept")
        String state_dir() default "data/uplink";

        @AttributeDefinition(name = "Batch size", description = "Outbox entries per batch", min = "1", max = "10000")
        int batch_size() default 2000;

        @AttributeDefinition(name = "Window", description = "Envelopes waiting for the broker's acknowledgement at most", min = "1", max = "1000")
        int window() default 8;

        @AttributeDefinition(name = "Rate limit", description = "Entries published per second at most (0 = none): spreads a backlog replay after an outage", min = "0", max = "10000000")
        int max_entries_per_second() default 1000;

        @AttributeDefinition(name = "Reconnect min (s)", min = "1", max = "3600")
        int reconnect_min_seconds() default 1;

        @AttributeDefinition(name = "Reconnect max (s)", min = "1", max = "86400")
        int reconnect_max_seconds() default 120;

        @AttributeDefinition(name = "Command lifetime (h)", description = "Commands valid longer than this are refused; accepted ids are remembered this long", min = "1", max = "720")
        int command_max_lifetime_hours() default 24;
    }

    @Reference
    private StoreComponent store;

    @Reference
    private CollectorComponent collector;

    private volatile MeterCommands.TopUps topUps;

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void bindPrepay(PrepayComponent prepay) {
        topUps = prepay::topUp;
    }

    void unbindPrepay(PrepayComponent prepay) {
        topUps = null;
    }

    private Uplink uplink;
    private CommandGuard guard;
    private SequenceCounter sequence;

    @Activate
    void activate(Config c) throws IOException, KeyFileException, PkiException {
        String id = ConfigChecks.text("concentrator.id", c.concentrator_id());
        UplinkSettings settings = ConfigChecks.check("concentrator.id", () -> UplinkSettings.defaults(id)
                .withBatchSize(c.batch_size()).withWindow(c.window())
                .withMaxEntriesPerSecond(c.max_entries_per_second())
                .withReconnect(Duration.ofSeconds(c.reconnect_min_seconds()), Duration.ofSeconds(c.reconnect_max_seconds()))
                .withCommandMaxLifetime(Duration.ofHours(c.command_max_lifetime_hours())));
        String uri = ConfigChecks.text("broker.uri", c.broker_uri());
        SocketFactory sockets;
        if (uri.startsWith("ssl://")) {
            sockets = Identity.load(Path.of(c.tls_dir()), id).sslContext().getSocketFactory();
        } else if (uri.startsWith("tcp://") && c.plain_tcp_allowed()) {
            LOG.warn("uplink {} uses plain TCP to {}: for demos and benchmarks only", id, uri);
            sockets = null;
        } else {
            throw new IllegalArgumentException("property 'broker.uri': '" + uri
                    + "' must be ssl://host:port (tcp:// needs plain.tcp.allowed)");
        }
        KeyDirectory keys = KeyDirectory.load(Path.of(c.keys_dir()));
        int keyId = (int) c.key_id();
        int cloudKeyId = (int) c.cloud_key_id();
        NodeKeys own = keys.own(keyId).orElseThrow(() -> new IllegalArgumentException(
                "property 'key.id': no own key " + keyId + " in " + c.keys_dir() + "/own"));
        PublicNodeKeys cloud = keys.peer("cloud", cloudKeyId).orElseThrow(() -> new IllegalArgumentException(
                "property 'cloud.key.id': no cloud key " + cloudKeyId + " in " + c.keys_dir() + "/peers"));
        Clock clock = Clock.systemUTC();
        Path state = Path.of(c.state_dir());
        sequence = SequenceCounter.open(state.resolve("envelope.seq"), 1_000);
        guard = CommandGuard.open(state.resolve("commands.accepted"), clock, 100_000);
        Outbox outbox = Outbox.of(store.store());
        EnvelopeOpener opener = new EnvelopeOpener(keys, clock, settings.commandMaxLifetime(), settings.clockSkew());
        MeterCommands executor = new MeterCommands(p -> collector.archive().byPoint(p).orElse(null),
                id2 -> collector.channels().get(id2), collector::readNow, readings -> store.store().putReadings(readings),
                () -> topUps, collector.clock(), collector.zone());
        CommandReceiver receiver = new CommandReceiver(id, opener, guard, executor, outbox, clock, settings);
        EnvelopeMessageSealer sealer = new EnvelopeMessageSealer(new EnvelopeSealer(own, cloud, id, new SecureRandom()),
                sequence, clock);
        uplink = new Uplink(settings, outbox, sealer, new PahoBrokerLink(uri, id, sockets, settings), receiver);
        uplink.start();
        LOG.info("uplink {} to {} started ({} entries waiting)", id, uri, outbox.backlog());
    }

    @Deactivate
    void deactivate() {
        if (uplink != null) {
            uplink.close();
        }
        try {
            if (guard != null) {
                guard.close();
            }
            if (sequence != null) {
                sequence.close();
            }
        } catch (Exception e) {
            LOG.warn("closing the uplink state: {}", e.toString());
        }
    }

    /** The uplink's state now. */
    public UplinkStatistics statistics() {
        return uplink.statistics();
    }
}
