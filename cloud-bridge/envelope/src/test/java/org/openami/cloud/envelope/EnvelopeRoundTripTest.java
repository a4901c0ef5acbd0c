package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.envelope.Fixtures.CONC;
import static org.openami.cloud.envelope.Fixtures.T0;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Samples;
import org.openami.cloud.message.Telemetry;

class EnvelopeRoundTripTest {

    @Test
    void uplinkMessagesOpenAtTheCloud() throws Exception {
        EnvelopeSealer sealer = Fixtures.uplinkSealer();
        EnvelopeOpener cloud = Fixtures.opener(Fixtures.cloudKeys(), T0 + 1_000);
        long seq = 1;
        for (Message m : List.of(Samples.telemetry(500), Samples.events(), Samples.results(), new Telemetry(List.of()))) {
            byte[] env = sealer.seal(m, seq, T0);
            OpenedEnvelope opened = cloud.open(env);
            assertThat(opened.header()).isEqualTo(new EnvelopeHeader(1, m.type(), CONC, 1, 7, seq, T0));
            assertThat(opened.header().senderId()).isEqualTo(CONC);
            assertThat(opened.header().recipientId()).isEqualTo("cloud");
            assertThat(opened.body()).isEqualTo(MessageCodec.encode(m));
            assertThat(opened.message()).isEqualTo(m);
            assertThat(opened.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(env));
            assertThat(EnvelopeOpener.peekHeader(env)).isEqualTo(opened.header());
            seq++;
        }
    }

    @Test
    void commandsOpenAtTheConcentrator() throws Exception {
        byte[] env = Fixtures.downlinkSealer().seal(Samples.command(), 9_000_000_000L, T0);
        OpenedEnvelope opened = Fixtures.opener(Fixtures.concKeys(), T0).open(env);
        assertThat(opened.header()).isEqualTo(new EnvelopeHeader(1, MessageType.COMMAND, CONC, 7, 1, 9_000_000_000L, T0));
        assertThat(opened.header().senderId()).isEqualTo("cloud");
        assertThat(opened.header().concentratorKeyId()).isEqualTo(1);
        assertThat(opened.header().cloudKeyId()).isEqualTo(7);
        assertThat(opened.message()).isEqualTo(Samples.command());
    }

    @Test
    void everyEnvelopeHasItsOwnNonce() throws Exception {
        EnvelopeSealer sealer = Fixtures.uplinkSealer();
        byte[] body = MessageCodec.encode(Samples.telemetry(2));
        byte[] a = sealer.seal(MessageType.TELEMETRY, 5, T0, body);
        byte[] b = sealer.seal(MessageType.TELEMETRY, 5, T0, body);
        assertThat(a).isNotEqualTo(b).hasSameSizeAs(b);
        EnvelopeOpener cloud = Fixtures.opener(Fixtures.cloudKeys(), T0);
        OpenedEnvelope oa = cloud.open(a);
        OpenedEnvelope ob = cloud.open(b);
        assertThat(oa.body()).isEqualTo(ob.body()).isEqualTo(body);
        assertThat(oa.digest()).isNotEqualTo(ob.digest());
    }

    @Test
    void sizeIsHeaderPlusBodyPlusTagPlusSignature() {
        byte[] body = new byte[100];
        byte[] env = Fixtures.uplinkSealer().seal(MessageType.EVENTS, 1, T0, body);
        assertThat(env).hasSize(44 + CONC.length() + 4 + 100 + 16 + 64);
    }

    @Test
    void theLargestBodySealsAndOpens() throws Exception {
        byte[] body = new byte[EnvelopeFormat.MAX_BODY_BYTES];
        new SecureRandom().nextBytes(body);
        byte[] env = Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, 1, T0, body);
        assertThat(env).hasSize(EnvelopeFormat.MAX_ENVELOPE_BYTES - (64 - CONC.length()));
        assertThat(Fixtures.opener(Fixtures.cloudKeys(), T0).open(env).body()).isEqualTo(body);
        assertThatThrownBy(() -> Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, 1, T0, new byte[body.length + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4194304");
    }

    @Test
    void aBadBodyIsMalformedBodyWhenDecoded() throws Exception {
        byte[] env = Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, 1, T0, new byte[] {(byte) 0x81, 0x01});
        OpenedEnvelope opened = Fixtures.opener(Fixtures.cloudKeys(), T0).open(env);
        assertThatThrownBy(opened::message).isInstanceOf(EnvelopeException.class)
                .satisfies(e -> assertThat(((EnvelopeException) e).reason()).isEqualTo(EnvelopeException.Reason.MALFORMED_BODY))
                .hasMessageContaining("readings[0]: expected an array");
    }

    @Test
    void sealersOnlySealTheirDirection() {
        byte[] body = new byte[0];
        assertThatThrownBy(() -> Fixtures.uplinkSealer().seal(MessageType.COMMAND, 1, T0, body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a concentrator cannot seal COMMAND");
        for (MessageType t : List.of(MessageType.TELEMETRY, MessageType.EVENTS, MessageType.COMMAND_RESULTS)) {
            assertThatThrownBy(() -> Fixtures.downlinkSealer().seal(t, 1, T0, body))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the cloud cannot seal " + t);
        }
        assertThatThrownBy(() -> Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, -1, T0, body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, 1, -1, body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
    }

    @Test
    void sealersCheckTheRoles() {
        SecureRandom r = new SecureRandom();
        NodeKeys conc = Fixtures.conc();
        NodeKeys cloud = Fixtures.cloud();
        assertThatThrownBy(() -> new EnvelopeSealer(conc, cloud.publicKeys(), Fixtures.CONC2, r))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot seal as conc-0002");
        assertThatThrownBy(() -> new EnvelopeSealer(conc, Fixtures.conc2().publicKeys(), CONC, r))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seals for the cloud");
        assertThatThrownBy(() -> new EnvelopeSealer(cloud, Fixtures.conc2().publicKeys(), CONC, r))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belong to conc-0002");
        assertThatThrownBy(() -> new EnvelopeSealer(cloud, cloud.publicKeys(), "cloud", r))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the cloud's id");
        assertThatThrownBy(() -> new EnvelopeSealer(conc, cloud.publicKeys(), "conc 1", r))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concentratorId");
    }

    @Test
    void sealersAndOpenersAreSharedAcrossThreads() throws Exception {
        EnvelopeSealer sealer = Fixtures.uplinkSealer();
        EnvelopeOpener cloud = Fixtures.opener(Fixtures.cloudKeys(), T0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 150; i++) {
                        Telemetry m = Samples.telemetry(1 + (thread * 150 + i) % 40);
                        long seq = thread * 1_000L + i;
                        OpenedEnvelope o = cloud.open(sealer.seal(m, seq, T0));
                        if (o.header().sequence() == seq && o.message().equals(m)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(150);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
