package org.openami.concentrator.modbus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.openami.concentrator.model.Quantity;

/**
 * A meter model's registers as data: which {@link Quantity} lives where, how it is encoded
 * and scaled. Loaded from JSON (format in this module's README) and validated whole: unknown
 * fields, unknown quantities, bad types, a quantity listed twice and overlapping registers
 * are {@link RegisterMapException}s naming the entry and field. Immutable and thread-safe.
 */
public final class RegisterMap {

    /** Where bundled maps live on the class path: {@code <name>.json} below this folder. */
    public static final String RESOURCE_FOLDER = "org/openami/concentrator/modbus/maps/";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> TOP_FIELDS = Set.of("model", "source", "maxRegistersPerRequest", "defaults",
            "entries");
    private static final Set<String> DEFAULT_FIELDS = Set.of("function", "type", "wordOrder", "scale");
    private static final Set<String> ENTRY_FIELDS = Set.of("quantity", "function", "address", "type", "wordOrder",
            "scale", "note");
    private static final int MAX_ENTRIES = 1000;

    private final String model;
    private final int maxRegistersPerRequest;
    private final List<RegisterEntry> entries;
    private final List<ReadBlock> plan;

    /**
     * @param model                  the meter model's name
     * @param maxRegistersPerRequest the most registers the meter serves in one read, 1..125
     * @param entries                at least one; one per quantity; registers of one function may not overlap
     * @throws RegisterMapException if not
     */
    public RegisterMap(String model, int maxRegistersPerRequest, List<RegisterEntry> entries) {
        this(model, maxRegistersPerRequest, entries, model);
    }

