package org.openami.concentrator.channel;

import java.util.EnumMap;

/** Mutable line-quality counters of one target; written by a channel's worker, read by anyone. */
final class TargetStats {

    private final String target;
    private long attempts;
    private long successes;
    private final EnumMap<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
    private long consecutiveFailures;
    private long lastLatencyMicros;
    private long latencySumMicros;
    private long lastSuccessMillis;
    private String lastFailure = "";

    TargetStats(String target) {
        this.target = target;
    }

    synchronized void success(long latencyMicros, long nowMillis) {
        attempts++;
        successes++;
        consecutiveFailures = 0;
        lastLatencyMicros = latencyMicros;
        latencySumMicros += latencyMicros;
        lastSuccessMillis = nowMillis;
    }

    synchronized void failure(ExchangeException e) {
        attempts++;
        consecutiveFailures++;
        failures.merge(e.reason(), 1L, Long::sum);
        lastFailure = e.reason() + ": " + e.getMessage();
    }

    synchronized LineQuality snapshot() {
        return new LineQuality(target, attempts, successes, failures, consecutiveFailures, lastLatencyMicros,
                successes == 0 ? 0 : latencySumMicros / successes, lastSuccessMillis, lastFailure);
    }
}
