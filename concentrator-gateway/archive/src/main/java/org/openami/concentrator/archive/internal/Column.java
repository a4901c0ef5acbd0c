package org.openami.concentrator.archive.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fields of a meter in the archive files, with their CSV column and JSON field names, in
 * file order.
 */
public enum Column {
    POINT("point", "point", true),
    ADDRESS("address", "address", true),
    PROTOCOL("protocol", "protocol", true),
    CHANNEL("channel", "channel", true),
    SERIAL("serial", "serial", false),
    CT("ct", "ct", false),
    PT("pt", "pt", false),
    AREA("area", "area", false),
    ACCOUNT("account", "account", false),
    TARIFF("tariff", "tariff", false),
    KEEP_POWER("keep_power", "keepPower", false),
    REGISTER_MAP("register_map", "registerMap", false);

    private static final List<Column> ALL = List.of(values());

    private final String csvName;
    private final String jsonName;
    private final boolean required;

    Column(String csvName, String jsonName, boolean required) {
        this.csvName = csvName;
        this.jsonName = jsonName;
        this.required = required;
    }

    /** Every column in file order. */
    public static List<Column> all() {
        return ALL;
    }

    public String csvName() {
        return csvName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The name in the given naming. */
    public String name(Naming naming) {
        return naming == Naming.CSV ? csvName : jsonName;
    }

    /** Whether a file must give this field for every meter (others have defaults). */
    public boolean required() {
        return required;
    }

    /** The column named {@code name} (trimmed, case-insensitive) in {@code naming}, or null. */
    public static Column byName(String name, Naming naming) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Column c : ALL) {
            if (c.name(naming).toLowerCase(Locale.ROOT).equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** {@code point, address, ...} for messages. */
    public static String list(Naming naming) {
        return Arrays.stream(values()).map(c -> c.name(naming)).collect(Collectors.joining(", "));
    }

    /** Which spelling of the names a file uses. */
    public enum Naming { CSV, JSON }
}
