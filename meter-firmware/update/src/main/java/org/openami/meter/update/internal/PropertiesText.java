package org.openami.meter.update.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a map as a deterministic, ASCII-only {@code .properties} text (sorted keys, no date
 * comment, everything outside printable ASCII as {@code \\uXXXX}) that {@link Properties#load}
 * reads back unchanged. Stateless and thread-safe.
 */
public final class PropertiesText {

    private PropertiesText() {
    }

    /** The text for {@code values}; keys must be printable ASCII without {@code = : # ! \} or spaces. */
    public static byte[] write(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            checkKey(e.getKey());
            sb.append(e.getKey()).append('=');
            escapeValue(e.getValue(), sb);
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads text written by {@link #write} (or any valid properties text). */
    public static SortedMap<String, String> read(byte[] text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(text, StandardCharsets.ISO_8859_1)));
        SortedMap<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~' || "=:#!\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported character in key " + key);
            }
        }
    }

    private static void escapeValue(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == ' ' && i == 0) {
                sb.append("\\ ");
            } else if (c < ' ' || c > '~') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }
}
