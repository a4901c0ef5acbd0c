package org.openami.cloud.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    private RateLimiter limiter(long perSecond) {
        return new RateLimiter(perSecond, now::get, n -> {
            slept.addAndGet(n);
            now.addAndGet(n);
        });
    }

    @Test
    void aFullBucketLetsOneSecondThroughAtOnceThenPacesTheRest() throws InterruptedException {
        RateLimiter l = limiter(1_000);
        l.acquire(1_000);
        assertThat(slept.get()).isZero();
        for (int i = 0; i < 10; i++) {
            l.acquire(500);
        }
        // 5,000 more permits at 1,000/s take 5 s of (simulated) waiting
        assertThat(slept.get()).isBetween(4_990_000_000L, 5_010_000_000L);
    }

    @Test
    void aRequestLargerThanOneSecondIsServedInsteadOfWaitingForever() throws InterruptedException {
        RateLimiter l = limiter(100);
        l.acquire(100);
        l.acquire(500);
        assertThat(slept.get()).isBetween(4_990_000_000L, 5_010_000_000L);
    }

    @Test
    void idleTimeRefillsButNeverBeyondOneSecond() throws InterruptedException {
        RateLimiter l = limiter(1_000);
        l.acquire(1_000);
        now.addAndGet(60_000_000_000L); // a minute idle
        l.acquire(1_000);
        assertThat(slept.get()).isZero();
        l.acquire(1_000);
        assertThat(slept.get()).isBetween(990_000_000L, 1_010_000_000L);
    }

    @Test
    void zeroMeansNoLimit() throws InterruptedException {
        RateLimiter l = limiter(0);
        for (int i = 0; i < 1_000; i++) {
            l.acquire(10_000);
        }
        assertThat(slept.get()).isZero();
    }
}
