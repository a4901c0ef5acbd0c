package org.openami.meter.update.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.testing.Keys;

class KeysTest {

    @TempDir
    Path dir;

    @Test
    void key_id_is_the_first_8_bytes_of_sha256_of_the_raw_public_key() throws Exception {
        SigningKey key = Keys.key(1);
        byte[] raw = key.verificationKey().raw();
        assertThat(raw).hasSize(32);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        assertThat(key.keyId().hex()).isEqualTo(HexFormat.of().formatHex(Arrays.copyOf(sha, 8)));
        assertThat(Keys.key(2).keyId()).isNotEqualTo(key.keyId());
    }

    @Test
    void signatures_verify_only_for_the_same_message_and_key() {
        SigningKey key = Keys.key(1);
        byte[] msg = "format=1\n".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(msg);
        assertThat(sig).hasSize(64);
        assertThat(key.verificationKey().verify(msg, sig)).isTrue();
        assertThat(key.verificationKey().verify("format=2\n".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(Keys.key(2).verificationKey().verify(msg, sig)).isFalse();
        assertThat(key.verificationKey().verify(msg, Arrays.copyOf(sig, 63))).isFalse();
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        assertThat(key.verificationKey().verify(msg, flipped)).isFalse();
    }

    @Test
    void pem_round_trips_and_uses_the_standard_types() throws Exception {
        SigningKey key = Keys.key(3);
        String priv = KeyPem.encode(key);
        String pub = KeyPem.encode(key.verificationKey());
        assertThat(priv).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(pub).startsWith("-----BEGIN PUBLIC KEY-----");
        SigningKey back = KeyPem.decodeSigningKey(priv);
        assertThat(back.keyId()).isEqualTo(key.keyId());
        byte[] msg = {1, 2, 3};
        assertThat(key.verificationKey().verify(msg, back.sign(msg))).isTrue();
        assertThat(KeyPem.decodeVerificationKey(pub)).isEqualTo(key.verificationKey());
        assertThatThrownBy(() -> KeyPem.decodeSigningKey(pub)).hasMessageContaining("expected a PEM 'PRIVATE KEY'");
        assertThatThrownBy(() -> KeyPem.decodeVerificationKey("garbage")).hasMessageContaining("no PEM object");
    }

    @Test
    void pem_files_interoperate_with_the_jdk_ed25519_provider() throws Exception {
        SigningKey key = Keys.key(4);
        byte[] pkcs8 = der(KeyPem.encode(key));
        // v1 as written by openssl genpkey; OpenSSL 3.0 cannot read the v2 form
        assertThat(Arrays.copyOfRange(pkcs8, 0, 5)).containsExactly(0x30, 0x2e, 0x02, 0x01, 0x00);
        byte[] spki = der(KeyPem.encode(key.verificationKey()));
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        byte[] msg = "manifest".getBytes(StandardCharsets.UTF_8);
        jdk.update(msg);
        assertThat(key.verificationKey().verify(msg, jdk.sign())).isTrue();
        PublicKey jdkPublic = kf.generatePublic(new X509EncodedKeySpec(spki));
        jdk.initVerify(jdkPublic);
        jdk.update(msg);
        assertThat(jdk.verify(key.sign(msg))).isTrue();
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void generate_writes_an_owner_only_private_key_and_a_public_key_and_never_overwrites() throws Exception {
        KeyFiles.GeneratedKeys g = KeyFiles.generate(dir.resolve("keys"), Keys.random(5));
        assertThat(g.privateKey()).hasFileName(g.keyId() + ".private.pem");
        assertThat(g.publicKey()).hasFileName(g.keyId() + ".public.pem");
        SigningKey priv = KeyFiles.readSigningKey(g.privateKey());
        assertThat(priv.keyId()).isEqualTo(g.keyId());
        assertThat(KeyFiles.readVerificationKey(g.publicKey())).isEqualTo(priv.verificationKey());
        assertThatThrownBy(() -> KeyFiles.generate(dir.resolve("keys"), Keys.random(5)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g.privateKey()))).isEqualTo("rw-------");
    }

    @Test
    void to_string_never_shows_key_material() throws Exception {
        SigningKey key = Keys.key(6);
        String pem = KeyPem.encode(key);
        String base64 = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        assertThat(key.toString()).isEqualTo("SigningKey[" + key.keyId() + "]").doesNotContain(base64.substring(0, 20));
        assertThat(key.verificationKey().toString()).isEqualTo("VerificationKey[" + key.keyId() + "]");
    }

    @Test
    void trusted_keys_load_public_pems_skip_private_ones_and_fail_on_garbage() throws Exception {
        Path trusted = Files.createDirectory(dir.resolve("trusted"));
        KeyFiles.GeneratedKeys g1 = KeyFiles.generate(trusted, Keys.random(7)); // private key in the same dir
        SigningKey k2 = Keys.key(8);
        KeyFiles.writeVerificationKey(k2.verificationKey(), trusted.resolve("second.pem"));
        Files.writeString(trusted.resolve("notes.txt"), "not a key, not a .pem");
        TrustedKeys keys = TrustedKeys.load(trusted);
        assertThat(keys.ids()).containsExactlyInAnyOrder(g1.keyId(), k2.keyId());
        assertThat(keys.find(k2.keyId())).contains(k2.verificationKey());
        assertThat(keys.find(Keys.key(9).keyId())).isEmpty();

        Files.writeString(trusted.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TrustedKeys.load(trusted)).hasMessageContaining("broken.pem");
    }

    @Test
    void key_ids_must_be_16_lower_case_hex_digits() {
        assertThat(KeyId.parse("0123456789abcdef").hex()).isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> KeyId.parse("0123456789ABCDEF")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyId.parse("0123")).isInstanceOf(IllegalArgumentException.class);
    }
}
