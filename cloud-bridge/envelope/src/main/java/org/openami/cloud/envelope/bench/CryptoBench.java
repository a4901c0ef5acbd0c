package org.openami.cloud.envelope.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openami.cloud.envelope.EnvelopeException;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.OpenedEnvelope;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageFormatException;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Telemetry;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Prints the throughput of the envelope's building blocks on this machine: AES-256-GCM through
 * the JDK and through Bouncy Castle's GCMBlockCipher for 1, 16 and 64 KiB bodies; Ed25519 sign
 * and verify through Bouncy Castle and through the JDK; over a 20 KiB message, pure Ed25519
 * (Bouncy Castle hashes the message with its own SHA-512) against Ed25519ph over a pre-hash made
 * by the JDK's SHA-512 (what the envelope does), and SHA-512 itself through the JDK and through
 * Bouncy Castle; the CBOR codec in readings per second;
 * and whole envelopes of a 500-reading telemetry body (encode+seal, open+decode), on one thread.
 * Everything runs once silently to warm the JIT up; then each figure is the best of three windows
 * over {@code ami.bench.millis} ms (default 200), after a warm-up as long. On a shared or busy
 * machine, run it again or raise the time.
 * Run: {@code java -cp target/ami-cloud-envelope-*.jar:$(cat target/classpath.txt)
 * org.openami.cloud.envelope.bench.CryptoBench}.
 */
public final class CryptoBench {

    private static final long MILLIS = Long.getLong("ami.bench.millis", 200);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long sink;
    /** False during the warm-up pass: everything runs, nothing is printed. */
    private static boolean printing;
    private static long millis;

    private CryptoBench() {
    }

    /** One operation under measurement. */
    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "CryptoBench: %s %s, %d cores, %d ms per figure%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), MILLIS);
        // a short silent pass first, so that the JIT has compiled every path (and the AES-GCM
        // intrinsics) before anything is measured
        millis = MILLIS / 4;
        printing = false;
        suite();
        millis = MILLIS;
        printing = true;
        suite();
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void suite() throws Exception {
        aesGcm();
        ed25519();
        prehash();
        codec();
        envelopes();
    }

    private static void println(String s) {
        if (printing) {
            System.out.println(s);
        }
    }

    private static void printf(String format, Object... args) {
        if (printing) {
            System.out.printf(Locale.ROOT, format, args);
        }
    }

    private static void aesGcm() throws Exception {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        println("");
        println("AES-256-GCM encrypt+decrypt (MB/s of plaintext, each way counted once)");
        printf("  %-8s %12s %12s %8s%n", "body", "JCA", "BC GCM", "JCA/BC");
        for (int size : new int[] {1024, 16 * 1024, 64 * 1024}) {
            byte[] plain = new byte[size];
            RANDOM.nextBytes(plain);
            byte[] aad = new byte[53];
            Cipher jca = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            long[] counter = {0};
            Op jcaOp = () -> {
                byte[] nonce = nonce(counter[0]++);
                jca.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                jca.updateAAD(aad);
                byte[] ct = jca.doFinal(plain);
                jca.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                jca.updateAAD(aad);
                sink += jca.doFinal(ct).length;
            };
            GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
            Op bcOp = () -> {
                byte[] nonce = nonce(counter[0]++);
                byte[] ct = bcRun(bc, true, key, nonce, aad, plain);
                sink += bcRun(bc, false, key, nonce, aad, ct).length;
            };
            double[] opsPerSecond = measurePair(jcaOp, bcOp);
            double jcaMbs = opsPerSecond[0] * size / 1e6;
            double bcMbs = opsPerSecond[1] * size / 1e6;
            printf("  %-8s %12.1f %12.1f %8.1f%n", (size / 1024) + " KiB", jcaMbs, bcMbs,
                    jcaMbs / bcMbs);
        }
    }

    private static byte[] bcRun(GCMModeCipher c, boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in)
            throws InvalidCipherTextException {
        c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[c.getOutputSize(in.length)];
        int n = c.processBytes(in, 0, in.length, out, 0);
        c.doFinal(out, n);
        return out;
    }

    private static byte[] nonce(long counter) {
        return ByteBuffer.allocate(12).putLong(4, counter).array();
    }

