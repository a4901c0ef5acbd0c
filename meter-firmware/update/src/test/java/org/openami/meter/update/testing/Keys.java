package org.openami.meter.update.testing;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.openami.meter.update.keys.SigningKey;

/** Reproducible test keys. */
public final class Keys {

    private Keys() {
    }

    /** A deterministic random source (SHA1PRNG seeded before first use). */
    public static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key for the same seed. */
    public static SigningKey key(long seed) {
        return SigningKey.generate(random(seed));
    }
}
