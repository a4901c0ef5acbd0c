package org.openami.concentrator.launcher;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openami.concentrator.launcher.MetatypeReport.Attribute;
import org.openami.concentrator.launcher.MetatypeReport.Ocd;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks a configuration file against the bundles' Metatype, so that a bad configuration is
 * refused before any component sees it (components check their configuration too).
 *
 * <p>Refused, each with a message naming the entry, pid and property: a PID no bundle
 * describes (or a singleton PID used as a factory PID and the other way round); a property
 * the OCD does not define; a value of the wrong type (a string for an Integer, a number for a
 * String, an array for a single-valued attribute, more values than the cardinality allows);
 * an integer out of the declared type's range; a value not among the OCD's options; a value
 * the Metatype implementation's own validation rejects (min/max); a required attribute
 * without default that the file leaves out; Double and Float attributes (the project keeps
 * integers at every boundary).
 *
 * <p>Accepted values are converted to the declared type: an integer from the file becomes
 * a {@code Long}, {@code Short} or {@code Byte} when the OCD says so, a one-character string a
 * {@code Character}, and a single value for a multi-valued attribute a one-element array.
 *
 * <p>Stateless apart from the report; thread-safe while the framework runs.
 */
public final class ConfigValidator {

    private final MetatypeReport report;

    public ConfigValidator(MetatypeReport report) {
        this.report = report;
    }

    /**
     * @return the file with values converted to the declared types
     * @throws ConfigFileException listing every refusal
     */
    public ConfigFile check(ConfigFile file) throws ConfigFileException {
        List<String> problems = new ArrayList<>();
        List<ConfigEntry> typed = new ArrayList<>();
        for (ConfigEntry entry : file.entries()) {
            ConfigEntry checked = check(entry, problems);
            if (checked != null) {
                typed.add(checked);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigFileException(file.source(), problems);
        }
        return new ConfigFile(file.source(), typed);
    }

    private ConfigEntry check(ConfigEntry entry, List<String> problems) {
        Optional<Ocd> found = entry.isFactory() ? report.forFactoryPid(entry.factoryPid()) : report.forPid(entry.pid());
        if (found.isEmpty()) {
            problems.add(entry.describe() + ": " + missingOcd(entry));
            return null;
        }
        Ocd ocd = found.get();
        int before = problems.size();
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : entry.properties().entrySet()) {
            String where = entry.describe() + ": property \"" + p.getKey() + "\": ";
            Optional<Attribute> ad = ocd.attribute(p.getKey());
            if (ad.isEmpty()) {
                problems.add(where + "not defined by the Metatype of " + ocd.pid() + " (defined: "
                        + ocd.attributes().stream().map(Attribute::id).collect(Collectors.joining(", ")) + ")");
                continue;
            }
            Object value = convert(p.getValue(), ad.get(), where, problems);
            if (value != null) {
                converted.put(p.getKey(), value);
            }
        }
        for (Attribute a : ocd.attributes()) {
            if (a.required() && a.defaults().isEmpty() && !entry.properties().containsKey(a.id())) {
                problems.add(entry.describe() + ": property \"" + a.id() + "\": required by the Metatype of "
                        + ocd.pid() + " and has no default");
            }
        }
        return problems.size() == before ? entry.withProperties(converted) : null;
    }

    private String missingOcd(ConfigEntry entry) {
        if (entry.isFactory() && report.forPid(entry.factoryPid()).isPresent()) {
            return entry.factoryPid() + " is a singleton PID in its Metatype: use \"pid\" without \"name\"";
        }
        if (!entry.isFactory() && report.forFactoryPid(entry.pid()).isPresent()) {
            return entry.pid() + " is a factory PID in its Metatype: use \"factoryPid\" and \"name\"";
        }
        return "no installed bundle describes " + (entry.isFactory() ? "factory PID " : "PID ") + entry.metatypePid()
                + " with Metatype (misspelt, or its bundle is missing from the bundle set?)";
    }

