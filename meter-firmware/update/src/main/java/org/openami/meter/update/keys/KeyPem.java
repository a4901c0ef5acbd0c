package org.openami.meter.update.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text for Ed25519 keys: private keys as PKCS#8 {@code PRIVATE KEY}, public keys as
 * X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}, exactly the forms OpenSSL writes with
 * {@code openssl genpkey -algorithm ed25519} (the private key as PKCS#8 v1, RFC 8410). Both
 * PKCS#8 v1 and v2 are read. Stateless and thread-safe.
 *
 * <p>Decoding failures are {@link IOException}s whose messages never contain key material.
 */
public final class KeyPem {

    /** PEM type of a PKCS#8 private key. */
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    /** PEM type of a SubjectPublicKeyInfo public key. */
    public static final String PUBLIC_KEY = "PUBLIC KEY";

    /** id-Ed25519 (RFC 8410). */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private KeyPem() {
    }

    /** PKCS#8 {@code PRIVATE KEY} PEM text. Treat the result as secret. */
    public static String encode(SigningKey key) throws IOException {
        // PKCS#8 v1 (RFC 8410 form, no embedded public key): Bouncy Castle's factory writes v2,
        // which OpenSSL 3.0 does not read
        byte[] raw = key.parameters().getEncoded();
        byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519),
                new DEROctetString(raw)).getEncoded();
        Arrays.fill(raw, (byte) 0);
        try {
            return pem(PRIVATE_KEY, der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** SubjectPublicKeyInfo {@code PUBLIC KEY} PEM text. */
    public static String encode(VerificationKey key) throws IOException {
        return pem(PUBLIC_KEY, SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.parameters()).getEncoded());
    }

    /** The type of the first PEM object in {@code text} (e.g. {@value #PUBLIC_KEY}). */
    public static String type(String text) throws IOException {
        return read(text).getType();
    }

    /** Decodes a {@code PRIVATE KEY} holding an Ed25519 key. */
    public static SigningKey decodeSigningKey(String text) throws IOException {
        PemObject pem = expect(read(text), PRIVATE_KEY);
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(pem.getContent());
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a valid PKCS#8 private key");
        } finally {
            Arrays.fill(pem.getContent(), (byte) 0);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
            throw new IOException("the private key is not an Ed25519 key");
        }
        return new SigningKey(ed);
    }

    /** Decodes a {@code PUBLIC KEY} holding an Ed25519 key. */
    public static VerificationKey decodeVerificationKey(String text) throws IOException {
        PemObject pem = expect(read(text), PUBLIC_KEY);
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(pem.getContent());
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a valid SubjectPublicKeyInfo public key");
        }
        if (!(key instanceof Ed25519PublicKeyParameters ed)) {
            throw new IOException("the public key is not an Ed25519 key");
        }
        return new VerificationKey(ed);
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    private static PemObject read(String text) throws IOException {
        PemObject pem;
        try (PemReader r = new PemReader(new StringReader(text))) {
            pem = r.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a PEM file");
        }
        if (pem == null) {
            throw new IOException("no PEM object found");
        }
        return pem;
    }

    private static PemObject expect(PemObject pem, String type) throws IOException {
        if (!type.equals(pem.getType())) {
            throw new IOException("expected a PEM '" + type + "' but found '" + pem.getType() + "'");
        }
        return pem;
    }
}
