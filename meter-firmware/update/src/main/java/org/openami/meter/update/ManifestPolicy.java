package org.openami.meter.update;

/**
 * An extra check on a manifest whose signature has already been verified, run before any
 * payload byte is read or written (for example "the version must be newer than the installed
 * one"). Implementations must be fast and must not block.
 */
@FunctionalInterface
public interface ManifestPolicy {

    /** Accepts every manifest. */
    ManifestPolicy ACCEPT_ALL = m -> { };

    /**
     * @throws FirmwarePackageException to refuse the package
     */
    void check(FirmwareManifest manifest) throws FirmwarePackageException;
}
