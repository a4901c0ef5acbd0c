package org.openami.sim.modbus;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a simulated Modbus unit injects into its next replies, the way installers meet them:
 * a second meter set to the same address answering, a bad cable or termination flipping
 * bits, a meter that is busy or off, a meter that answers after the master gave up. Each
 * setter arms the next {@code n} replies of this unit (replacing what was still armed; 0
 * disarms). Several kinds may be armed at once; one reply consumes one of each. Thread-safe,
 * never blocks.
 */
public final class UnitFaults {

    private final AtomicInteger wrongUnit = new AtomicInteger();
    private final AtomicInteger badCrc = new AtomicInteger();
    private final AtomicInteger silent = new AtomicInteger();
    private final AtomicInteger late = new AtomicInteger();
    private volatile Duration lateBy = Duration.ZERO;

    /** The next {@code n} replies carry another unit id (the id + 1, wrapping at 247), with a valid CRC. */
    public void answerWithWrongUnitId(int n) {
        wrongUnit.set(requireCount(n));
    }

    /** The next {@code n} replies go out with their CRC's low byte inverted. */
    public void corruptCrc(int n) {
        badCrc.set(requireCount(n));
    }

    /** The next {@code n} requests get no answer at all. */
    public void ignoreRequests(int n) {
        silent.set(requireCount(n));
    }

    /** The next {@code n} replies wait {@code extraDelay} longer than the unit's reply delay. */
    public void answerLate(int n, Duration extraDelay) {
        Objects.requireNonNull(extraDelay, "extraDelay");
        if (extraDelay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + extraDelay);
        }
        lateBy = extraDelay;
        late.set(requireCount(n));
    }

    /** Disarms every fault. */
    public void clear() {
        wrongUnit.set(0);
        badCrc.set(0);
        silent.set(0);
        late.set(0);
    }

    boolean takeWrongUnit() {
        return takeOne(wrongUnit);
    }

    boolean takeBadCrc() {
        return takeOne(badCrc);
    }

    boolean takeSilent() {
        return takeOne(silent);
    }

    Duration takeLateBy() {
        return takeOne(late) ? lateBy : Duration.ZERO;
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(c -> c > 0 ? c - 1 : 0) > 0;
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        return n;
    }
}
