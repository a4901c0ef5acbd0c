package org.openami.meter.update.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK (every Java SE runtime has it). */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest; not thread-safe, like every {@link MessageDigest}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by Java SE", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }
}