    private static void ed25519() throws Exception {
        println("");
        println("Ed25519 over a 1 KiB message (operations/s)");
        byte[] msg = new byte[1024];
        RANDOM.nextBytes(msg);
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(RANDOM);
        Ed25519PublicKeyParameters pub = priv.generatePublicKey();
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, priv);
        s.update(msg, 0, msg.length);
        byte[] bcSig = s.generateSignature();
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature js = Signature.getInstance("Ed25519");
        js.initSign(kp.getPrivate());
        js.update(msg);
        byte[] jdkSig = js.sign();
        Op bcSign = () -> {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, priv);
            signer.update(msg, 0, msg.length);
            sink += signer.generateSignature()[0];
        };
        Op jdkSign = () -> {
            Signature sig = Signature.getInstance("Ed25519");
            sig.initSign(kp.getPrivate());
            sig.update(msg);
            sink += sig.sign()[0];
        };
        Op bcVerify = () -> {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, pub);
            verifier.update(msg, 0, msg.length);
            sink += verifier.verifySignature(bcSig) ? 1 : 0;
        };
        Op jdkVerify = () -> {
            Signature sig = Signature.getInstance("Ed25519");
            sig.initVerify(kp.getPublic());
            sig.update(msg);
            sink += sig.verify(jdkSig) ? 1 : 0;
        };
        double[] sign = measurePair(bcSign, jdkSign);
        double[] verify = measurePair(bcVerify, jdkVerify);
        printf("  %-8s %12s %12s%n", "", "sign", "verify");
        printf("  %-8s %12.0f %12.0f%n", "BC", sign[0], verify[0]);
        printf("  %-8s %12.0f %12.0f%n", "JDK", sign[1], verify[1]);
    }

    /**
     * Pure Ed25519 against Ed25519ph (empty context) with the JDK's SHA-512 pre-hash, as
     * {@code Signatures} does it, over a 20 KiB message; and the two SHA-512 implementations.
     */
    private static void prehash() throws Exception {
        int size = 20 * 1024;
        byte[] msg = new byte[size];
        RANDOM.nextBytes(msg);
        byte[] ctx = new byte[0];
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(RANDOM);
        Ed25519PublicKeyParameters pub = priv.generatePublicKey();
        MessageDigest jdkSha = MessageDigest.getInstance("SHA-512");
        SHA512Digest bcSha = new SHA512Digest();
        byte[] pureSig = new byte[64];
        priv.sign(Ed25519.Algorithm.Ed25519, null, msg, 0, size, pureSig, 0);
        byte[] phSig = new byte[64];
        priv.sign(Ed25519.Algorithm.Ed25519ph, ctx, jdkSha.digest(msg), 0, 64, phSig, 0);
        Op pureSign = () -> {
            byte[] sig = new byte[64];
            priv.sign(Ed25519.Algorithm.Ed25519, null, msg, 0, size, sig, 0);
            sink += sig[0];
        };
        Op phSign = () -> {
            byte[] sig = new byte[64];
            jdkSha.update(msg, 0, size);
            priv.sign(Ed25519.Algorithm.Ed25519ph, ctx, jdkSha.digest(), 0, 64, sig, 0);
            sink += sig[0];
        };
        Op pureVerify = () -> sink += pub.verify(Ed25519.Algorithm.Ed25519, null, msg, 0, size, pureSig, 0) ? 1 : 0;
        Op phVerify = () -> {
            jdkSha.update(msg, 0, size);
            sink += pub.verify(Ed25519.Algorithm.Ed25519ph, ctx, jdkSha.digest(), 0, 64, phSig, 0) ? 1 : 0;
        };
        byte[] out = new byte[64];
        Op jdkHash = () -> {
            jdkSha.update(msg, 0, size);
            sink += jdkSha.digest()[0];
        };
        Op bcHash = () -> {
            bcSha.update(msg, 0, size);
            bcSha.doFinal(out, 0);
            sink += out[0];
        };
        double[] sign = measurePair(pureSign, phSign);
        double[] verify = measurePair(pureVerify, phVerify);
        double[] hash = measurePair(jdkHash, bcHash);
        println("");
        println("Ed25519 over a 20 KiB message, Bouncy Castle (operations/s, microseconds each)");
        printf("  %-28s %9s %9s %9s %9s%n", "", "sign/s", "us", "verify/s", "us");
        printf("  %-28s %9.0f %9.1f %9.0f %9.1f%n", "pure Ed25519 (BC SHA-512)", sign[0], 1e6 / sign[0], verify[0],
                1e6 / verify[0]);
        printf("  %-28s %9.0f %9.1f %9.0f %9.1f%n", "Ed25519ph (JDK SHA-512)", sign[1], 1e6 / sign[1], verify[1],
                1e6 / verify[1]);
        printf("  ph/pure %29.2f %19.2f%n", sign[1] / sign[0], verify[1] / verify[0]);
        println("SHA-512 over 20 KiB (MB/s, microseconds each)");
        printf("  %-28s %9.0f %9.1f%n", "JDK MessageDigest", hash[0] * size / 1e6, 1e6 / hash[0]);
        printf("  %-28s %9.0f %9.1f%n", "BC SHA512Digest", hash[1] * size / 1e6, 1e6 / hash[1]);
    }

    private static Telemetry telemetry(int n) {
        List<Reading> readings = new ArrayList<>(n);
        long t0 = 1_767_225_600_000L;
        for (int i = 0; i < n; i++) {
            readings.add(new Reading(1 + i % 2040, String.format("%012d", 100_000 + i % 2040), ReadingKind.CURVE,
                    Quantity.values()[i % Quantity.values().length], t0 - 900_000L * (i / 24), 1_000_000L + 37L * i,
                    t0 + 1_000 + i));
        }
        return new Telemetry(readings);
    }

    private static void codec() throws Exception {
        println("");
        Telemetry t = telemetry(500);
        byte[] body = MessageCodec.encode(t);
        double enc = measure(() -> sink += MessageCodec.encode(t).length);
        double dec = measure(() -> sink += ((Telemetry) MessageCodec.decode(MessageType.TELEMETRY, body)).readings().size());
        printf("CBOR codec, 500-reading telemetry body of %d bytes (%.1f bytes/reading)%n",
                body.length, body.length / 500.0);
        printf("  encode %10.0f readings/s%n", enc * 500);
        printf("  decode %10.0f readings/s%n", dec * 500);
        printf("  both   %10.0f readings/s%n", 500 / (1 / enc + 1 / dec));
    }

    private static void envelopes() throws Exception {
        println("");
        NodeKeys conc = NodeKeys.generate("conc-0001", 1, RANDOM);
        NodeKeys cloud = NodeKeys.generate("cloud", 1, RANDOM);
        EnvelopeSealer sealer = new EnvelopeSealer(conc, cloud.publicKeys(), "conc-0001", RANDOM);
        EnvelopeOpener opener = new EnvelopeOpener(KeyDirectory.of(List.of(cloud), List.of(conc.publicKeys())),
                Clock.systemUTC(), Duration.ofDays(1), Duration.ofMinutes(5));
        Telemetry t = telemetry(500);
        long[] seq = {1};
        byte[] env = sealer.seal(t, seq[0]++, System.currentTimeMillis());
        byte[] body = MessageCodec.encode(t);
        double seal = measure(() -> sink += sealer.seal(t, seq[0]++, System.currentTimeMillis()).length);
        double open = measure(() -> sink += openAndDecode(opener, env));
        double sealOnly = measure(() -> sink += sealer.seal(MessageType.TELEMETRY, seq[0]++,
                System.currentTimeMillis(), body).length);
        double openOnly = measure(() -> sink += opener.open(env).body().length);
        printf("Envelopes of a 500-reading telemetry body (%d bytes), one thread%n", env.length);
        printf("  encode+seal %8.0f envelopes/s (%.0f readings/s)%n", seal, seal * 500);
        printf("  open+decode %8.0f envelopes/s (%.0f readings/s)%n", open, open * 500);
        printf("  seal only   %8.0f envelopes/s (%.1f us each)%n", sealOnly, 1e6 / sealOnly);
        printf("  open only   %8.0f envelopes/s (%.1f us each)%n", openOnly, 1e6 / openOnly);
    }

    private static int openAndDecode(EnvelopeOpener opener, byte[] env) throws EnvelopeException, MessageFormatException {
        OpenedEnvelope o = opener.open(env);
        Message m = MessageCodec.decode(o.header().type(), o.body());
        return ((Telemetry) m).readings().size();
    }

    /**
     * Operations per second: a warm-up as long as the measurement, then the best of three
     * windows (the least disturbed by other processes on a shared machine).
     */
    private static double measure(Op op) throws Exception {
        run(op, millis);
        double best = 0;
        for (int window = 0; window < 3; window++) {
            long start = System.nanoTime();
            long ops = run(op, millis / 3);
            best = Math.max(best, ops / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    /**
     * Two competitors measured in alternating windows (best of three each), so that both see the
     * same share of a busy machine and their ratio stays meaningful.
     */
    private static double[] measurePair(Op a, Op b) throws Exception {
        run(a, millis);
        run(b, millis);
        double[] best = new double[2];
        for (int window = 0; window < 3; window++) {
            Op[] ops = {a, b};
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                long n = run(ops[i], millis / 3);
                best[i] = Math.max(best[i], n / ((System.nanoTime() - start) / 1e9));
            }
        }
        return best;
    }

    private static long run(Op op, long millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        long ops = 0;
        try {
            do {
                for (int i = 0; i < 8; i++) {
                    op.run();
                }
                ops += 8;
            } while (System.nanoTime() < end);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("benchmark operation failed", e);
        }
        return ops;
    }
}
