package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.openami.meter.update.keys.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firmware keygen --out DIR}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generates an Ed25519 signing key pair.",
            "Writes DIR/<keyid>.private.pem (PKCS#8, owner-only) and DIR/<keyid>.public.pem (copy this one to meters)."})
final class KeygenCommand extends FirmwareSubcommand {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the key files (created if missing)")
    Path out;

    @Override
    int run() throws IOException {
        KeyFiles.GeneratedKeys keys = KeyFiles.generate(out, parent.random());
        out().println("key id:      " + keys.keyId());
        out().println("private key: " + keys.privateKey() + "  (keep secret, off the meter)");
        out().println("public key:  " + keys.publicKey() + "  (copy into the meters' trusted key directory)");
        return OK;
    }
}
