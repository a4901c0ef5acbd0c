package org.openami.meter.update;

import static org.openami.meter.update.FirmwarePackageException.Reason.MALFORMED_MANIFEST;
import static org.openami.meter.update.FirmwarePackageException.Reason.TOO_LARGE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openami.meter.update.keys.KeyId;

/** Writes and strictly parses the canonical {@code manifest.properties} text. Stateless. */
final class ManifestCodec {

    private static final String KEY_ID = "key-id";
    private static final Pattern KEY = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,15}");

    private ManifestCodec() {
    }

    static byte[] write(FirmwareManifest m) {
        StringBuilder sb = new StringBuilder();
        line(sb, "format", Integer.toString(m.format()));
        line(sb, "product", m.product());
        line(sb, "version", m.version().toString());
        line(sb, "build-time", m.buildTime().toString());
        line(sb, "main-class", m.mainClass());
        line(sb, "health-args.count", Integer.toString(m.healthCheckArgs().size()));
        for (int i = 0; i < m.healthCheckArgs().size(); i++) {
            line(sb, "health-args." + i, m.healthCheckArgs().get(i));
        }
        line(sb, KEY_ID, m.keyId().hex());
        line(sb, "file.count", Integer.toString(m.files().size()));
        for (int i = 0; i < m.files().size(); i++) {
            PayloadFile f = m.files().get(i);
            line(sb, "file." + i + ".path", f.path());
            line(sb, "file." + i + ".size", Long.toString(f.size()));
            line(sb, "file." + i + ".sha256", f.sha256());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Finds the key id without trusting the rest of the manifest, so the signature can be
     * checked before anything else is interpreted.
     */
    static KeyId peekKeyId(byte[] bytes) throws FirmwarePackageException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String value = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(KEY_ID + "=")) {
                if (value != null) {
                    throw bad(KEY_ID, "appears more than once");
                }
                value = line.substring(KEY_ID.length() + 1);
            }
        }
        if (value == null) {
            throw bad(KEY_ID, "missing");
        }
        try {
            return KeyId.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad(KEY_ID, e.getMessage());
        }
    }

    static FirmwareManifest parse(byte[] bytes) throws FirmwarePackageException {
        if (bytes.length > PackageLayout.MAX_MANIFEST_BYTES) {
            throw new FirmwarePackageException(TOO_LARGE, PackageLayout.MANIFEST, "larger than "
                    + PackageLayout.MAX_MANIFEST_BYTES + " bytes");
        }
        Fields fields = new Fields(lines(decode(bytes)));
        String format = fields.take("format");
        if (!format.equals(Integer.toString(PackageLayout.FORMAT))) {
            throw bad("format", "unsupported format '" + format + "' (this code reads format " + PackageLayout.FORMAT + ")");
        }
        String product = fields.take("product");
        FirmwareVersion version = version(fields.take("version"));
        Instant buildTime = instant(fields.take("build-time"));
        String mainClass = fields.take("main-class");
        int argc = count("health-args.count", fields.take("health-args.count"), PackageLayout.MAX_HEALTH_ARGS);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            args.add(fields.take("health-args." + i));
        }
        KeyId keyId = keyId(fields.take(KEY_ID));
        int fileCount = count("file.count", fields.take("file.count"), PackageLayout.MAX_FILES);
        List<PayloadFile> files = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            String path = fields.take("file." + i + ".path");
            long size = size("file." + i + ".size", fields.take("file." + i + ".size"));
            PayloadFile f = new PayloadFile(path, size, fields.take("file." + i + ".sha256"));
            ManifestRules.checkFile("file." + i, f); // named by its line in the text, before sorting
            files.add(f);
        }
        fields.requireEmpty();
        FirmwareManifest m = build(Integer.parseInt(format), product, version, buildTime, mainClass, args, keyId, files);
        if (!Arrays.equals(m.toBytes(), bytes)) {
            throw bad(PackageLayout.MANIFEST, "not in canonical form (key order, file order, number or escape form"
                    + " differ from what the packager writes)");
        }
        return m;
    }

    private static FirmwareManifest build(int format, String product, FirmwareVersion version, Instant buildTime,
            String mainClass, List<String> args, KeyId keyId, List<PayloadFile> files) throws FirmwarePackageException {
        try {
            return new FirmwareManifest(format, product, version, buildTime, mainClass, args, keyId, files);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof FirmwarePackageException fpe) {
                throw fpe;
            }
            throw bad(PackageLayout.MANIFEST, e.getMessage());
        }
    }

    private static String decode(byte[] bytes) throws FirmwarePackageException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(PackageLayout.MANIFEST, "not valid UTF-8");
        }
    }

    private static Map<String, String> lines(String text) throws FirmwarePackageException {
        if (!text.endsWith("\n")) {
            throw bad(PackageLayout.MANIFEST, "must end with a line feed");
        }
        if (text.indexOf('\r') >= 0) {
            throw bad(PackageLayout.MANIFEST, "contains a carriage return (line ends must be \\n)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int eq = line.indexOf('=');
            if (eq <= 0 || !KEY.matcher(line.substring(0, eq)).matches()) {
                throw bad(PackageLayout.MANIFEST, "line " + (i + 1) + " is not key=value");
            }
            String key = line.substring(0, eq);
            if (map.put(key, unescape(key, line.substring(eq + 1))) != null) {
                throw bad(key, "appears more than once");
            }
        }
        return map;
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == ' ' && i == 0) {
                sb.append("\\ ");
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    private static String unescape(String key, String raw) throws FirmwarePackageException {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
            if (next != '\\' && next != ' ') {
                throw bad(key, "unsupported escape (only \\\\ and a leading '\\ ' are allowed)");
            }
            sb.append(next);
            i++;
        }
        return sb.toString();
    }

    private static FirmwareVersion version(String text) throws FirmwarePackageException {
        try {
            return FirmwareVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad("version", e.getMessage());
        }
    }

    private static Instant instant(String text) throws FirmwarePackageException {
        try {
            if (!text.endsWith("Z")) {
                throw bad("build-time", "'" + text + "' is not an ISO-8601 UTC instant ending in Z");
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw bad("build-time", "'" + text + "' is not an ISO-8601 UTC instant");
        }
    }

    private static KeyId keyId(String text) throws FirmwarePackageException {
        try {
            return KeyId.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(KEY_ID, e.getMessage());
        }
    }

    private static int count(String field, String text, int max) throws FirmwarePackageException {
        if (!COUNT.matcher(text).matches()) {
            throw bad(field, "'" + text + "' is not a count");
        }
        int n = Integer.parseInt(text);
        if (n > max) {
            throw bad(field, n + " is more than the limit " + max);
        }
        return n;
    }

    private static long size(String field, String text) throws FirmwarePackageException {
        if (!SIZE.matcher(text).matches()) {
            throw bad(field, "'" + text + "' is not a size in bytes");
        }
        return Long.parseLong(text);
    }

    private static FirmwarePackageException bad(String field, String detail) {
        return new FirmwarePackageException(MALFORMED_MANIFEST, field, detail);
    }

    /** The key=value lines, consumed field by field. */
    private static final class Fields {
        private final Map<String, String> map;

        Fields(Map<String, String> map) {
            this.map = map;
        }

        String take(String key) throws FirmwarePackageException {
            String v = map.remove(key);
            if (v == null) {
                throw bad(key, "missing");
            }
            return v;
        }

        void requireEmpty() throws FirmwarePackageException {
            if (!map.isEmpty()) {
                throw bad(map.keySet().iterator().next(), "unknown key");
            }
        }
    }
}
