package org.openami.concentrator.launcher;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The standalone gateway's configuration file: the ConfigAdmin configurations to apply.
 *
 * <pre>{@code
 * {"configurations": [
 *   {"pid": "org.openami.concentrator.archive", "properties": {"file": "meters.csv"}},
 *   {"factoryPid": "org.openami.concentrator.channel.rs485", "name": "rs485-1",
 *    "properties": {"port": "/dev/ttyUSB0", "baud": 2400}}
 * ]}
 * }</pre>
 *
 * <p>Shape: one top-level key, {@code configurations}, an array. Each entry has either
 * {@code pid} (a singleton configuration) or {@code factoryPid} and {@code name} (a named
 * factory configuration; re-applying the file finds the same one again), and optionally
 * {@code properties}. Any other key is refused.
 *
 * <p>Values: strings; integers (an {@code Integer} when it fits, else a {@code Long}; the
 * Metatype check later converts to the declared type); booleans; arrays whose elements are all
 * strings, all integers or all booleans. Decimal numbers are refused: the project keeps
 * integers at every boundary, so a property takes an integer in the unit its name says (Wh,
 * minor currency units, milliseconds) or a string. {@code null} and nested objects are
 * refused. Strings are taken as they are: a relative file path stays relative and the
 * component resolves it (against the working directory of the gateway).
 *
 * <p>Limits: at most {@value #MAX_BYTES} bytes; property keys and PIDs must be OSGi symbolic
 * names; keys starting {@code service.}, {@code component.}, {@code osgi.}, {@code felix.} or
 * {@code openami.launcher.} are reserved. Every problem found is reported, each naming the
 * entry index and property.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigFile {

    /** Largest file accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("configurations");
    private static final Set<String> ENTRY_KEYS = Set.of("pid", "factoryPid", "name", "properties");
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern FACTORY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern PROPERTY_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final List<String> RESERVED_PREFIXES =
            List.of("service.", "component.", "osgi.", "felix.", "openami.launcher.");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String source;
    private final List<ConfigEntry> entries;

    /**
     * @param source the file name, for messages
     * @param entries the configurations in file order
     */
    public ConfigFile(String source, List<ConfigEntry> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads and checks a configuration file. Blocks on file I/O.
     *
     * @throws ConfigFileException if the file is missing, unreadable, larger than
     *         {@value #MAX_BYTES} bytes, not JSON, or not of the expected shape; the problems
     *         name the entry index and the property
     */
    public static ConfigFile load(Path file) throws ConfigFileException {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigFileException(source,
                        List.of("file too big: " + size + " bytes, at most " + MAX_BYTES + " are accepted"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(source, List.of("no such file"));
        } catch (IOException e) {
            throw new ConfigFileException(source, List.of("cannot read: " + e));
        }
        return parse(source, bytes);
    }

    /**
     * Checks a configuration file's content.
     *
     * @param source the name used in messages
     * @throws ConfigFileException as {@link #load}
     */
    public static ConfigFile parse(String source, byte[] json) throws ConfigFileException {
        if (json.length > MAX_BYTES) {
            throw new ConfigFileException(source,
                    List.of("file too big: more than " + MAX_BYTES + " bytes are not accepted"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigFileException(source, List.of("not valid JSON: " + e.getOriginalMessage() + at(e.getLocation())));
        } catch (IOException e) {
            throw new ConfigFileException(source, List.of("cannot read: " + e));
        }
        List<String> problems = new ArrayList<>();
        List<ConfigEntry> entries = readRoot(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigFileException(source, problems);
        }
        return new ConfigFile(source, entries);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static List<ConfigEntry> readRoot(JsonNode root, List<String> problems) {
        if (root == null || root.isMissingNode()) {
            problems.add("the file is empty; expected {\"configurations\": [...]}");
            return List.of();
        }
        if (!root.isObject()) {
            problems.add("expected a JSON object {\"configurations\": [...]}, found " + kind(root));
            return List.of();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                problems.add("unknown top-level key \"" + key + "\" (only \"configurations\" is allowed)");
            }
        }
        JsonNode list = root.get("configurations");
        if (list == null) {
            problems.add("missing top-level key \"configurations\"");
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("\"configurations\" must be an array, found " + kind(list));
            return List.of();
        }
        List<ConfigEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigEntry entry = readEntry(i, list.get(i), problems);
            if (entry == null) {
                continue;
            }
            String key = entry.isFactory() ? "factory " + entry.factoryPid() + "~" + entry.name() : "pid " + entry.pid();
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add(entry.describe() + ": the same configuration as configurations[" + first + "]");
                continue;
            }
            entries.add(entry);
        }
        return entries;
    }

    private static ConfigEntry readEntry(int index, JsonNode node, List<String> problems) {
        String where = "configurations[" + index + "]";
        if (!node.isObject()) {
            problems.add(where + ": expected an object with \"pid\" or \"factoryPid\", found " + kind(node));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                problems.add(where + ": unknown key \"" + key + "\" (allowed: pid, factoryPid, name, properties)");
            }
        }
        int beforeIds = problems.size();
        String pid = text(node, "pid", where, problems);
        String factoryPid = text(node, "factoryPid", where, problems);
        String name = text(node, "name", where, problems);
        if (pid != null && factoryPid != null) {
            problems.add(where + ": has both \"pid\" and \"factoryPid\"; give \"pid\" for a singleton configuration"
                    + " or \"factoryPid\" and \"name\" for a factory configuration");
            return null;
        }
        if (pid == null && factoryPid == null) {
            if (problems.size() == beforeIds) {
                problems.add(where + ": missing \"pid\" (or \"factoryPid\" and \"name\")");
            }
            return null;
        }
        if (pid != null) {
            if (!SYMBOLIC_NAME.matcher(pid).matches()) {
                problems.add(where + ": \"pid\" " + ConfigEntry.show(pid) + " is not a valid PID (letters, digits, _ - separated by dots)");
            }
            if (name != null) {
                problems.add(where + " (pid " + pid + "): \"name\" is only for factory configurations (use \"factoryPid\")");
            }
        } else {
            if (!SYMBOLIC_NAME.matcher(factoryPid).matches()) {
                problems.add(where + ": \"factoryPid\" " + ConfigEntry.show(factoryPid) + " is not a valid PID (letters, digits, _ - separated by dots)");
            }
            if (name == null) {
                problems.add(where + " (factoryPid " + factoryPid + "): missing \"name\" (factory configurations are named so that re-applying the file finds them again)");
            } else if (!FACTORY_NAME.matcher(name).matches()) {
                problems.add(where + " (factoryPid " + factoryPid + "): \"name\" " + ConfigEntry.show(name)
                        + " must be 1 to 100 letters, digits, _ . - (starting with a letter or digit)");
            }
        }
        String described = where + " (" + (pid != null ? "pid " + pid : "factoryPid " + factoryPid + ", name " + name) + ")";
        Map<String, Object> properties = readProperties(node.get("properties"), described, problems);
        if (problems.size() != before) {
            return null;
        }
        return new ConfigEntry(index, pid, factoryPid, pid != null ? null : name, properties);
    }

    private static String text(JsonNode entry, String key, String where, List<String> problems) {
        JsonNode v = entry.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            problems.add(where + ": \"" + key + "\" must be a non-empty string, found " + kind(v));
            return null;
        }
        return v.asText();
    }

    private static Map<String, Object> readProperties(JsonNode node, String where, List<String> problems) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (node == null) {
            return properties;
        }
        if (!node.isObject()) {
            problems.add(where + ": \"properties\" must be an object, found " + kind(node));
            return properties;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String prefix = where + ": property \"" + key + "\": ";
            if (!PROPERTY_KEY.matcher(key).matches()) {
                problems.add(prefix + "not a valid property name (letters, digits, _ . -, at most 100)");
                continue;
            }
            String reserved = RESERVED_PREFIXES.stream().filter(key::startsWith).findFirst().orElse(null);
            if (reserved != null || key.equals("objectClass")) {
                problems.add(prefix + "reserved name (keys starting " + (reserved != null ? reserved : key)
                        + " belong to the framework or the launcher)");
                continue;
            }
            Object value = value(field.getValue(), prefix, problems);
            if (value != null) {
                properties.put(key, value);
            }
        }
        return properties;
    }

    private static Object value(JsonNode v, String prefix, List<String> problems) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return integer(v.bigIntegerValue(), prefix, problems);
        }
        if (v.isNumber()) {
            problems.add(prefix + "decimal number " + v.asText() + " is not accepted: give an integer in the unit the"
                    + " property names (Wh, minor currency units, ms...) or a string");
            return null;
        }
        if (v.isArray()) {
            return array(v, prefix, problems);
        }
        if (v.isNull()) {
            problems.add(prefix + "null is not a value; leave the property out to get its default");
            return null;
        }
        problems.add(prefix + "nested objects are not accepted (values are strings, integers, booleans or arrays of those)");
        return null;
    }

    private static Object integer(BigInteger n, String prefix, List<String> problems) {
        if (n.bitLength() < 32) {
            return n.intValue();
        }
        if (n.bitLength() < 64) {
            return n.longValue();
        }
        problems.add(prefix + "integer " + n + " is out of range (64-bit at most)");
        return null;
    }

    private static Object array(JsonNode v, String prefix, List<String> problems) {
        int n = v.size();
        if (n == 0) {
            return new String[0];
        }
        boolean allText = true;
        boolean allInt = true;
        boolean allBool = true;
        for (JsonNode e : v) {
            allText &= e.isTextual();
            allInt &= e.isIntegralNumber();
            allBool &= e.isBoolean();
        }
        if (allText) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).asText();
            }
            return out;
        }
        if (allBool) {
            Boolean[] out = new Boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).asBoolean();
            }
            return out;
        }
        if (allInt) {
            Object[] values = new Object[n];
            boolean allFitInt = true;
            for (int i = 0; i < n; i++) {
                values[i] = integer(v.get(i).bigIntegerValue(), prefix, problems);
                if (values[i] == null) {
                    return null;
                }
                allFitInt &= values[i] instanceof Integer;
            }
            if (allFitInt) {
                Integer[] out = new Integer[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (Integer) values[i];
                }
                return out;
            }
            Long[] out = new Long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) values[i]).longValue();
            }
            return out;
        }
        problems.add(prefix + "array elements must be all strings, all integers or all booleans"
                + " (no decimals, nulls, nested arrays or objects)");
        return null;
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return n.asText().isEmpty() ? "an empty string" : "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNull()) {
            return "null";
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** The file name given at load. */
    public String source() {
        return source;
    }

    /** The configurations, in file order. */
    public List<ConfigEntry> entries() {
        return entries;
    }
}
