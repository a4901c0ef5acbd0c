package org.openami.meter.update.slots;

import java.util.Objects;

/**
 * The outcome of a start-up health check. Immutable.
 *
 * @param healthy true if the firmware may be committed
 * @param detail  a one-line explanation (exit code, timeout, last output lines)
 */
public record HealthResult(boolean healthy, String detail) {

    /** @throws NullPointerException if detail is null */
    public HealthResult {
        Objects.requireNonNull(detail, "detail");
    }

    /** A passed check. */
    public static HealthResult healthy(String detail) {
        return new HealthResult(true, detail);
    }

    /** A failed check. */
    public static HealthResult unhealthy(String detail) {
        return new HealthResult(false, detail);
    }
}