    private static Object convert(Object value, Attribute ad, String where, List<String> problems) {
        if (ad.type() == AttributeDefinition.DOUBLE || ad.type() == AttributeDefinition.FLOAT) {
            problems.add(where + "the attribute is declared " + ad.typeName()
                    + "; the launcher does not set floating-point attributes (integers only at every boundary)");
            return null;
        }
        boolean isArray = value.getClass().isArray();
        if (ad.cardinality() == 0) {
            if (isArray) {
                problems.add(where + "expected a single " + MetatypeReport.typeName(ad.type()) + ", found an array");
                return null;
            }
            return convertOne(value, ad, where, problems);
        }
        Object[] values = isArray ? boxed(value) : new Object[] {value};
        int max = Math.abs(ad.cardinality());
        if (values.length > max) {
            problems.add(where + "at most " + max + " values are allowed, found " + values.length);
            return null;
        }
        Object out = Array.newInstance(javaType(ad.type()), values.length);
        for (int i = 0; i < values.length; i++) {
            Object one = convertOne(values[i], ad, where + "element " + i + ": ", problems);
            if (one == null) {
                return null;
            }
            Array.set(out, i, one);
        }
        return out;
    }

    private static Object[] boxed(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.get(array, i);
        }
        return out;
    }

    private static Object convertOne(Object value, Attribute ad, String where, List<String> problems) {
        Object typed = typed(value, ad.type());
        if (typed == null && (value instanceof Integer || value instanceof Long) && isIntegral(ad.type())) {
            problems.add(where + "integer " + value + " is out of range for " + MetatypeReport.typeName(ad.type()));
            return null;
        }
        if (typed == null) {
            problems.add(where + "expected " + article(MetatypeReport.typeName(ad.type())) + ", found "
                    + describe(value));
            return null;
        }
        String text = String.valueOf(typed);
        if (!ad.optionValues().isEmpty() && !ad.optionValues().contains(text)) {
            problems.add(where + ConfigEntry.show(value) + " is not one of " + ad.optionValues());
            return null;
        }
        Optional<String> refused = ad.type() == AttributeDefinition.PASSWORD ? Optional.empty() : ad.validate(text);
        if (refused.isPresent()) {
            problems.add(where + ConfigEntry.show(value) + " refused by the Metatype: " + refused.get());
            return null;
        }
        return typed;
    }

    /** The value as the declared type, or null if it is of another kind or out of range. */
    private static Object typed(Object value, int type) {
        switch (type) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD:
                return value instanceof String ? value : null;
            case AttributeDefinition.BOOLEAN:
                return value instanceof Boolean ? value : null;
            case AttributeDefinition.CHARACTER:
                return value instanceof String s && s.length() == 1 ? s.charAt(0) : null;
            case AttributeDefinition.LONG:
                return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : null;
            case AttributeDefinition.INTEGER:
                return inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? ((Number) value).intValue() : null;
            case AttributeDefinition.SHORT:
                return inRange(value, Short.MIN_VALUE, Short.MAX_VALUE) ? ((Number) value).shortValue() : null;
            case AttributeDefinition.BYTE:
                return inRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE) ? ((Number) value).byteValue() : null;
            default:
                return null;
        }
    }

    private static boolean isIntegral(int type) {
        return type == AttributeDefinition.INTEGER || type == AttributeDefinition.SHORT || type == AttributeDefinition.BYTE;
    }

    private static boolean inRange(Object value, long min, long max) {
        if (!(value instanceof Integer) && !(value instanceof Long)) {
            return false;
        }
        long v = ((Number) value).longValue();
        return v >= min && v <= max;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            default -> String.class;
        };
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string " + ConfigEntry.show(s);
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return "the integer " + value;
        }
        return ConfigEntry.show(value);
    }

    private static String article(String typeName) {
        return (typeName.matches("[AEIOUaeiou].*") ? "an " : "a ") + typeName;
    }
}
