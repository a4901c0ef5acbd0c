package org.openami.meter.update;

/** Names and limits of the {@code .fwpkg} format, shared by the packager and the verifier. */
public final class PackageLayout {

    /** The signed manifest entry. */
    public static final String MANIFEST = "manifest.properties";
    /** The Ed25519 signature entry (64 raw bytes). */
    public static final String SIGNATURE = "manifest.sig";
    /** Every payload path starts with this. */
    public static final String PAYLOAD_DIR = "app/";
    /** The file name extension of packages. */
    public static final String EXTENSION = ".fwpkg";
    /** The manifest format this code reads and writes. */
    public static final int FORMAT = 1;
    /** Default cap on the total uncompressed payload: 64 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 64L * 1024 * 1024;
    /** Largest accepted manifest. */
    public static final int MAX_MANIFEST_BYTES = 64 * 1024;
    /** Most payload files in one package. */
    public static final int MAX_FILES = 4096;
    /** Longest payload path, in characters. */
    public static final int MAX_PATH_LENGTH = 255;
    /** Most health-check arguments. */
    public static final int MAX_HEALTH_ARGS = 64;
    /** Longest health-check argument, in characters. */
    public static final int MAX_HEALTH_ARG_LENGTH = 1024;

    private PackageLayout() {
    }
}
