package org.openami.meter.demand;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * Maximum demand by sliding window (滑差): the average power over the last
 * {@value #WINDOW_MINUTES} minutes, recomputed every minute, for forward and reverse active
 * energy. Energy is added as it is measured; {@link #minuteEnded} closes a one-minute bin.
 * Demand is only computed once the window is full of bins measured since power-up or
 * reset, so a partly observed window never counts.
 *
 * <p>Not thread-safe; the meter engine guards it. State is persisted with the registers.
 */
public final class DemandMeter {

    public static final int WINDOW_MINUTES = 15;
    public static final Duration SLIP = Duration.ofMinutes(1);
    /** Bytes of {@link #writeTo}. */
    public static final int BYTES = 2 * (WINDOW_MINUTES * Long.BYTES + 3 * Long.BYTES + 2 * Integer.BYTES) + Integer.BYTES;

    private final Channel forward = new Channel();
    private final Channel reverse = new Channel();
    private int filledBins;

    /** Adds energy measured in the current minute, mWh. */
    public void add(long forwardMwh, long reverseMwh) {
        forward.current += forwardMwh;
        reverse.current += reverseMwh;
    }

    /** Closes the current minute's bin at {@code end} and updates the maxima. */
    public void minuteEnded(Instant end) {
        forward.push();
        reverse.push();
        if (filledBins < WINDOW_MINUTES) {
            filledBins++;
        }
        if (filledBins == WINDOW_MINUTES) {
            forward.evaluate(end);
            reverse.evaluate(end);
        }
    }

    /**
     * A gap in measurement (power down): bins are no longer contiguous, so the window
     * starts filling again.
     */
    public void restartWindow() {
        forward.clearWindow();
        reverse.clearWindow();
        filledBins = 0;
    }

    /** Demand reset (19H, or settlement): maxima to zero; the window keeps sliding. */
    public void resetMaxima() {
        forward.max = MaxDemand.NONE;
        reverse.max = MaxDemand.NONE;
    }

    public MaxDemand forwardMax() {
        return forward.max;
    }

    public MaxDemand reverseMax() {
        return reverse.max;
    }

    /** The latest demand of forward active energy, mW (0 until the window is full). */
    public long currentForwardDemand() {
        return filledBins == WINDOW_MINUTES ? forward.windowSum() * 60 / WINDOW_MINUTES : 0;
    }

    public void writeTo(ByteBuffer out) {
        forward.writeTo(out);
        reverse.writeTo(out);
        out.putInt(filledBins);
    }

    public static DemandMeter readFrom(ByteBuffer in) {
        DemandMeter d = new DemandMeter();
        d.forward.readFrom(in);
        d.reverse.readFrom(in);
        int filled = in.getInt();
        if (filled < 0 || filled > WINDOW_MINUTES) {
            throw new IllegalArgumentException("stored demand window fill out of range: " + filled);
        }
        d.filledBins = filled;
        return d;
    }

    private static final class Channel {
        final long[] bins = new long[WINDOW_MINUTES];
        int next;
        long current;
        MaxDemand max = MaxDemand.NONE;

        void push() {
            bins[next] = current;
            next = (next + 1) % WINDOW_MINUTES;
            current = 0;
        }

        long windowSum() {
            long s = 0;
            for (long b : bins) {
                s += b;
            }
            return s;
        }

        void evaluate(Instant end) {
            // mWh over 15 minutes -> average mW: x 60 / 15
            long demand = windowSum() * 60 / WINDOW_MINUTES;
            if (demand > max.milliwatts()) {
                max = new MaxDemand(demand, end);
            }
        }

        void clearWindow() {
            java.util.Arrays.fill(bins, 0);
            current = 0;
        }

        void writeTo(ByteBuffer out) {
            for (long b : bins) {
                out.putLong(b);
            }
            out.putLong(current);
            out.putLong(max.milliwatts());
            out.putLong(max.at().toEpochMilli());
            out.putInt(next);
            out.putInt(0);
        }

        void readFrom(ByteBuffer in) {
            for (int i = 0; i < bins.length; i++) {
                bins[i] = nonNegative(in.getLong());
            }
            current = nonNegative(in.getLong());
            long mw = nonNegative(in.getLong());
            max = new MaxDemand(mw, Instant.ofEpochMilli(in.getLong()));
            next = in.getInt();
            in.getInt();
            if (next < 0 || next >= WINDOW_MINUTES) {
                throw new IllegalArgumentException("stored demand bin index out of range: " + next);
            }
        }

        private static long nonNegative(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("stored demand value is negative");
            }
            return v;
        }
    }
}
