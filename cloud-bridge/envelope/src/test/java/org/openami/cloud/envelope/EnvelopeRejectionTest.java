package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openami.cloud.envelope.EnvelopeException.Reason.BAD_SIGNATURE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.DECRYPT_FAILED;
import static org.openami.cloud.envelope.EnvelopeException.Reason.FROM_FUTURE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.MALFORMED;
import static org.openami.cloud.envelope.EnvelopeException.Reason.STALE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.UNKNOWN_KEY;
import static org.openami.cloud.envelope.EnvelopeException.Reason.UNSUPPORTED_VERSION;
import static org.openami.cloud.envelope.Fixtures.CONC;
import static org.openami.cloud.envelope.Fixtures.T0;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.cloud.envelope.EnvelopeException.Reason;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Samples;

class EnvelopeRejectionTest {

    private static final int ID_OFFSET = 8;
    private final byte[] uplink = Fixtures.uplinkSealer().seal(Samples.telemetry(3), 42, T0);
    private final EnvelopeOpener cloud = Fixtures.opener(Fixtures.cloudKeys(), T0);

    @Test
    void aConcentratorsEnvelopeReplayedUnderAnotherIdFailsItsSignature() {
        byte[] replayed = uplink.clone();
        System.arraycopy(Fixtures.CONC2.getBytes(StandardCharsets.US_ASCII), 0, replayed, ID_OFFSET, CONC.length());
        assertReason(cloud, replayed, BAD_SIGNATURE, "conc-0002's key 1");
    }

    @Test
    void aSenderKeyThatIsNotTheRegisteredOneFailsTheSignature() {
        NodeKeys impostor = NodeKeys.generate(CONC, Fixtures.CONC_KEY_ID, new SecureRandom());
        byte[] env = new EnvelopeSealer(impostor, Fixtures.cloud().publicKeys(), CONC, new SecureRandom())
                .seal(Samples.telemetry(1), 1, T0);
        assertReason(cloud, env, BAD_SIGNATURE, "signature does not verify");
    }

    @Test
    void aSignedEnvelopeForAnotherAgreementKeyFailsDecryption() {
        // signed by the real concentrator, but encrypted for an agreement key the cloud does not hold
        PublicNodeKeys real = Fixtures.cloud().publicKeys();
        PublicNodeKeys wrongAgreement = new PublicNodeKeys("cloud", real.keyId(), real.signingKey(),
                NodeKeys.generate("cloud", 7, new SecureRandom()).publicKeys().agreementKey());
        byte[] env = new EnvelopeSealer(Fixtures.conc(), wrongAgreement, CONC, new SecureRandom())
                .seal(Samples.telemetry(1), 1, T0);
        assertReason(cloud, env, DECRYPT_FAILED, "tag does not verify");
    }

    @Test
    void unknownKeysAreUnknownKey() {
        // the cloud has no key id 8
        PublicNodeKeys cloud8 = NodeKeys.generate("cloud", 8, new SecureRandom()).publicKeys();
        byte[] toKey8 = new EnvelopeSealer(Fixtures.conc(), cloud8, CONC, new SecureRandom()).seal(Samples.telemetry(1), 1, T0);
        assertReason(cloud, toKey8, UNKNOWN_KEY, "no own key with key id 8");
        // the cloud does not know conc-0001's key id 2
        NodeKeys conc2ndGen = NodeKeys.generate(CONC, 2, new SecureRandom());
        byte[] fromKey2 = new EnvelopeSealer(conc2ndGen, Fixtures.cloud().publicKeys(), CONC, new SecureRandom())
                .seal(Samples.telemetry(1), 1, T0);
        assertReason(cloud, fromKey2, UNKNOWN_KEY, "no key for conc-0001 with key id 2");
        // the cloud does not know conc-0003 at all
        NodeKeys conc3 = NodeKeys.generate("conc-0003", 1, new SecureRandom());
        byte[] fromConc3 = new EnvelopeSealer(conc3, Fixtures.cloud().publicKeys(), "conc-0003", new SecureRandom())
                .seal(Samples.telemetry(1), 1, T0);
        assertReason(cloud, fromConc3, UNKNOWN_KEY, "no key for conc-0003");
    }

