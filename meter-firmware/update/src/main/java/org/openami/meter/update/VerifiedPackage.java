package org.openami.meter.update;

/**
 * The result of a successful verification: the parsed manifest plus the exact signed bytes
 * and signature (so an installer can keep them next to the unpacked files). Immutable.
 */
public final class VerifiedPackage {

    private final FirmwareManifest manifest;
    private final byte[] manifestBytes;
    private final byte[] signature;

    VerifiedPackage(FirmwareManifest manifest, byte[] manifestBytes, byte[] signature) {
        this.manifest = manifest;
        this.manifestBytes = manifestBytes.clone();
        this.signature = signature.clone();
    }

    /** The verified manifest. */
    public FirmwareManifest manifest() {
        return manifest;
    }

    /** The exact {@code manifest.properties} bytes that were signed (a copy). */
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The 64-byte {@code manifest.sig} (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "VerifiedPackage[" + manifest.summary() + "]";
    }
}
