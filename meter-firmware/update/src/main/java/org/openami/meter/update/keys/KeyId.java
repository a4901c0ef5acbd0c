package org.openami.meter.update.keys;

import java.util.Objects;
import org.openami.meter.update.internal.Hex;
import org.openami.meter.update.internal.Sha256;

/**
 * Names a firmware signing key: the first 8 bytes of SHA-256 over the raw 32-byte Ed25519
 * public key, as 16 lower-case hex digits. Immutable.
 *
 * @param hex 16 lower-case hex digits
 */
public record KeyId(String hex) {

    /** Number of hex digits in a key id. */
    public static final int HEX_LENGTH = 16;

    /** @throws IllegalArgumentException unless {@code hex} is 16 lower-case hex digits */
    public KeyId {
        Objects.requireNonNull(hex, "hex");
        if (!Hex.isLowerHex(hex, HEX_LENGTH)) {
            throw new IllegalArgumentException("a key id is 16 lower-case hex digits, not '" + abbreviate(hex) + "'");
        }
    }

    /** Parses 16 lower-case hex digits. */
    public static KeyId parse(String hex) {
        return new KeyId(hex);
    }

    /** The id of a raw 32-byte Ed25519 public key. */
    public static KeyId ofRawPublicKey(byte[] raw) {
        if (raw.length != VerificationKey.RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        return new KeyId(Hex.of(Sha256.of(raw), HEX_LENGTH / 2));
    }

    @Override
    public String toString() {
        return hex;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
