package org.openami.dlt645.control;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;
import org.openami.dlt645.MeterAddress;

/**
 * The authentication code of a 1CH command, standing in for a real meter's ESAM:
 * HMAC-SHA256 (Bouncy Castle) with the meter's own key over a domain tag, the target
 * address and the command fields, truncated to {@value #MAC_SIZE} bytes.
 *
 * <p>Per-meter keys are diversified from a master key with HKDF-SHA256
 * ({@link #meterKey}), as a key-management system diversifies ESAM keys: a meter holds
 * only its own key, so one opened meter reveals nothing about the others. Stateless and
 * thread-safe.
 */
public final class RelayCommandAuthenticator {

    public static final int MAC_SIZE = 16;
    public static final int KEY_SIZE = 32;
    private static final byte[] DOMAIN = "openami-1C-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HKDF_SALT = "openami-meter-key-v1".getBytes(StandardCharsets.US_ASCII);

    private RelayCommandAuthenticator() {
    }

    /** The MAC over {@code fields} (the command bytes it protects) for {@code target}. */
    public static byte[] mac(byte[] meterKey, MeterAddress target, byte[] fields) {
        checkKey(meterKey);
        HMac h = new HMac(new SHA256Digest());
        h.init(new KeyParameter(meterKey));
        h.update(DOMAIN, 0, DOMAIN.length);
        byte[] a = target.toWire();
        h.update(a, 0, a.length);
        h.update(fields, 0, fields.length);
        byte[] full = new byte[h.getMacSize()];
        h.doFinal(full, 0);
        return Arrays.copyOf(full, MAC_SIZE);
    }

    /** Constant-time check of a received MAC. */
    public static boolean verify(byte[] meterKey, MeterAddress target, byte[] fields, byte[] mac) {
        return mac.length == MAC_SIZE && Arrays.constantTimeAreEqual(mac(meterKey, target, fields), mac);
    }

    /** The key of meter {@code address} diversified from {@code masterKey} (HKDF-SHA256, info = address). */
    public static byte[] meterKey(byte[] masterKey, MeterAddress address) {
        if (masterKey.length < 16) {
            throw new IllegalArgumentException("a master key needs at least 16 bytes");
        }
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(masterKey, HKDF_SALT, address.toWire()));
        byte[] k = new byte[KEY_SIZE];
        g.generateBytes(k, 0, k.length);
        return k;
    }

    private static void checkKey(byte[] k) {
        if (k.length != KEY_SIZE) {
            throw new IllegalArgumentException("a meter key is " + KEY_SIZE + " bytes");
        }
    }
}
