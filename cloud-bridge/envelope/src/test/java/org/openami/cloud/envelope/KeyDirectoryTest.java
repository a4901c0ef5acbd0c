package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryRoundTripsThroughItsFiles() throws Exception {
        KeyDirectory keys = KeyDirectory.load(dir);
        assertThat(keys.ownKeys()).isEmpty();
        keys.addOwn(Fixtures.cloud());
        keys.addPeer(Fixtures.conc().publicKeys());
        keys.addPeer(Fixtures.conc2().publicKeys());
        assertThat(Files.exists(dir.resolve("own/cloud.7.key.pem"))).isTrue();
        assertThat(Files.exists(dir.resolve("peers/conc-0001.1.pub.pem"))).isTrue();

        KeyDirectory again = KeyDirectory.load(dir);
        assertThat(again.own(7).map(NodeKeys::publicKeys)).contains(Fixtures.cloud().publicKeys());
        assertThat(again.own(8)).isEmpty();
        assertThat(again.peer("conc-0001", 1)).contains(Fixtures.conc().publicKeys());
        assertThat(again.peer("conc-0001", 2)).isEmpty();
        assertThat(again.peer("conc-0003", 1)).isEmpty();
        assertThat(again.peerKeys()).extracting(PublicNodeKeys::id).containsExactly("conc-0001", "conc-0002");
        assertThat(again.directory()).contains(dir);

        // and it opens what a concentrator sealed
        byte[] env = Fixtures.uplinkSealer().seal(org.openami.cloud.message.Samples.telemetry(2), 1, Fixtures.T0);
        assertThat(Fixtures.opener(again, Fixtures.T0).open(env).header().concentratorId()).isEqualTo("conc-0001");
    }

    @Test
    void addingPeersIsIdempotentButNeverReplacesAGeneration() throws Exception {
        KeyDirectory keys = KeyDirectory.load(dir);
        keys.addPeer(Fixtures.conc().publicKeys());
        keys.addPeer(Fixtures.conc().publicKeys());
        PublicNodeKeys other = NodeKeys.generate("conc-0001", 1, new SecureRandom()).publicKeys();
        assertThatThrownBy(() -> keys.addPeer(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        assertThat(KeyDirectory.load(dir).peer("conc-0001", 1)).contains(Fixtures.conc().publicKeys());
    }

    @Test
    void rotationPicksTheHighestGenerationAndRetiresTheOld() throws Exception {
        KeyDirectory keys = KeyDirectory.load(dir);
        NodeKeys gen1 = NodeKeys.generate("conc-0001", 1, new SecureRandom());
        NodeKeys gen2 = NodeKeys.generate("conc-0001", 2, new SecureRandom());
        keys.addOwn(gen1);
        keys.addPeer(Fixtures.cloud().publicKeys());
        assertThat(keys.currentOwn()).contains(gen1);
        keys.addOwn(gen2);
        assertThat(keys.currentOwn()).contains(gen2);
        assertThat(keys.own(1)).contains(gen1);
        PublicNodeKeys cloud9 = NodeKeys.generate("cloud", 9, new SecureRandom()).publicKeys();
        keys.addPeer(cloud9);
        assertThat(keys.currentPeer("cloud")).contains(cloud9);
        assertThat(keys.removeOwn(1)).isTrue();
        assertThat(keys.removeOwn(1)).isFalse();
        assertThat(keys.removePeer("cloud", 7)).isTrue();
        assertThat(Files.exists(dir.resolve("own/conc-0001.1.key.pem"))).isFalse();
        assertThat(Files.exists(dir.resolve("peers/cloud.7.pub.pem"))).isFalse();
        KeyDirectory again = KeyDirectory.load(dir);
        assertThat(again.ownKeys()).extracting(NodeKeys::keyId).containsExactly(2);
        assertThat(again.peerKeys()).containsExactly(cloud9);
        assertThatThrownBy(() -> keys.addOwn(NodeKeys.generate("conc-0002", 3, new SecureRandom())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one party per directory");
        assertThatThrownBy(() -> keys.addOwn(NodeKeys.generate("conc-0001", 2, new SecureRandom())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
    }

    @Test
    void reloadSeesOtherWritersAndIsAllOrNothing() throws Exception {
        KeyDirectory keys = KeyDirectory.load(dir);
        KeyDirectory writer = KeyDirectory.load(dir);
        writer.addPeer(Fixtures.conc().publicKeys());
        assertThat(keys.peer("conc-0001", 1)).isEmpty();
        keys.reload();
        assertThat(keys.peer("conc-0001", 1)).contains(Fixtures.conc().publicKeys());
        Path bad = dir.resolve("peers/conc-0009.1.pub.pem");
        Files.writeString(bad, "garbage");
        assertThatThrownBy(keys::reload).isInstanceOf(KeyFileException.class).hasMessageContaining(bad.toString());
        assertThat(keys.peer("conc-0001", 1)).as("previous keys kept").contains(Fixtures.conc().publicKeys());
        assertThatThrownBy(() -> KeyDirectory.load(dir)).isInstanceOf(KeyFileException.class);
    }

    @Test
    void fileNamesMustMatchTheirContent() throws Exception {
        Files.createDirectories(dir.resolve("peers"));
        KeyFiles.writePublic(dir.resolve("peers/conc-0002.1.pub.pem"), Fixtures.conc().publicKeys());
        assertThatThrownBy(() -> KeyDirectory.load(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("must be named conc-0001.1.pub.pem");
    }

    @Test
    void ownKeysOfTwoPartiesAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("own"));
        KeyFiles.writePrivate(dir.resolve("own/conc-0001.1.key.pem"), Fixtures.conc());
        KeyFiles.writePrivate(dir.resolve("own/conc-0002.1.key.pem"), Fixtures.conc2());
        assertThatThrownBy(() -> KeyDirectory.load(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("one party per directory");
    }

    @Test
    void otherFilesAreIgnoredAndAMissingDirectoryIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("peers"));
        Files.writeString(dir.resolve("peers/README.txt"), "notes");
        Files.writeString(dir.resolve("peers/.conc-0001.1.pub.pem.123.tmp"), "half written");
        assertThat(KeyDirectory.load(dir).peerKeys()).isEmpty();
        Path none = dir.resolve("none");
        assertThatThrownBy(() -> KeyDirectory.load(none)).isInstanceOf(KeyFileException.class).hasMessageContaining("not a directory");
    }

    @Test
    void inMemoryDirectoriesWriteNothing() throws Exception {
        KeyDirectory keys = KeyDirectory.of(List.of(Fixtures.cloud()), List.of());
        keys.addPeer(Fixtures.conc().publicKeys());
        keys.reload();
        assertThat(keys.peer("conc-0001", 1)).isPresent();
        assertThat(keys.directory()).isEmpty();
        assertThat(keys.toString()).contains("in memory");
        assertThatThrownBy(() -> KeyDirectory.of(List.of(Fixtures.cloud(), Fixtures.cloud()), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDirectory.of(List.of(Fixtures.conc(), Fixtures.cloud()), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDirectory.of(List.of(), List.of(Fixtures.conc().publicKeys(), Fixtures.conc().publicKeys())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
