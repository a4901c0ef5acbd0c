package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.PackageLayout;
import org.openami.meter.update.keys.TrustedKeys;
import picocli.CommandLine.Option;

/** The options that say which packages to trust, shared by {@code verify} and {@code install}. */
final class VerifierOptions {

    @Option(names = "--trusted-keys", required = true, paramLabel = "DIR", description = "directory of trusted *.pem public keys")
    Path trustedKeys;

    @Option(names = "--product", defaultValue = "ami-meter", paramLabel = "NAME", description = "expected product (default: ${DEFAULT-VALUE})")
    String product;

    @Option(names = "--max-size", paramLabel = "SIZE", converter = Converters.ByteSize.class,
            description = "largest total payload (default: 64MiB)")
    Long maxSize;

    FirmwareVerifier verifier() throws IOException {
        return new FirmwareVerifier(TrustedKeys.load(trustedKeys), product,
                maxSize != null ? maxSize : PackageLayout.DEFAULT_MAX_PAYLOAD_BYTES);
    }
}
