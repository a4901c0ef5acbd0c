package org.openami.concentrator.launcher;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration of a configuration file: a singleton configuration ({@code pid}) or a
 * named factory configuration ({@code factoryPid} + {@code name}), with its properties.
 *
 * <p>Property values are {@code String}, {@code Integer}, {@code Long}, {@code Boolean} or
 * arrays of those as read from the file; after a Metatype check they carry the types the
 * Metatype declares ({@code Short}, {@code Character}, ... included). Immutable; the
 * property map keeps the file's order and cannot be modified (arrays are shared, do not
 * change them).
 *
 * @param index position in the file's {@code configurations} array, for messages
 * @param pid the PID of a singleton configuration, or null
 * @param factoryPid the factory PID of a factory configuration, or null
 * @param name the name of a factory configuration (ConfigAdmin's PID becomes
 *        {@code factoryPid~name}), or null
 * @param properties the properties, never null
 */
public record ConfigEntry(int index, String pid, String factoryPid, String name, Map<String, Object> properties) {

    public ConfigEntry {
        if ((pid == null) == (factoryPid == null)) {
            throw new IllegalArgumentException("exactly one of pid and factoryPid");
        }
        if ((factoryPid == null) != (name == null)) {
            throw new IllegalArgumentException("a factory configuration needs a name, a singleton none");
        }
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties)));
    }

    /** True for a factory configuration. */
    public boolean isFactory() {
        return factoryPid != null;
    }

    /** The PID whose Metatype describes this configuration: the pid, or the factory PID. */
    public String metatypePid() {
        return isFactory() ? factoryPid : pid;
    }

    /** How messages name this entry, e.g. {@code configurations[1] (factoryPid x, name rs485-1)}. */
    public String describe() {
        return "configurations[" + index + "] ("
                + (isFactory() ? "factoryPid " + factoryPid + ", name " + name : "pid " + pid) + ")";
    }

    /** The same entry with other properties. */
    public ConfigEntry withProperties(Map<String, Object> newProperties) {
        return new ConfigEntry(index, pid, factoryPid, name, newProperties);
    }

    /** A value as the file would show it: arrays as [a, b]. */
    static String show(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(show(Array.get(value, i)));
            }
            return sb.append(']').toString();
        }
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }
}
