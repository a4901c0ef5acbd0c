package org.openami.cloud.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, through the JDK's provider
 * ("AES/GCM/NoPadding"; it uses the CPU's AES and carry-less multiply instructions, see
 * docs/envelope.md for the measurements against Bouncy Castle's GCMBlockCipher). One Cipher per
 * thread.
 */
final class Aead {

    private static final int TAG_BITS = EnvelopeFormat.TAG_BYTES * 8;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(Aead::newCipher);

    private Aead() {
    }

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} into {@code out} at {@code outOff} (ciphertext then
     * tag, inLen + 16 bytes), authenticating {@code out[0, aadLen)} as additional data.
     */
    static void seal(SecretKeySpec key, byte[] nonce, byte[] out, int aadLen, byte[] in, int inOff, int inLen,
                     int outOff) {
        try {
            Cipher c = init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(out, 0, aadLen);
            c.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts {@code env[ctOff, ctOff+ctLen)} (ciphertext then tag) with the nonce at
     * {@code nonceOff}, authenticating {@code env[0, aadLen)}.
     *
     * @throws GeneralSecurityException if the tag does not verify ({@link javax.crypto.AEADBadTagException})
     */
    static byte[] open(SecretKeySpec key, byte[] env, int nonceOff, int aadLen, int ctOff, int ctLen)
            throws GeneralSecurityException {
        Cipher c = init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, env, nonceOff, EnvelopeFormat.NONCE_BYTES));
        c.updateAAD(env, 0, aadLen);
        return c.doFinal(env, ctOff, ctLen);
    }

    private static Cipher init(int mode, SecretKeySpec key, GCMParameterSpec spec) throws GeneralSecurityException {
        Cipher c = CIPHER.get();
        try {
            c.init(mode, key, spec);
        } catch (InvalidAlgorithmParameterException e) {
            // the JDK refuses to encrypt twice in a row with the same key and nonce on one Cipher
            // (only fixed-nonce test vectors do that): start from a fresh Cipher
            c = newCipher();
            c.init(mode, key, spec);
            CIPHER.set(c);
        }
        return c;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
    }
}
