package org.openami.sim.chip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test or the demo can inject into a chip model: failed transfers, corrupted
 * replies, registers stuck at a value. (A chip reset is the model's own
 * {@code powerOnReset()}.) Thread-safe; each injected fault is used up once.
 */
public final class ChipFaults {

    private final AtomicInteger busErrors = new AtomicInteger();
    private final AtomicInteger corruptions = new AtomicInteger();
    private final Map<Integer, Long> stuck = new ConcurrentHashMap<>();

    /** The next {@code n} transfers fail with an I/O error. */
    public void failNextTransfers(int n) {
        busErrors.addAndGet(n);
    }

    /** The next {@code n} replies have one bit flipped. */
    public void corruptNextReplies(int n) {
        corruptions.addAndGet(n);
    }

    /** Register {@code address} reads {@code value} until {@link #release}d. */
    public void stick(int address, long value) {
        stuck.put(address, value);
    }

    public void release(int address) {
        stuck.remove(address);
    }

    /** True if this transfer should fail (and uses up one injected failure). */
    public boolean takeBusError() {
        return takeOne(busErrors);
    }

    /** True if this reply should be corrupted (and uses up one injected corruption). */
    public boolean takeCorruption() {
        return takeOne(corruptions);
    }

    /** The value a stuck register shows, or {@code null}. */
    public Long stuckValue(int address) {
        return stuck.get(address);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