    @Test
    void envelopesForSomeoneElseAreUnknownKey() {
        // a concentrator receiving an uplink envelope
        assertReason(Fixtures.opener(Fixtures.concKeys(), T0), uplink, UNKNOWN_KEY, "no own key with key id 7");
        NodeKeys concGen7 = NodeKeys.generate(CONC, 7, new SecureRandom());
        KeyDirectory concWithKey7 = KeyDirectory.of(List.of(concGen7), List.of(Fixtures.conc().publicKeys()));
        assertReason(Fixtures.opener(concWithKey7, T0), uplink, UNKNOWN_KEY, "addressed to cloud, these keys are conc-0001's");
        // conc-0002 (also key id 1) receiving conc-0001's command
        byte[] command = Fixtures.downlinkSealer().seal(Samples.command(), 1, T0);
        KeyDirectory conc2 = KeyDirectory.of(List.of(Fixtures.conc2()), List.of(Fixtures.cloud().publicKeys()));
        assertReason(Fixtures.opener(conc2, T0), command, UNKNOWN_KEY, "addressed to conc-0001");
    }

    @Test
    void freshnessIsJudgedAfterDecryption() throws EnvelopeException {
        long maxAge = Fixtures.MAX_AGE.toMillis();
        long skew = Fixtures.MAX_SKEW.toMillis();
        Fixtures.opener(Fixtures.cloudKeys(), T0 + maxAge).open(uplink);
        assertReason(Fixtures.opener(Fixtures.cloudKeys(), T0 + maxAge + 1), uplink, STALE, "older than PT168H");
        Fixtures.opener(Fixtures.cloudKeys(), T0 - skew).open(uplink);
        assertReason(Fixtures.opener(Fixtures.cloudKeys(), T0 - skew - 1), uplink, FROM_FUTURE, "more than PT5M");
        // a stale envelope with a bad signature is a bad signature: authenticity comes first
        byte[] bad = uplink.clone();
        bad[bad.length - 1] ^= 1;
        assertReason(Fixtures.opener(Fixtures.cloudKeys(), T0 + maxAge + 1), bad, BAD_SIGNATURE, "");
    }

