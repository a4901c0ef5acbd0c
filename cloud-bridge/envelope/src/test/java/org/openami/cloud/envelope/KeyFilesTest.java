package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void privateKeysRoundTripWithMode600() throws Exception {
        NodeKeys keys = NodeKeys.generate("conc-0001", 4, new SecureRandom());
        Path file = dir.resolve("conc-0001.4.key.pem");
        KeyFiles.writePrivate(file, keys);
        if (AtomicFiles.posix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        String text = Files.readString(file);
        assertThat(text).contains("Party: conc-0001\nKey-Id: 4\n-----BEGIN PRIVATE KEY-----");
        assertThat(text.split("-----BEGIN PRIVATE KEY-----", -1)).hasSize(3);
        NodeKeys back = KeyFiles.readPrivate(file);
        assertThat(back.id()).isEqualTo("conc-0001");
        assertThat(back.keyId()).isEqualTo(4);
        assertThat(back.publicKeys()).isEqualTo(keys.publicKeys());
        // the keys read back really work: seal with the original, open with the copy
        byte[] env = new EnvelopeSealer(Fixtures.cloud(), keys.publicKeys(), "conc-0001", new SecureRandom())
                .seal(org.openami.cloud.message.Samples.command(), 1, Fixtures.T0);
        KeyDirectory concDir = KeyDirectory.of(List.of(back), List.of(Fixtures.cloud().publicKeys()));
        assertThat(Fixtures.opener(concDir, Fixtures.T0).open(env).message()).isEqualTo(org.openami.cloud.message.Samples.command());
        // and no temporary file is left behind
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("conc-0001.4.key.pem");
        }
    }

    @Test
    void publicKeysRoundTrip() throws Exception {
        PublicNodeKeys keys = Fixtures.cloud().publicKeys();
        Path file = dir.resolve("cloud.7.pub.pem");
        KeyFiles.writePublic(file, keys);
        assertThat(Files.readString(file)).contains("fingerprint " + keys.fingerprint()).contains("-----BEGIN PUBLIC KEY-----");
        assertThat(KeyFiles.readPublic(file)).isEqualTo(keys);
    }

    @Test
    void rewritingReplacesTheFileAtomically() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFiles.writePublic(file, Fixtures.cloud().publicKeys());
        KeyFiles.writePublic(file, Fixtures.conc().publicKeys());
        assertThat(KeyFiles.readPublic(file)).isEqualTo(Fixtures.conc().publicKeys());
    }

    @Test
    void blocksAreRecognisedByAlgorithmNotOrder() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFiles.writePrivate(file, Fixtures.conc());
        String text = Files.readString(file);
        int second = text.indexOf("-----BEGIN", text.indexOf("-----END"));
        int first = text.indexOf("-----BEGIN");
        String swapped = text.substring(0, first) + text.substring(second) + text.substring(first, second);
        Files.writeString(file, swapped);
        assertThat(KeyFiles.readPrivate(file).publicKeys()).isEqualTo(Fixtures.conc().publicKeys());
    }

    @Test
    void garbageFilesAreKeyFileExceptionsNamingTheFile() throws Exception {
        Path good = dir.resolve("good.pem");
        KeyFiles.writePrivate(good, Fixtures.conc());
        String valid = Files.readString(good);
        Path pub = dir.resolve("pub.pem");
        KeyFiles.writePublic(pub, Fixtures.conc().publicKeys());
        String validPublic = Files.readString(pub);
        int end = valid.indexOf("-----END PRIVATE KEY-----") + "-----END PRIVATE KEY-----\n".length();

        assertPrivateRefused("", "no \"Party: <id>\"");
        assertPrivateRefused("hello world\n", "line 1");
        assertPrivateRefused(valid.replace("Party: conc-0001", "Party: conc 0001"), "Party: character ' '");
        assertPrivateRefused(valid.replace("Key-Id: 1", "Key-Id: -1"), "Key-Id");
        assertPrivateRefused(valid.replace("Key-Id: 1", "Key-Id: 01"), "Key-Id");
        assertPrivateRefused(valid.replace("Key-Id: 1", "Key-Id: 2147483648"), "Key-Id");
        assertPrivateRefused(valid.replace("Key-Id: 1\n", ""), "no \"Key-Id: <n>\"");
        assertPrivateRefused(valid.replace("Key-Id: 1\n", "Key-Id: 1\nKey-Id: 1\n"), "given twice");
        assertPrivateRefused(valid.replace("Key-Id: 1\n", "Key-Id: 1\nColour: blue\n"), "line");
        assertPrivateRefused(valid.substring(0, end), "1 PEM block(s), expected 2");
        assertPrivateRefused(valid.substring(0, valid.indexOf("-----BEGIN")), "no PEM block");
        assertPrivateRefused(valid + valid.substring(valid.indexOf("-----BEGIN")), "more than two PEM blocks");
        assertPrivateRefused(valid.substring(0, end) + valid.substring(valid.indexOf("-----BEGIN"), end), "second or unexpected key");
        assertPrivateRefused(valid.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!"), "bad PEM block");
        assertPrivateRefused(valid.replaceFirst("-----END PRIVATE KEY-----", ""), "PEM");
        assertPrivateRefused(validPublic, "is \"PUBLIC KEY\", expected \"PRIVATE KEY\"");
        assertPrivateRefused(valid.replaceFirst("MFECAQEw", "MFICAQEw"), "not a PKCS#8 private key");
        assertPrivateRefused(valid.replaceFirst("gSEAJUO5", "gSEAJUO6"), "block 1: the public key inside does not match");
        assertPrivateRefused("Party: x\nKey-Id: 1\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a PKCS#8 private key");
        Path binary = dir.resolve("binary.pem");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> KeyFiles.readPrivate(binary)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining(binary.toString()).hasMessageContaining("not ASCII");
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[KeyFiles.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> KeyFiles.readPublic(huge)).isInstanceOf(KeyFileException.class).hasMessageContaining("larger than");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> KeyFiles.readPublic(missing)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("cannot read").satisfies(e -> assertThat(((KeyFileException) e).file()).isEqualTo(missing));
        Path pubBad = dir.resolve("pub-bad.pem");
        Files.writeString(pubBad, validPublic.replace("Party: conc-0001", "Party: "));
        assertThatThrownBy(() -> KeyFiles.readPublic(pubBad)).isInstanceOf(KeyFileException.class).hasMessageContaining("Party: empty");
        Files.writeString(pubBad, valid);
        assertThatThrownBy(() -> KeyFiles.readPublic(pubBad)).isInstanceOf(KeyFileException.class).hasMessageContaining("expected \"PUBLIC KEY\"");
    }

    @Test
    void writingIntoAMissingDirectoryIsAKeyFileException() {
        Path file = dir.resolve("no/such/dir/k.pem");
        assertThatThrownBy(() -> KeyFiles.writePrivate(file, Fixtures.conc())).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("cannot write");
    }

    private void assertPrivateRefused(String content, String problem) throws IOException {
        Path file = dir.resolve("bad.pem");
        Files.writeString(file, content);
        assertThatThrownBy(() -> KeyFiles.readPrivate(file)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(problem);
    }
}
