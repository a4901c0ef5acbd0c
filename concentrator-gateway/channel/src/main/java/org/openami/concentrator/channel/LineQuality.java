package org.openami.concentrator.channel;

import java.util.Map;
import java.util.Objects;

/**
 * How well one meter answers on its channel: the figures an installer looks at to find a bad
 * cable, a wrong address or a meter that answers slowly. Immutable snapshot.
 *
 * @param target              the meter
 * @param attempts            frames sent to it (every retry counts)
 * @param successes           attempts answered with a valid reply
 * @param failures            failed attempts by reason
 * @param consecutiveFailures failed attempts since the last success
 * @param lastLatencyMicros   end of request to end of reply, last success; 0 if none
 * @param meanLatencyMicros   mean of the same over every success; 0 if none
 * @param lastSuccessMillis   epoch ms of the last success, 0 if none
 * @param lastFailure         the last failure's reason and message, "" if none
 */
public record LineQuality(String target, long attempts, long successes, Map<FailureReason, Long> failures,
                          long consecutiveFailures, long lastLatencyMicros, long meanLatencyMicros,
                          long lastSuccessMillis, String lastFailure) {

    public LineQuality {
        Objects.requireNonNull(target, "target");
        failures = Map.copyOf(failures);
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** A target never sent to. */
    public static LineQuality none(String target) {
        return new LineQuality(target, 0, 0, Map.of(), 0, 0, 0, 0, "");
    }

    /** Successes per thousand attempts, 0 when nothing was sent. */
    public long successPerMille() {
        return attempts == 0 ? 0 : successes * 1000 / attempts;
    }

    /** Failed attempts for {@code reason}. */
    public long failures(FailureReason reason) {
        return failures.getOrDefault(reason, 0L);
    }
}
