package org.openami.cloud.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of the PKI with Bouncy Castle's {@link PEMParser} and
 * {@link JcaPEMWriter}: certificates (one, or a chain leaf first), private keys (unencrypted
 * PKCS#8 {@code PRIVATE KEY}; OpenSSL's {@code EC PRIVATE KEY} is accepted on reading) and
 * PKCS#10 certificate requests.
 *
 * <p>Reading treats the file as untrusted: at most {@value #MAX_FILE_BYTES} bytes are read and
 * at most {@value #MAX_BLOCKS} PEM blocks parsed; an empty file, a file without PEM, a damaged
 * block, or a block of another type than asked for is a {@link PkiException} naming the file
 * and the problem. Text outside the PEM blocks (comments, {@code openssl x509 -text} output) is
 * ignored.
 *
 * <p>Writing is atomic (temporary file, fsync, rename): a reader sees the old file or the new
 * one. Private keys are written with mode 600 where the file system is POSIX. Missing parent
 * directories are created. Keys come from and go to the platform's default JCA providers.
 */
public final class PemFiles {

    /** The largest PEM file read: generous for a certificate chain, small enough to be harmless. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** The most PEM blocks parsed from one file (the longest accepted certificate chain). */
    public static final int MAX_BLOCKS = 16;

    private PemFiles() {
    }

    /**
     * @return the first certificate of the file (the leaf of a chain)
     * @throws PkiException the file is missing, unreadable, holds no certificate or anything else
     */
    public static X509Certificate readCertificate(Path file) throws PkiException {
        return readCertificates(file).get(0);
    }

    /**
     * @return every certificate of the file in file order (a chain is written leaf first), at least one
     * @throws PkiException the file is missing, unreadable, or holds no certificate or anything else
     */
    public static List<X509Certificate> readCertificates(Path file) throws PkiException {
        List<Object> blocks = readBlocks(file);
        List<X509Certificate> certs = new ArrayList<>(blocks.size());
        for (Object o : blocks) {
            if (!(o instanceof X509CertificateHolder holder)) {
                throw wrongType(file, o, "certificates");
            }
            certs.add(toCertificate(holder, file.toString()));
        }
        return List.copyOf(certs);
    }

    /**
     * @return the unencrypted private key the file holds
     * @throws PkiException missing or unreadable file, an encrypted key, several blocks, another type
     */
    public static PrivateKey readPrivateKey(Path file) throws PkiException {
        Object o = single(file, "a private key");
        try {
            if (o instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException | RuntimeException e) {
            // the converter's message may quote the key's encoding: keep only the type of failure
            throw new PkiException(file + ": the private key cannot be decoded (" + e.getClass().getSimpleName() + ")");
        }
        throw wrongType(file, o, "a private key");
    }

    /**
     * @return the certificate request the file holds (its signature is not checked here)
     * @throws PkiException missing or unreadable file, several blocks, another type
     */
    public static PKCS10CertificationRequest readCertificationRequest(Path file) throws PkiException {
        Object o = single(file, "a certificate request");
        if (o instanceof PKCS10CertificationRequest csr) {
            return csr;
        }
        throw wrongType(file, o, "a certificate request");
    }

    /**
     * Parses a certificate request received as text (pasted, or from a message) rather than a file.
     *
     * @param pem    the PEM text, at most {@value #MAX_FILE_BYTES} characters
     * @param source what to call the text in error messages
     */
    public static PKCS10CertificationRequest parseCertificationRequest(String pem, String source) throws PkiException {
        Objects.requireNonNull(pem, "pem");
        if (pem.length() > MAX_FILE_BYTES) {
            throw new PkiException(source + ": longer than " + MAX_FILE_BYTES + " characters");
        }
        List<Object> blocks = parse(pem, source);
        if (blocks.size() != 1 || !(blocks.get(0) instanceof PKCS10CertificationRequest csr)) {
            throw new PkiException(source + ": expected exactly one certificate request, found " + describe(blocks));
        }
        return csr;
    }

    /**
     * Every block of a PEM file, converted: {@link X509Certificate}, {@link PKCS10CertificationRequest},
     * {@link PublicKey}, or {@link PrivateKey}. For tools that show whatever a file holds.
     *
     * @throws PkiException missing, unreadable, empty or damaged file, or an unsupported block type
     */
    public static List<Object> readObjects(Path file) throws PkiException {
        List<Object> out = new ArrayList<>();
        for (Object o : readBlocks(file)) {
            try {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(toCertificate(holder, file.toString()));
                } else if (o instanceof PKCS10CertificationRequest csr) {
                    out.add(csr);
                } else if (o instanceof SubjectPublicKeyInfo spki) {
                    out.add(new JcaPEMKeyConverter().getPublicKey(spki));
                } else if (o instanceof PrivateKeyInfo info) {
                    out.add(new JcaPEMKeyConverter().getPrivateKey(info));
                } else if (o instanceof PEMKeyPair pair) {
                    out.add(new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo()));
                } else {
                    throw new PkiException(file + ": holds " + describe(o) + ", which is not supported");
                }
            } catch (IOException | RuntimeException e) {
                throw new PkiException(file + ": " + describe(o) + " cannot be decoded (" + e.getClass().getSimpleName() + ")");
            }
        }
        return List.copyOf(out);
    }

    /** Writes one certificate. */
    public static void writeCertificate(Path file, X509Certificate certificate) throws PkiException {
        writeCertificates(file, List.of(certificate));
    }

    /** Writes a chain, leaf first. */
    public static void writeCertificates(Path file, List<X509Certificate> chain) throws PkiException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate to write to " + file);
        }
        write(file, encode(chain.toArray()), false, false);
    }

    /** Writes a private key as unencrypted PKCS#8, mode 600, replacing the file if it exists. */
    public static void writePrivateKey(Path file, PrivateKey key) throws PkiException {
        write(file, encodeKey(file, key), true, false);
    }

    /** Writes a certificate request. */
    public static void writeCertificationRequest(Path file, PKCS10CertificationRequest csr) throws PkiException {
        write(file, encode(new Object[] {csr}), false, false);
    }

    /** @return the certificate as PEM text */
    public static String toPem(X509Certificate certificate) {
        return new String(encodeUnchecked(new Object[] {certificate}), StandardCharsets.US_ASCII);
    }

    /** @return the request as PEM text */
    public static String toPem(PKCS10CertificationRequest csr) {
        return new String(encodeUnchecked(new Object[] {csr}), StandardCharsets.US_ASCII);
    }

    /** Writes a private key (mode 600) only if the file does not exist yet. */
    static void createPrivateKey(Path file, PrivateKey key) throws PkiException {
        write(file, encodeKey(file, key), true, true);
    }

    /** Writes a certificate only if the file does not exist yet. */
    static void createCertificate(Path file, X509Certificate certificate) throws PkiException {
        write(file, encode(new Object[] {certificate}), false, true);
    }

    // ---------------------------------------------------------------------------------------

    private static byte[] encodeKey(Path file, PrivateKey key) throws PkiException {
        try {
            return encode(new Object[] {new JcaPKCS8Generator(key, null)});
        } catch (IOException | RuntimeException e) {
            throw new PkiException(file + ": the private key cannot be encoded as PKCS#8 (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] encode(Object[] objects) throws PkiException {
        try {
            return encodeChecked(objects);
        } catch (IOException e) {
            throw new PkiException("cannot encode PEM: " + e.getMessage(), e);
        }
    }

    private static byte[] encodeUnchecked(Object[] objects) {
        try {
            return encodeChecked(objects);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM: " + e.getMessage(), e);
        }
    }

    private static byte[] encodeChecked(Object[] objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(Path file, byte[] data, boolean ownerOnly, boolean createNew) throws PkiException {
        try {
            AtomicFiles.write(file, data, ownerOnly, createNew);
        } catch (FileAlreadyExistsException e) {
            throw new PkiException(file + ": already exists, not overwritten", e);
        } catch (AccessDeniedException e) {
            throw new PkiException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new PkiException(file + ": cannot write (" + e + ")", e);
        }
    }

    private static Object single(Path file, String expected) throws PkiException {
        List<Object> blocks = readBlocks(file);
        if (blocks.size() != 1) {
            throw new PkiException(file + ": expected " + expected + " alone, found " + describe(blocks));
        }
        return blocks.get(0);
    }

    private static List<Object> readBlocks(Path file) throws PkiException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        if (Files.isDirectory(file)) {
            throw new PkiException(file + ": is a directory, not a PEM file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new PkiException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new PkiException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new PkiException(file + ": cannot read (" + e + ")", e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new PkiException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a PEM file of this PKI");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new PkiException(file + ": is empty");
        }
        return parse(text, file.toString());
    }

    private static List<Object> parse(String text, String source) throws PkiException {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (blocks.size() == MAX_BLOCKS) {
                    throw new PkiException(source + ": more than " + MAX_BLOCKS + " PEM blocks");
                }
                blocks.add(o);
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PkiException(source + ": damaged or unsupported PEM block (" + firstLine(why) + ")");
        }
        if (blocks.isEmpty()) {
            throw new PkiException(source + ": holds no PEM block (no -----BEGIN line)");
        }
        return blocks;
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder, String source) throws PkiException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException | RuntimeException e) {
            throw new PkiException(source + ": certificate cannot be decoded (" + firstLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static PkiException wrongType(Path file, Object found, String expected) {
        return new PkiException(file + ": holds " + describe(found) + ", expected " + expected);
    }

    private static String describe(List<Object> blocks) {
        if (blocks.size() == 1) {
            return describe(blocks.get(0));
        }
        StringBuilder sb = new StringBuilder().append(blocks.size()).append(" blocks (");
        for (int i = 0; i < blocks.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(describe(blocks.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String describe(Object o) {
        if (o instanceof X509CertificateHolder) {
            return "a certificate";
        }
        if (o instanceof PKCS10CertificationRequest) {
            return "a certificate request";
        }
        if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair) {
            return "a private key";
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
            return "an encrypted private key (not supported)";
        }
        if (o instanceof SubjectPublicKeyInfo) {
            return "a public key";
        }
        if (o instanceof X509CRLHolder) {
            return "a CRL";
        }
        return "a " + o.getClass().getSimpleName() + " block";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
