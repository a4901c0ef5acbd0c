package org.openami.meter.link;

/**
 * Removes our own transmission from the received stream on adapters that echo it. After
 * {@link #expect} it swallows received bytes while they equal the written ones, in order.
 * On the first byte that differs, or when the deadline passes, the bytes swallowed so far
 * were not an echo after all and are handed back in front of the rest, so no byte of a real
 * request is ever lost. Bounded: holds one reply. Not thread-safe: the reader thread owns it.
 */
final class EchoFilter {

    private byte[] expected = new byte[0];
    private int matched;
    private long deadline;
    private boolean active;

    /** Starts expecting {@code written} back until {@code deadlineNanos} (System.nanoTime). */
    void expect(byte[] written, long deadlineNanos) {
        expected = written.clone();
        matched = 0;
        deadline = deadlineNanos;
        active = written.length > 0;
    }

    /** Stops expecting an echo, forgetting a partial match (after a port reopen). */
    void clear() {
        active = false;
        matched = 0;
    }

    /** Largest number of bytes {@link #filter} may produce for {@code n} input bytes. */
    int maxOutput(int n) {
        return n + expected.length;
    }

    /**
     * Filters {@code n} received bytes (n may be 0, to let the deadline pass).
     *
     * @param out receives the bytes to decode; at least {@link #maxOutput(int) maxOutput(n)} long
     * @return the number of bytes written to {@code out}, and through {@code ignored[0]} the
     *         number of echo bytes swallowed by a completed match
     */
    int filter(byte[] in, int n, long now, byte[] out, int[] ignored) {
        int o = 0;
        ignored[0] = 0;
        if (active && now - deadline > 0) {
            o = release(out, o);
        }
        for (int i = 0; i < n; i++) {
            if (active) {
                if (in[i] == expected[matched]) {
                    if (++matched == expected.length) {
                        ignored[0] += matched;
                        clear();
                    }
                    continue;
                }
                o = release(out, o);
            }
            out[o++] = in[i];
        }
        return o;
    }

    /** Whether bytes are being matched against an expected echo. */
    boolean active() {
        return active;
    }

    private int release(byte[] out, int o) {
        System.arraycopy(expected, 0, out, o, matched);
        int next = o + matched;
        clear();
        return next;
    }

    @Override
    public String toString() {
        return active ? "EchoFilter[" + matched + "/" + expected.length + " matched]" : "EchoFilter[idle]";
    }
}
