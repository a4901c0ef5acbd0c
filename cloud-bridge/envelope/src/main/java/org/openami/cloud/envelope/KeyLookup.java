package org.openami.cloud.envelope;

import java.util.Optional;

/**
 * The keys a receiver knows: its own private keys by key id, and its peers' public keys by
 * (party id, key id). Implementations must be thread-safe; {@link KeyDirectory} is the standard one.
 */
public interface KeyLookup {

    /** This party's private keys of generation {@code keyId}, if it has them. */
    Optional<NodeKeys> own(int keyId);

    /** The public keys of party {@code id}, generation {@code keyId}, if known. */
    Optional<PublicNodeKeys> peer(String id, int keyId);
}