    private RegisterMap(String model, int maxRegistersPerRequest, List<RegisterEntry> entries, String origin) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxRegistersPerRequest < 1 || maxRegistersPerRequest > ModbusRtuMaster.MAX_REGISTERS) {
            throw new RegisterMapException(origin + ": field 'maxRegistersPerRequest': " + maxRegistersPerRequest
                    + " is outside 1.." + ModbusRtuMaster.MAX_REGISTERS);
        }
        if (entries.isEmpty()) {
            throw new RegisterMapException(origin + ": no entries");
        }
        this.maxRegistersPerRequest = maxRegistersPerRequest;
        this.entries = List.copyOf(entries);
        checkUnique(origin, this.entries);
        this.plan = plan(this.entries, maxRegistersPerRequest);
    }

    /**
     * A map bundled with this module, e.g. {@code sdm630}.
     *
     * @throws RegisterMapException if there is no such map or it is invalid
     */
    public static RegisterMap load(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]+") || name.contains("..")) {
            throw new RegisterMapException("register map name '" + name + "' is not a plain file name");
        }
        String resource = RESOURCE_FOLDER + name + ".json";
        try (InputStream in = RegisterMap.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RegisterMapException("no register map '" + name + "' (" + resource + ")");
            }
            return parse(in, name + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /**
     * A map from a user's file.
     *
     * @throws RegisterMapException if it is not valid JSON or not a valid map
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static RegisterMap parse(InputStream in) {
        return parse(in, "register map");
    }

    /** As {@link #parse(InputStream)}, naming the source {@code origin} in errors. */
    public static RegisterMap parse(InputStream in, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new RegisterMapException(origin + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + origin, e);
        }
        return new Parser(origin).map(root);
    }

    /** The meter model's name. */
    public String model() {
        return model;
    }

    /** The most registers one read may ask for. */
    public int maxRegistersPerRequest() {
        return maxRegistersPerRequest;
    }

    /** Every entry, in file order. */
    public List<RegisterEntry> entries() {
        return entries;
    }

    /**
     * The reads that fetch every entry: entries of one function whose registers follow each
     * other without a gap share a read, up to {@link #maxRegistersPerRequest()} registers. A
     * gap always starts a new read, since meters answer undefined registers with an exception.
     */
    public List<ReadBlock> plan() {
        return plan;
    }

    private static List<ReadBlock> plan(List<RegisterEntry> entries, int max) {
        List<RegisterEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(RegisterEntry::function).thenComparingInt(RegisterEntry::address));
        List<ReadBlock> blocks = new ArrayList<>();
        List<RegisterEntry> current = new ArrayList<>();
        for (RegisterEntry e : sorted) {
            if (!current.isEmpty()) {
                RegisterEntry first = current.get(0);
                RegisterEntry last = current.get(current.size() - 1);
                boolean joins = e.function() == first.function() && e.address() == last.end()
                        && e.end() - first.address() <= max;
                if (!joins) {
                    blocks.add(block(current));
                    current = new ArrayList<>();
                }
            }
            current.add(e);
        }
        blocks.add(block(current));
        return List.copyOf(blocks);
    }

    private static ReadBlock block(List<RegisterEntry> run) {
        RegisterEntry first = run.get(0);
        RegisterEntry last = run.get(run.size() - 1);
        return new ReadBlock(first.function(), first.address(), last.end() - first.address(), run);
    }

    private static void checkUnique(String origin, List<RegisterEntry> entries) {
        Map<Quantity, Integer> seen = new EnumMap<>(Quantity.class);
        for (int i = 0; i < entries.size(); i++) {
            RegisterEntry e = entries.get(i);
            Integer before = seen.putIfAbsent(e.quantity(), i);
            if (before != null) {
                throw new RegisterMapException(String.format("%s: entry %d (%s): quantity %s is already read by entry %d",
                        origin, i, e.quantity(), e.quantity(), before));
            }
        }
        Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, RegisterFunction>comparing(i -> entries.get(i).function())
                .thenComparingInt(i -> entries.get(i).address()));
        for (int k = 1; k < order.length; k++) {
            RegisterEntry a = entries.get(order[k - 1]);
            RegisterEntry b = entries.get(order[k]);
            if (a.function() == b.function() && b.address() < a.end()) {
                throw new RegisterMapException(String.format(
                        "%s: entry %d (%s): %s registers 0x%04X..0x%04X overlap entry %d (%s) at 0x%04X..0x%04X",
                        origin, order[k], b.quantity(), b.function().fileName(), b.address(), b.end() - 1,
                        order[k - 1], a.quantity(), a.address(), a.end() - 1));
            }
        }
    }

    @Override
    public String toString() {
        return "RegisterMap[" + model + ", " + entries.size() + " entries, " + plan.size() + " reads]";
    }

    /** Turns a JSON tree into a map, with errors that say where. */
    private static final class Parser {
        private final String origin;

        Parser(String origin) {
            this.origin = origin;
        }

        RegisterMap map(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("the top level is not a JSON object");
            }
            unknownFields(root, TOP_FIELDS, origin);
            String model = text(root, "model", origin, true);
            int max = root.has("maxRegistersPerRequest")
                    ? integer(root.get("maxRegistersPerRequest"), "maxRegistersPerRequest", origin)
                    : ModbusRtuMaster.MAX_REGISTERS;
            JsonNode defaults = root.path("defaults");
            if (!defaults.isMissingNode() && !defaults.isObject()) {
                throw fail("'defaults' is not an object");
            }
            if (defaults.isObject()) {
                unknownFields(defaults, DEFAULT_FIELDS, origin + ": defaults");
            }
            JsonNode list = root.get("entries");
            if (list == null || !list.isArray()) {
                throw fail("'entries' is missing or not an array");
            }
            if (list.size() > MAX_ENTRIES) {
                throw fail("more than " + MAX_ENTRIES + " entries");
            }
            List<RegisterEntry> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(list.get(i), i, defaults));
            }
            return new RegisterMap(model, max, entries, origin);
        }

        private RegisterEntry entry(JsonNode node, int index, JsonNode defaults) {
            String where = origin + ": entry " + index;
            if (!node.isObject()) {
                throw new RegisterMapException(where + ": not a JSON object");
            }
            JsonNode q = node.get("quantity");
            if (q != null && q.isTextual()) {
                where += " (" + q.asText() + ")";
            }
            unknownFields(node, ENTRY_FIELDS, where);
            Quantity quantity = named(Quantity.class, text(node, "quantity", where, true), "quantity", where);
            RegisterFunction function = named(RegisterFunction.class,
                    field(node, defaults, "function", where, "input"), "function", where);
            DataType type = named(DataType.class, field(node, defaults, "type", where, null), "type", where);
            WordOrder order = named(WordOrder.class, field(node, defaults, "wordOrder", where, "big"), "wordOrder",
                    where);
            int address = address(node.get("address"), where);
            BigDecimal scale = scale(node.has("scale") ? node.get("scale") : defaults.get("scale"), where);
            if (address + type.words() > 0x10000) {
                throw new RegisterMapException(String.format("%s: field 'address': 0x%04X + %d registers runs past 0xFFFF",
                        where, address, type.words()));
            }
            return new RegisterEntry(quantity, function, address, type, order, scale);
        }

        private static String field(JsonNode node, JsonNode defaults, String name, String where, String fallback) {
            if (node.has(name)) {
                return text(node, name, where, true);
            }
            if (defaults.has(name)) {
                return text(defaults, name, where + " (from defaults)", true);
            }
            if (fallback == null) {
                throw new RegisterMapException(where + ": field '" + name + "' is missing (and not in defaults)");
            }
            return fallback;
        }

        private static <E extends Enum<E>> E named(Class<E> type, String value, String field, String where) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            String known = Arrays.stream(type.getEnumConstants())
                    .map(e -> type == Quantity.class ? e.name() : e.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new RegisterMapException(where + ": field '" + field + "': '" + value + "' is not one of " + known);
        }

        private static int address(JsonNode node, String where) {
            if (node == null) {
                throw new RegisterMapException(where + ": field 'address' is missing");
            }
            long value;
            if (node.isIntegralNumber()) {
                value = node.asLong();
            } else if (node.isTextual()) {
                String t = node.asText().trim();
                try {
                    value = t.toLowerCase(Locale.ROOT).startsWith("0x")
                            ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new RegisterMapException(where + ": field 'address': '" + t
                            + "' is not a number (decimal or 0x hex)");
                }
            } else {
                throw new RegisterMapException(where + ": field 'address' is not a number (decimal or \"0x..\" hex)");
            }
            if (value < 0 || value > 0xFFFF) {
                throw new RegisterMapException(where + ": field 'address': " + value
                        + " is outside 0..65535 (protocol address: register 30001 is 0)");
            }
            return (int) value;
        }

        private static BigDecimal scale(JsonNode node, String where) {
            if (node == null) {
                return BigDecimal.ONE;
            }
            if (!node.isNumber()) {
                throw new RegisterMapException(where + ": field 'scale' is not a number");
            }
            BigDecimal scale = node.decimalValue();
            if (scale.signum() == 0) {
                throw new RegisterMapException(where + ": field 'scale' is 0");
            }
            if (scale.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0
                    || scale.abs().compareTo(new BigDecimal("1e-9")) < 0) {
                throw new RegisterMapException(where + ": field 'scale': " + scale.toPlainString()
                        + " is outside 1e-9..1e9 in magnitude");
            }
            return scale;
        }

        private static int integer(JsonNode node, String name, String where) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new RegisterMapException(where + ": field '" + name + "' is not an integer");
            }
            return node.asInt();
        }

        private static String text(JsonNode node, String name, String where, boolean required) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    throw new RegisterMapException(where + ": field '" + name + "' is missing");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw new RegisterMapException(where + ": field '" + name + "' is not a string");
            }
            return v.asText();
        }

        private static void unknownFields(JsonNode node, Set<String> known, String where) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!known.contains(n)) {
                    throw new RegisterMapException(where + ": unknown field '" + n + "' (known: "
                            + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
        }

        private RegisterMapException fail(String what) {
            return new RegisterMapException(origin + ": " + what);
        }
    }
}
