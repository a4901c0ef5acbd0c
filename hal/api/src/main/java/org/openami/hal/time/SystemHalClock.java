package org.openami.hal.time;

import java.time.Duration;
import java.time.Instant;

enum SystemHalClock implements HalClock {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration span) throws InterruptedException {
        long nanos = span.toNanos();
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
