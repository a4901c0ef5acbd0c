package org.openami.meter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.control.RelayCommandAuthenticator;

/**
 * The meter's control key (the ESAM stand-in): 32 bytes, hex in a file readable only by
 * the meter's user. Never logged.
 */
public final class MeterKeyStore {

    /** The development master key the simulator and the demo concentrator share. Never use it on a real meter. */
    public static final byte[] DEMO_MASTER_KEY = "openami demo master key - not for production use".getBytes(StandardCharsets.US_ASCII);

    private MeterKeyStore() {
    }

    /**
     * Reads the key file.
     *
     * @throws IOException with the path and what is wrong if it is missing, unreadable or not 64 hex digits
     */
    public static byte[] load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IOException("cannot read meter key file " + file + ": " + e.getMessage(), e);
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("meter key file " + file + " must hold 64 hex digits", e);
        }
        if (key.length != RelayCommandAuthenticator.KEY_SIZE) {
            throw new IOException("meter key file " + file + " must hold 64 hex digits (32 bytes), found " + key.length + " bytes");
        }
        return key;
    }

    /** Writes {@code key} to {@code file} with owner-only permissions where the file system has them. */
    public static void save(Path file, byte[] key) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The demo key of {@code address}, diversified from {@link #DEMO_MASTER_KEY}. */
    public static byte[] demoKey(MeterAddress address) {
        return RelayCommandAuthenticator.meterKey(DEMO_MASTER_KEY, address);
    }
}
