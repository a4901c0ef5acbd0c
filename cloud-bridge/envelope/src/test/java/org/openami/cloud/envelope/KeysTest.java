package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void generatedKeysCarryIdAndKeyId() {
        NodeKeys k = NodeKeys.generate("conc-0001", 3, new SecureRandom());
        assertThat(k.id()).isEqualTo("conc-0001");
        assertThat(k.keyId()).isEqualTo(3);
        assertThat(k.isCloud()).isFalse();
        assertThat(k.publicKeys().id()).isEqualTo("conc-0001");
        assertThat(k.publicKeys().keyId()).isEqualTo(3);
        assertThat(NodeKeys.generate("cloud", 1, new SecureRandom()).isCloud()).isTrue();
        assertThat(NodeKeys.generate("conc-0001", 3, new SecureRandom()).publicKeys()).isNotEqualTo(k.publicKeys());
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        NodeKeys k = Fixtures.conc();
        String text = k.toString() + k.publicKeys();
        assertThat(text).contains("conc-0001").contains(k.publicKeys().fingerprint());
        for (byte[] secret : new byte[][] {Fixtures.bytes(0x40, 32), Fixtures.bytes(0x60, 32)}) {
            String hex = HEX.formatHex(secret);
            assertThat(text).doesNotContain(hex.substring(0, 16)).doesNotContain(hex.substring(32, 48));
        }
    }

    @Test
    void publicKeysAreCopiedInAndOut() {
        byte[] signing = Fixtures.conc().publicKeys().signingKey();
        byte[] agreement = Fixtures.conc().publicKeys().agreementKey();
        PublicNodeKeys p = new PublicNodeKeys("conc-0001", 1, signing, agreement);
        signing[0] ^= 1;
        p.agreementKey()[0] ^= 1;
        assertThat(p).isEqualTo(Fixtures.conc().publicKeys());
        assertThat(p.hashCode()).isEqualTo(Fixtures.conc().publicKeys().hashCode());
    }

    @Test
    void publicKeysAreValidated() {
        byte[] s = Fixtures.conc().publicKeys().signingKey();
        byte[] a = Fixtures.conc().publicKeys().agreementKey();
        assertThatThrownBy(() -> new PublicNodeKeys("", 1, s, a)).hasMessageContaining("id: empty");
        assertThatThrownBy(() -> new PublicNodeKeys("a b", 1, s, a)).hasMessageContaining("id: character ' '");
        assertThatThrownBy(() -> new PublicNodeKeys("x".repeat(65), 1, s, a)).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> new PublicNodeKeys("c", -1, s, a)).hasMessageContaining("keyId 4294967295");
        assertThatThrownBy(() -> new PublicNodeKeys("c", 1, new byte[31], a)).hasMessageContaining("signingKey: 31 bytes");
        assertThatThrownBy(() -> new PublicNodeKeys("c", 1, s, new byte[33])).hasMessageContaining("agreementKey: 33 bytes");
        // the identity point (small order) is not a usable Ed25519 key
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertThatThrownBy(() -> new PublicNodeKeys("c", 1, identity, a)).hasMessageContaining("not a valid Ed25519");
        // u = 0 and u = 1 are small-order X25519 points
        assertThatThrownBy(() -> new PublicNodeKeys("c", 1, s, new byte[32])).hasMessageContaining("small-order");
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> new PublicNodeKeys("c", 1, s, one)).hasMessageContaining("small-order");
    }

    @Test
    void rawPrivateKeysAreChecked() {
        assertThatThrownBy(() -> NodeKeys.of("c", 1, new byte[31], new byte[32])).hasMessageContaining("signingPrivateKey");
        assertThatThrownBy(() -> NodeKeys.of("c", 1, new byte[32], new byte[16])).hasMessageContaining("agreementPrivateKey");
        assertThatThrownBy(() -> NodeKeys.of("c d", 1, new byte[32], new byte[32])).hasMessageContaining("id");
    }

    @Test
    void envelopeFormatConstantsAddUp() {
        assertThat(EnvelopeFormat.MIN_ENVELOPE_BYTES).isEqualTo(44 + 1 + 4 + 16 + 64);
        assertThat(EnvelopeFormat.MAX_ENVELOPE_BYTES).isEqualTo(44 + 64 + 4 + 4 * 1024 * 1024 + 16 + 64);
        assertThat(EnvelopeFormat.isValidPartyId("conc-0001")).isTrue();
        assertThat(EnvelopeFormat.isValidPartyId("conc/0001")).isFalse();
        assertThat(EnvelopeFormat.isValidPartyId(null)).isFalse();
    }
}
