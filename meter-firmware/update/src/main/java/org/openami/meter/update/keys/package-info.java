/**
 * Ed25519 firmware signing keys (Bouncy Castle lightweight API).
 * <ul>
 *   <li>{@link org.openami.meter.update.keys.SigningKey} (private, signs) and
 *       {@link org.openami.meter.update.keys.VerificationKey} (public, verifies), both named by
 *       a {@link org.openami.meter.update.keys.KeyId}: the first 8 bytes of SHA-256 of the raw
 *       32-byte public key, in hex.</li>
 *   <li>{@link org.openami.meter.update.keys.KeyPem} converts them to and from PEM
 *       (PKCS#8 {@code PRIVATE KEY}, SubjectPublicKeyInfo {@code PUBLIC KEY});
 *       {@link org.openami.meter.update.keys.KeyFiles} reads and writes key files (private keys
 *       owner-only).</li>
 *   <li>{@link org.openami.meter.update.keys.TrustedKeys} is the set a meter accepts, loaded
 *       from a directory of {@code *.pem} public keys.</li>
 * </ul>
 * No key material is ever logged or shown by {@code toString()}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.meter.update.keys;
