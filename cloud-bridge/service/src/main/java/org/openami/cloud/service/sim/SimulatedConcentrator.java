package org.openami.cloud.service.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.net.SocketFactory;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.uplink.CommandExecutor;
import org.openami.cloud.uplink.CommandGuard;
import org.openami.cloud.uplink.CommandReceiver;
import org.openami.cloud.uplink.EnvelopeMessageSealer;
import org.openami.cloud.uplink.Outbox;
import org.openami.cloud.uplink.PahoBrokerLink;
import org.openami.cloud.uplink.Uplink;
import org.openami.cloud.uplink.UplinkSettings;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoreSettings;

/**
 * A concentrator without meter buses: a real {@link ForwardStore} in its folder and a real
 * {@link Uplink} (TLS with its certificate, sealed envelopes, signed commands), as laid out by
 * {@code Commissioning}. Readings are put in with {@link #produce}; commands are executed by
 * the given executor.
 */
public final class SimulatedConcentrator implements AutoCloseable {

    private final ForwardStore store;
    private final Uplink uplink;
    private final SequenceCounter sequence;
    private final CommandGuard guard;

    private SimulatedConcentrator(ForwardStore store, Uplink uplink, SequenceCounter sequence, CommandGuard guard) {
        this.store = store;
        this.uplink = uplink;
        this.sequence = sequence;
        this.guard = guard;
    }

    /**
     * Opens the concentrator in {@code dir} (commissioned before) and starts its uplink.
     *
     * @param brokerUri ssl://... with its certificate, or tcp://... (benchmarks)
     */
    public static SimulatedConcentrator start(Path dir, String id, String brokerUri, UplinkSettings settings,
                                              CommandExecutor executor, Clock clock) throws IOException {
        try {
            KeyDirectory keys = KeyDirectory.load(dir.resolve("keys"));
            NodeKeys own = keys.currentOwn().orElseThrow(() -> new IOException(dir + ": no envelope key"));
            PublicNodeKeys cloud = keys.currentPeer("cloud").orElseThrow(() -> new IOException(dir + ": no cloud key"));
            SocketFactory sockets = brokerUri.startsWith("ssl://")
                    ? Identity.load(dir.resolve("tls"), id).sslContext().getSocketFactory() : null;
            ForwardStore store = ForwardStore.open(dir.resolve("store.mv.db"),
                    StoreSettings.defaults().withSyncOnCommit(false), clock);
            SequenceCounter seq = SequenceCounter.open(dir.resolve("envelope.seq"), 1_000);
            CommandGuard guard = CommandGuard.open(dir.resolve("commands.accepted"), clock, 10_000);
            Outbox outbox = Outbox.of(store);
            CommandReceiver receiver = new CommandReceiver(id,
                    new EnvelopeOpener(keys, clock, settings.commandMaxLifetime(), settings.clockSkew()),
                    guard, executor, outbox, clock, settings);
            EnvelopeMessageSealer sealer = new EnvelopeMessageSealer(
                    new EnvelopeSealer(own, cloud, id, new SecureRandom()), seq, clock);
            Uplink uplink = new Uplink(settings, outbox, sealer, new PahoBrokerLink(brokerUri, id, sockets, settings),
                    receiver);
            uplink.start();
            return new SimulatedConcentrator(store, uplink, seq, guard);
        } catch (KeyFileException | PkiException | StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Stores readings as collection would; the uplink publishes them. */
    public void produce(List<Reading> readings) throws StoreException {
        store.putReadings(readings);
        uplink.wake();
    }

    public ForwardStore store() {
        return store;
    }

    public Uplink uplink() {
        return uplink;
    }

    @Override
    public void close() {
        uplink.close();
        store.close();
        try {
            sequence.close();
            guard.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
