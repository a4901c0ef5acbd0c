package org.openami.cloud.envelope;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes key files: PEM text with two blocks, the Ed25519 key then the X25519 key,
 * preceded by "Name: value" lines carrying the party id and the key id (RFC 7468 explanatory
 * text, so OpenSSL reads the blocks too):
 *
 * <pre>
 * # comment lines and blank lines are ignored
 * Party: conc-0001
 * Key-Id: 1
 * -----BEGIN PRIVATE KEY-----      (PKCS#8 PrivateKeyInfo, Ed25519, OID 1.3.101.112)
 * -----END PRIVATE KEY-----
 * -----BEGIN PRIVATE KEY-----      (PKCS#8 PrivateKeyInfo, X25519, OID 1.3.101.110)
 * -----END PRIVATE KEY-----
 * </pre>
 *
 * Public key files are the same with "PUBLIC KEY" blocks (X.509 SubjectPublicKeyInfo). Blocks
 * are recognised by their algorithm, not their order. Private files are written with mode 600
 * where the file system is POSIX; all files are written atomically. Files over 64 KiB are
 * refused before reading.
 */
public final class KeyFiles {

    /** Largest key file read. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
    private static final String PARTY = "Party";
    private static final String KEY_ID = "Key-Id";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";

    private KeyFiles() {
    }

    /** Writes {@code keys} to {@code file} (mode 600 where POSIX, atomic). */
    public static void writePrivate(Path file, NodeKeys keys) throws KeyFileException {
        String comment = "# OpenAMI envelope keys of " + keys.id() + ", key id " + keys.keyId()
                + ": PRIVATE, keep secret.\n# Ed25519 signing key, then X25519 agreement key (PKCS#8).\n";
        try {
            write(file, comment, keys.id(), keys.keyId(), PRIVATE_KEY,
                    PrivateKeyInfoFactory.createPrivateKeyInfo(keys.signingKey()).getEncoded(),
                    PrivateKeyInfoFactory.createPrivateKeyInfo(keys.agreementKey()).getEncoded(),
                    AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes {@code keys} to {@code file} (atomic). */
    public static void writePublic(Path file, PublicNodeKeys keys) throws KeyFileException {
        String comment = "# OpenAMI envelope public keys of " + keys.id() + ", key id " + keys.keyId()
                + ", fingerprint " + keys.fingerprint() + "\n# Ed25519 signing key, then X25519 agreement key.\n";
        try {
            write(file, comment, keys.id(), keys.keyId(), PUBLIC_KEY,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                            new Ed25519PublicKeyParameters(keys.signingKeyRef(), 0)).getEncoded(),
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                            new X25519PublicKeyParameters(keys.agreementKeyRef(), 0)).getEncoded(),
                    AtomicFiles.WORLD_READABLE);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Reads private keys written by {@link #writePrivate}. Logs a warning if group or others may
     * read the file.
     */
    public static NodeKeys readPrivate(Path file) throws KeyFileException {
        Parsed p = parse(file, PRIVATE_KEY);
        Ed25519PrivateKeyParameters signing = null;
        X25519PrivateKeyParameters agreement = null;
        for (int i = 0; i < p.blocks.size(); i++) {
            AsymmetricKeyParameter key;
            byte[] embeddedPublic;
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(p.blocks.get(i));
                key = PrivateKeyFactory.createKey(info);
                embeddedPublic = info.getPublicKeyData() == null ? null : info.getPublicKeyData().getOctets();
            } catch (IOException | RuntimeException e) {
                throw new KeyFileException(file, "block " + (i + 1) + " is not a PKCS#8 private key ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (embeddedPublic != null && !Arrays.equals(embeddedPublic, publicOf(key))) {
                throw new KeyFileException(file, "block " + (i + 1) + ": the public key inside does not match the private key");
            }
            if (key instanceof Ed25519PrivateKeyParameters k && signing == null) {
                signing = k;
            } else if (key instanceof X25519PrivateKeyParameters k && agreement == null) {
                agreement = k;
            } else {
                throw new KeyFileException(file, "block " + (i + 1) + " is a second or unexpected key ("
                        + key.getClass().getSimpleName() + "); expected one Ed25519 and one X25519 key");
            }
        }
        if (signing == null || agreement == null) {
            throw new KeyFileException(file, "needs one Ed25519 and one X25519 private key");
        }
        warnIfShared(file);
        try {
            return new NodeKeys(p.party, p.keyId, signing, agreement);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "invalid keys: " + e.getMessage());
        }
    }

    /** Reads public keys written by {@link #writePublic}. */
    public static PublicNodeKeys readPublic(Path file) throws KeyFileException {
        Parsed p = parse(file, PUBLIC_KEY);
        byte[] signing = null;
        byte[] agreement = null;
        for (int i = 0; i < p.blocks.size(); i++) {
            AsymmetricKeyParameter key;
            try {
                key = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(p.blocks.get(i)));
            } catch (IOException | RuntimeException e) {
                throw new KeyFileException(file, "block " + (i + 1) + " is not a SubjectPublicKeyInfo public key ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (key instanceof Ed25519PublicKeyParameters k && signing == null) {
                signing = k.getEncoded();
            } else if (key instanceof X25519PublicKeyParameters k && agreement == null) {
                agreement = k.getEncoded();
            } else {
                throw new KeyFileException(file, "block " + (i + 1) + " is a second or unexpected key ("
                        + key.getClass().getSimpleName() + "); expected one Ed25519 and one X25519 key");
            }
        }
        if (signing == null || agreement == null) {
            throw new KeyFileException(file, "needs one Ed25519 and one X25519 public key");
        }
        try {
            return new PublicNodeKeys(p.party, p.keyId, signing, agreement);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "invalid keys: " + e.getMessage());
        }
    }

    /** The public key of an Ed25519 or X25519 private key, or null for other keys. */
    private static byte[] publicOf(AsymmetricKeyParameter key) {
        if (key instanceof Ed25519PrivateKeyParameters k) {
            return k.generatePublicKey().getEncoded();
        }
        if (key instanceof X25519PrivateKeyParameters k) {
            return k.generatePublicKey().getEncoded();
        }
        return null;
    }

    private static void write(Path file, String comment, String party, int keyId, String pemType, byte[] signing,
                              byte[] agreement, Set<PosixFilePermission> permissions) throws IOException {
        StringWriter text = new StringWriter();
        text.write(comment);
        text.write(PARTY + ": " + party + "\n");
        text.write(KEY_ID + ": " + keyId + "\n");
        try (PemWriter pem = new PemWriter(text)) {
            pem.writeObject(new PemObject(pemType, signing));
            pem.writeObject(new PemObject(pemType, agreement));
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.US_ASCII), permissions);
    }

    private record Parsed(String party, int keyId, List<byte[]> blocks) {
    }

    private static Parsed parse(Path file, String pemType) throws KeyFileException {
        String text;
        try {
            byte[] bytes = AtomicFiles.readBounded(file, MAX_FILE_BYTES);
            text = StandardCharsets.US_ASCII.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KeyFileException(file, "not ASCII text");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        int firstBlock = -1;
        for (int i = 0; i < lines.length && firstBlock < 0; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.startsWith("-----BEGIN ")) {
                firstBlock = i;
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon) : "";
                if (!name.equals(PARTY) && !name.equals(KEY_ID)) {
                    throw new KeyFileException(file, "line " + (i + 1) + ": expected \"Party: <id>\", \"Key-Id: <n>\","
                            + " a comment or a PEM block");
                }
                if (attributes.put(name, line.substring(colon + 1).trim()) != null) {
                    throw new KeyFileException(file, "line " + (i + 1) + ": " + name + " given twice");
                }
            }
        }
        String party = attributes.get(PARTY);
        if (party == null) {
            throw new KeyFileException(file, "no \"Party: <id>\" line before the keys");
        }
        String problem = EnvelopeFormat.partyIdProblem(party);
        if (problem != null) {
            throw new KeyFileException(file, "Party: " + problem);
        }
        String keyIdText = attributes.get(KEY_ID);
        if (keyIdText == null) {
            throw new KeyFileException(file, "no \"Key-Id: <n>\" line before the keys");
        }
        int keyId = parseKeyId(keyIdText);
        if (keyId < 0) {
            throw new KeyFileException(file, "Key-Id: \"" + (keyIdText.length() > 12 ? keyIdText.substring(0, 12) + "..."
                    : keyIdText) + "\" is not a number in 0..2147483647");
        }
        if (firstBlock < 0) {
            throw new KeyFileException(file, "no PEM block");
        }
        List<byte[]> blocks = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (int i = firstBlock; i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        try (PemReader reader = new PemReader(new StringReader(rest.toString()))) {
            for (PemObject o; (o = reader.readPemObject()) != null; ) {
                if (!o.getType().equals(pemType)) {
                    throw new KeyFileException(file, "block " + (blocks.size() + 1) + " is \"" + o.getType()
                            + "\", expected \"" + pemType + "\"");
                }
                if (blocks.size() == 2) {
                    throw new KeyFileException(file, "more than two PEM blocks");
                }
                blocks.add(o.getContent());
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file, "bad PEM block (" + e.getClass().getSimpleName() + ")");
        }
        if (blocks.size() != 2) {
            throw new KeyFileException(file, blocks.size() + " PEM block(s), expected 2");
        }
        return new Parsed(party, keyId, blocks);
    }

    /** A key id in 0..2^31-1 written in plain decimal, or -1. */
    static int parseKeyId(String s) {
        if (s.isEmpty() || s.length() > 10 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static void warnIfShared(Path file) {
        try {
            if (AtomicFiles.posix(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                    LOG.warn("private key file {} is accessible to group or others ({}); it should be mode 600",
                            file, java.nio.file.attribute.PosixFilePermissions.toString(perms));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot read the permissions of {}", file, e);
        }
    }
}