    @Test
    void hugeDurationsDoNotOverflow() throws EnvelopeException {
        EnvelopeOpener lenient = new EnvelopeOpener(Fixtures.cloudKeys(), Fixtures.clockAt(T0),
                Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(lenient.open(uplink).header().sequence()).isEqualTo(42);
    }

    @Test
    void everyTruncationIsMalformed() {
        for (int len = 0; len < uplink.length; len++) {
            assertReason(cloud, Arrays.copyOf(uplink, len), MALFORMED, "");
        }
    }

    @Test
    void trailingAndOversizedInputIsMalformed() {
        assertReason(cloud, Arrays.copyOf(uplink, uplink.length + 1), MALFORMED, "trailing bytes");
        byte[] huge = Arrays.copyOf(uplink, EnvelopeFormat.MAX_ENVELOPE_BYTES + 1);
        assertReason(cloud, huge, MALFORMED, "more than the largest envelope");
        byte[] lying = uplink.clone();
        ByteBuffer.wrap(lying).putInt(44 + CONC.length(), EnvelopeFormat.MAX_CIPHERTEXT_BYTES + 1);
        assertReason(cloud, lying, MALFORMED, "ciphertext length 4194321 is out of range");
        ByteBuffer.wrap(lying).putInt(44 + CONC.length(), 15);
        assertReason(cloud, lying, MALFORMED, "ciphertext length 15 is out of range");
    }

    @Test
    void headerSyntaxIsChecked() {
        assertReason(cloud, with(0, 'X'), MALFORMED, "magic");
        assertReason(cloud, with(4, 2), UNSUPPORTED_VERSION, "version 2");
        assertReason(cloud, with(4, 0), UNSUPPORTED_VERSION, "version 0");
        assertReason(cloud, with(5, 4), MALFORMED, "unknown message type code 4");
        assertReason(cloud, with(6, 1), MALFORMED, "flags 0x1");
        assertReason(cloud, with(7, 0), MALFORMED, "id length 0");
        assertReason(cloud, with(7, 65), MALFORMED, "id length 65");
        assertReason(cloud, with(ID_OFFSET + 4, '/'), MALFORMED, "concentrator id byte 4");
        assertReason(cloud, with(ID_OFFSET + 9, 0x80), MALFORMED, "sender key id 2147483649");
        assertReason(cloud, with(ID_OFFSET + 13, 0x80), MALFORMED, "recipient key id");
        assertReason(cloud, with(ID_OFFSET + 17, 0x80), MALFORMED, "sequence");
        assertReason(cloud, with(ID_OFFSET + 25, 0x80), MALFORMED, "timestamp");
        byte[] cloudAsConc = Fixtures.downlinkSealer().seal(Samples.command(), 1, T0);
        byte[] renamed = new byte[cloudAsConc.length - 4];
        // a header naming "cloud" as the concentrator
        System.arraycopy(cloudAsConc, 0, renamed, 0, 7);
        renamed[7] = 5;
        System.arraycopy("cloud".getBytes(StandardCharsets.US_ASCII), 0, renamed, 8, 5);
        System.arraycopy(cloudAsConc, 8 + CONC.length(), renamed, 13, cloudAsConc.length - 8 - CONC.length());
        assertReason(cloud, renamed, MALFORMED, "the cloud's own id");
    }

    @Test
    void aCommandTypeOnAnUplinkEnvelopeIsRejected() {
        // switching the type byte changes who the sender must be: the cloud holds no "cloud" peer key
        assertReason(cloud, with(5, MessageType.COMMAND.code()), UNKNOWN_KEY, "");
        // and at the concentrator, the signature no longer matches
        assertReason(Fixtures.opener(Fixtures.concKeys(), T0), with(5, MessageType.COMMAND.code()), UNKNOWN_KEY, "");
        byte[] events = with(5, MessageType.EVENTS.code());
        assertReason(cloud, events, BAD_SIGNATURE, "");
    }

    @Test
    void peekHeaderNeedsOnlyTheHeader() throws EnvelopeException {
        byte[] bad = uplink.clone();
        bad[bad.length - 1] ^= 1;
        EnvelopeHeader h = EnvelopeOpener.peekHeader(Arrays.copyOf(bad, 44 + CONC.length()));
        assertThat(h).isEqualTo(new EnvelopeHeader(1, MessageType.TELEMETRY, CONC, 1, 7, 42, T0));
        assertThat(catchThrowableOfType(EnvelopeException.class, () -> EnvelopeOpener.peekHeader(with(4, 2))).reason())
                .isEqualTo(UNSUPPORTED_VERSION);
        assertThat(catchThrowableOfType(EnvelopeException.class,
                () -> EnvelopeOpener.peekHeader(Arrays.copyOf(uplink, 43 + CONC.length()))).reason()).isEqualTo(MALFORMED);
    }

    @Test
    void keyRotationAcceptsBothGenerationsDuringTheOverlap() throws Exception {
        NodeKeys cloud8 = NodeKeys.generate("cloud", 8, new SecureRandom());
        KeyDirectory keys = KeyDirectory.of(List.of(Fixtures.cloud(), cloud8), List.of(Fixtures.conc().publicKeys()));
        EnvelopeOpener opener = Fixtures.opener(keys, T0);
        byte[] old = Fixtures.uplinkSealer().seal(Samples.telemetry(1), 1, T0);
        byte[] fresh = new EnvelopeSealer(Fixtures.conc(), cloud8.publicKeys(), CONC, new SecureRandom())
                .seal(Samples.telemetry(1), 2, T0);
        assertThat(opener.open(old).header().recipientKeyId()).isEqualTo(7);
        assertThat(opener.open(fresh).header().recipientKeyId()).isEqualTo(8);
        assertThat(keys.currentOwn()).contains(cloud8);
        keys.removeOwn(7);
        assertReason(opener, old, UNKNOWN_KEY, "key id 7");
        assertThat(opener.open(fresh).header().sequence()).isEqualTo(2);
    }

    private byte[] with(int offset, int value) {
        byte[] b = uplink.clone();
        b[offset] = (byte) value;
        return b;
    }

    static void assertReason(EnvelopeOpener opener, byte[] env, Reason reason, String detail) {
        EnvelopeException e = catchThrowableOfType(EnvelopeException.class, () -> opener.open(env));
        assertThat(e).as("opening must fail with " + reason).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(detail);
    }
}
