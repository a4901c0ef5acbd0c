package org.openami.concentrator.prepay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tariffs the engine charges with: for each tariff id, its versions ordered by
 * {@link TariffTable#effectiveFrom()}. The version in effect at an instant is the one with the
 * latest {@code effectiveFrom <= instant}. Immutable and thread-safe; a new book replaces the
 * old one as a whole ({@link PrepayEngine#updateTariffs}).
 *
 * <p>Versions of one id must have distinct version numbers, and a higher version must start
 * strictly later ({@link TariffException} otherwise).
 *
 * <h2>File format</h2>
 * <pre>{@code
 * {"tariffs": [
 *   {"id": "RES-FLAT", "version": 1, "effectiveFrom": "2025-01-01T00:00+08:00", "kind": "FLAT",
 *    "flatPriceFenPerKwh": "56.2"},
 *   {"id": "RES-TOU", "version": 2, "effectiveFrom": 1735660800000, "kind": "TIME_OF_USE",
 *    "touPriceFenPerKwh": [130.5, 98, 60.8, 31.2]},
 *   {"id": "RES-TIER", "version": 1, "effectiveFrom": "2025-01-01T00:00+08:00", "kind": "TIERED",
 *    "tierPeriod": "MONTHLY", "tierStepsWh": [230000, 400000], "tierPricesFenPerKwh": ["48.83", "53.83", "78.83"]}
 * ]}
 * }</pre>
 * A bare array of entries is accepted too. {@code effectiveFrom} is epoch milliseconds or an
 * ISO-8601 date-time with offset. Prices are fen per kWh, JSON numbers or strings, read exactly
 * (never through a double), with at most {@value TariffTable#MAX_PRICE_DECIMALS} decimals.
 * Unknown fields are errors (a misspelt price must not silently become 0). Files are at most
 * 4 MiB and {@value #MAX_TABLES} entries.
 */
public final class TariffBook {

    /** Most tables in a book. */
    public static final int MAX_TABLES = 10_000;

    private static final Set<String> FIELDS = Set.of("id", "version", "effectiveFrom", "kind", "flatPriceFenPerKwh",
            "touPriceFenPerKwh", "tierPeriod", "tierStepsWh", "tierPricesFenPerKwh");

    private final Map<String, List<TariffTable>> byId;

    private TariffBook(Map<String, List<TariffTable>> byId) {
        this.byId = byId;
    }

    /** An empty book: every charge fails with {@link PrepayException.Reason#NO_TARIFF}. */
    public static TariffBook empty() {
        return new TariffBook(Map.of());
    }

    /** A book of these tables; checks the version rules. */
    public static TariffBook of(Collection<TariffTable> tables) {
        if (tables.size() > MAX_TABLES) {
            throw new TariffException(null, null, tables.size() + " tables; at most " + MAX_TABLES);
        }
        Map<String, List<TariffTable>> m = new TreeMap<>();
        for (TariffTable t : tables) {
            m.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<TariffTable>> out = new TreeMap<>();
        for (Map.Entry<String, List<TariffTable>> e : m.entrySet()) {
            List<TariffTable> versions = new ArrayList<>(e.getValue());
            versions.sort(Comparator.comparingInt(TariffTable::version));
            for (int i = 1; i < versions.size(); i++) {
                TariffTable a = versions.get(i - 1);
                TariffTable b = versions.get(i);
                String entry = "tariff " + b.id() + " version " + b.version();
                if (a.version() == b.version()) {
                    throw new TariffException(entry, "version", "given twice");
                }
                if (b.effectiveFrom() <= a.effectiveFrom()) {
                    throw new TariffException(entry, "effectiveFrom", Instant.ofEpochMilli(b.effectiveFrom())
                            + " is not after version " + a.version() + "'s " + Instant.ofEpochMilli(a.effectiveFrom()));
                }
            }
            out.put(e.getKey(), List.copyOf(versions));
        }
        return new TariffBook(out);
    }

    /** Reads a tariff file (format in the class comment). */
    public static TariffBook load(Path json) {
        JsonNode root = JsonInput.read(json, (field, reason, cause) ->
                new TariffException("tariff file " + json, field, reason, cause));
        return fromTree(root);
    }

    /** Parses a tariff document (format in the class comment), e.g. as received from the cloud. */
    public static TariffBook parse(byte[] json) {
        JsonNode root = JsonInput.parse(json, (field, reason, cause) ->
                new TariffException("tariff document", field, reason, cause));
        return fromTree(root);
    }

    private static TariffBook fromTree(JsonNode root) {
        JsonNode list = root;
        if (root.isObject()) {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!n.equals("tariffs")) {
                    throw new TariffException(null, n, "unknown field (the document holds \"tariffs\")");
                }
            }
            list = root.get("tariffs");
            if (list == null) {
                throw new TariffException(null, "tariffs", "missing");
            }
        }
        if (!list.isArray()) {
            throw new TariffException(null, "tariffs", "an array of tariff entries is expected, got " + JsonInput.kindOf(list));
        }
        if (list.size() > MAX_TABLES) {
            throw new TariffException(null, "tariffs", list.size() + " entries; at most " + MAX_TABLES);
        }
        List<TariffTable> tables = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            tables.add(entry(list.get(i), i));
        }
        return of(tables);
    }

    private static TariffTable entry(JsonNode n, int index) {
        String where = "tariffs[" + index + "]";
        if (!n.isObject()) {
            throw new TariffException(where, null, "an object is expected, got " + JsonInput.kindOf(n));
        }
        JsonNode idNode = n.get("id");
        JsonNode versionNode = n.get("version");
        String label = where + " (id " + (idNode != null && idNode.isTextual() ? JsonInput.clip(idNode.textValue()) : "?")
                + ", version " + (versionNode != null && versionNode.isNumber() ? versionNode.asText() : "?") + ")";
        JsonInput.Failure fail = (field, reason, cause) -> new TariffException(label, field, reason, cause);
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new TariffException(label, f, "unknown field");
            }
        }
        String id = JsonInput.text(required(n, "id", label), "id", fail);
        long version = JsonInput.integer(required(n, "version", label), "version", fail);
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw new TariffException(label, "version", "must be 1.." + Integer.MAX_VALUE + ", got " + version);
        }
        long from = instant(required(n, "effectiveFrom", label), fail);
        TariffTable.Kind kind = JsonInput.enumValue(required(n, "kind", label), TariffTable.Kind.class, "kind", fail);

        List<BigDecimal> prices = new ArrayList<>();
        List<String> priceFields = new ArrayList<>();
        BigDecimal flat = null;
        if (n.has("flatPriceFenPerKwh")) {
            flat = JsonInput.decimal(n.get("flatPriceFenPerKwh"), "flatPriceFenPerKwh", fail);
            prices.add(flat);
            priceFields.add("flatPriceFenPerKwh");
        }
        List<BigDecimal> tou = decimals(n, "touPriceFenPerKwh", fail, prices, priceFields);
        List<BigDecimal> tier = decimals(n, "tierPricesFenPerKwh", fail, prices, priceFields);
        int decimals = 0;
        for (int i = 0; i < prices.size(); i++) {
            BigDecimal p = prices.get(i);
            int scale = Math.max(0, p.stripTrailingZeros().scale());
            if (scale > TariffTable.MAX_PRICE_DECIMALS) {
                throw new TariffException(label, priceFields.get(i), p.toPlainString() + " has more than "
                        + TariffTable.MAX_PRICE_DECIMALS + " decimals (fen per kWh)");
            }
            if (p.signum() < 0) {
                throw new TariffException(label, priceFields.get(i), "a price cannot be negative, got " + p.toPlainString());
            }
            if (p.compareTo(BigDecimal.valueOf(TariffTable.MAX_PRICE_FEN_PER_KWH)) > 0) {
                throw new TariffException(label, priceFields.get(i), "above " + TariffTable.MAX_PRICE_FEN_PER_KWH + " fen/kWh");
            }
            decimals = Math.max(decimals, scale);
        }
        TariffTable.Period period = n.has("tierPeriod")
                ? JsonInput.enumValue(n.get("tierPeriod"), TariffTable.Period.class, "tierPeriod", fail) : null;
        long[] steps = null;
        if (n.has("tierStepsWh")) {
            JsonNode s = n.get("tierStepsWh");
            if (!s.isArray() || s.size() > TariffTable.MAX_TIER_STEPS) {
                throw new TariffException(label, "tierStepsWh", "an array of at most " + TariffTable.MAX_TIER_STEPS
                        + " integers (Wh) is expected");
            }
            steps = new long[s.size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = JsonInput.integer(s.get(i), "tierStepsWh[" + i + "]", fail);
            }
        }
        try {
            return new TariffTable(id, (int) version, from, kind, flat == null ? 0 : scaled(flat, decimals),
                    tou == null ? null : scaled(tou, decimals), period, steps,
                    tier == null ? null : scaled(tier, decimals), decimals);
        } catch (TariffException e) {
            throw new TariffException(label, e.field(), reasonOf(e), e);
        }
    }

    private static String reasonOf(TariffException e) {
        String m = e.getMessage();
        String prefix = (e.entry() == null ? "" : e.entry() + ": ") + (e.field() == null ? "" : "field " + e.field() + ": ");
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static JsonNode required(JsonNode n, String field, String label) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new TariffException(label, field, "missing");
        }
        return v;
    }

    private static long instant(JsonNode v, JsonInput.Failure fail) {
        if (v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.textValue().strip()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw fail.of("effectiveFrom", "an ISO-8601 date-time with offset (2025-01-01T00:00+08:00) or epoch"
                        + " milliseconds is expected, got \"" + JsonInput.clip(v.textValue()) + "\"", e);
            }
        }
        return JsonInput.integer(v, "effectiveFrom", fail);
    }

    private static List<BigDecimal> decimals(JsonNode n, String field, JsonInput.Failure fail, List<BigDecimal> all,
                                             List<String> fields) {
        if (!n.has(field) || n.get(field).isNull()) {
            return null;
        }
        JsonNode a = n.get(field);
        if (!a.isArray() || a.size() > TariffTable.MAX_TIER_STEPS + 1) {
            throw fail.of(field, "an array of at most " + (TariffTable.MAX_TIER_STEPS + 1) + " prices is expected", null);
        }
        List<BigDecimal> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String f = field + "[" + i + "]";
            BigDecimal d = JsonInput.decimal(a.get(i), f, fail);
            out.add(d);
            all.add(d);
            fields.add(f);
        }
        return out;
    }

    private static long scaled(BigDecimal price, int decimals) {
        return price.movePointRight(decimals).longValueExact();
    }

    private static long[] scaled(List<BigDecimal> prices, int decimals) {
        long[] out = new long[prices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scaled(prices.get(i), decimals);
        }
        return out;
    }

    /** The version of tariff {@code id} in effect at {@code atMillis}, if any. */
    public Optional<TariffTable> find(String id, long atMillis) {
        List<TariffTable> versions = byId.get(id);
        if (versions == null) {
            return Optional.empty();
        }
        TariffTable found = null;
        for (TariffTable t : versions) {
            if (t.effectiveFrom() <= atMillis) {
                found = t;
            } else {
                break;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The version of tariff {@code id} in effect at {@code atMillis}.
     *
     * @throws TariffException if the id is unknown or no version has started by then
     */
    public TariffTable effective(String id, long atMillis) {
        return find(id, atMillis).orElseThrow(() -> new TariffException("tariff " + id, null,
                byId.containsKey(id) ? "no version in effect at " + Instant.ofEpochMilli(atMillis)
                        + " (the first starts " + Instant.ofEpochMilli(byId.get(id).get(0).effectiveFrom()) + ")"
                        : "unknown tariff id"));
    }

    /** The tariff ids in the book, sorted. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** The versions of {@code id}, oldest first; empty if unknown. */
    public List<TariffTable> versions(String id) {
        return byId.getOrDefault(id, List.of());
    }

    /** Number of tables (all versions of all ids). */
    public int size() {
        return byId.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String toString() {
        return "TariffBook" + byId.values();
    }
}
