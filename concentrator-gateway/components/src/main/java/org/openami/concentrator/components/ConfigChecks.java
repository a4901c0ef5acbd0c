package org.openami.concentrator.components;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.openami.concentrator.channel.LineSettings;

/**
 * Checks of configuration values: a bad value is refused with an
 * {@link IllegalArgumentException} that names the property, which DS logs as the reason the
 * component did not activate (and Kura shows).
 */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static String text(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("property '" + property + "' is required");
        }
        if (value.length() > 256 || value.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException("property '" + property + "' is not a plain text of at most 256 characters");
        }
        return value.trim();
    }

    static LineSettings serial(String property, String value) {
        return check(property, () -> LineSettings.parse(text(property, value)));
    }

    static ZoneId zone(String property, String value) {
        try {
            return ZoneId.of(text(property, value));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("property '" + property + "': '" + value + "' is not a time zone (e.g. Asia/Shanghai)", e);
        }
    }

    static <T> T check(String property, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m != null && m.startsWith("property '") ? m
                    : "property '" + property + "': " + m, e);
        }
    }
}
