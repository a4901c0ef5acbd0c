package org.openami.cloud.service.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.KeyFiles;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami keys}: envelope keys (docs/envelope.md) in a key folder: make a new generation
 * on the party that will own it, export its public keys for the peer, register a peer's.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Envelope keys: generate, export the public half, add a peer's.",
        subcommands = {EnvelopeKeysCommand.Generate.class, EnvelopeKeysCommand.AddPeer.class, EnvelopeKeysCommand.List.class})
public final class EnvelopeKeysCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new EnvelopeKeysCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("keys: " + e.getMessage());
            return e instanceof KeyFileException || e instanceof IllegalArgumentException ? 2 : 1;
        }).execute(args));
    }

    private static KeyDirectory open(Path dir) throws Exception {
        Files.createDirectories(dir.resolve(KeyDirectory.OWN));
        Files.createDirectories(dir.resolve(KeyDirectory.PEERS));
        return KeyDirectory.load(dir);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Make a new key generation for this party and write its public keys for the peer.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "The party: a concentrator id, or 'cloud'")
        String id;

        @Option(names = "--key-id", required = true, description = "The generation number (a new one when rotating)")
        int keyId;

        @Option(names = "--dir", required = true, description = "The key folder (own/ and peers/)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (!"cloud".equals(id) && !Topics.validId(id)) {
                throw new IllegalArgumentException("id '" + id + "' is not 1..64 of [A-Za-z0-9._-]");
            }
            KeyDirectory keys = open(dir);
            if (keys.own(keyId).isPresent()) {
                throw new IllegalArgumentException("key id " + keyId + " already exists in " + dir + "; choose a new one");
            }
            NodeKeys k = NodeKeys.generate(id, keyId, new SecureRandom());
            keys.addOwn(k);
            Path pub = dir.resolve(id + "." + keyId + KeyDirectory.PUBLIC_SUFFIX);
            KeyFiles.writePublic(pub, k.publicKeys());
            System.out.println("generated " + k + "; give " + pub + " to the peer (./ami keys add-peer)");
            return 0;
        }
    }

    @Command(name = "add-peer", mixinStandardHelpOptions = true, description = "Register a peer's public keys.")
    static final class AddPeer implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "The key folder")
        Path dir;

        @Option(names = "--file", required = true, description = "The peer's <id>.<keyId>.pub.pem")
        Path file;

        @Override
        public Integer call() throws Exception {
            PublicNodeKeys p = KeyFiles.readPublic(file);
            open(dir).addPeer(p);
            System.out.println("registered " + p.id() + " key " + p.keyId() + " in " + dir);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "What a key folder holds.")
    static final class List implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "The key folder")
        Path dir;

        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = open(dir);
            keys.ownKeys().forEach(k -> System.out.println("own  " + k));
            keys.peerKeys().forEach(k -> System.out.println("peer " + k.id() + " key " + k.keyId()));
            return 0;
        }
    }
}
