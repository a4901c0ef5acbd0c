package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.time.Duration;
import java.util.Objects;

/**
 * One unit id on a simulated Modbus line: its j2mod {@link ProcessImage}, how long it takes to
 * answer, how many registers it serves in one read, and its {@link UnitFaults}. Settings may
 * change while the line runs; they apply from the next request. Thread-safe.
 */
public final class SlaveUnit {

    /** Longest reply delay a unit may be given. */
    public static final Duration MAX_REPLY_DELAY = Duration.ofSeconds(5);

    private final int unitId;
    private final ProcessImage image;
    private final UnitFaults faults = new UnitFaults();
    private volatile Duration replyDelay = Duration.ofMillis(10);
    private volatile int maxRegistersPerRead = 125;

    SlaveUnit(int unitId, ProcessImage image) {
        this.unitId = unitId;
        this.image = Objects.requireNonNull(image, "image");
    }

    public int unitId() {
        return unitId;
    }

    public ProcessImage image() {
        return image;
    }

    public UnitFaults faults() {
        return faults;
    }

    public Duration replyDelay() {
        return replyDelay;
    }

    /**
     * Silence between the end of a request and the first byte of the reply (typical meters:
     * 5..50 ms). Default 10 ms.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_REPLY_DELAY}
     */
    public SlaveUnit replyDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_REPLY_DELAY) > 0) {
            throw new IllegalArgumentException("reply delay " + delay + " is outside 0.." + MAX_REPLY_DELAY);
        }
        this.replyDelay = delay;
        return this;
    }

    public int maxRegistersPerRead() {
        return maxRegistersPerRead;
    }

    /**
     * The most registers one read may ask for; more is answered with exception 03 (illegal
     * data value). Modbus allows 125; the SDM630 serves 80 (40 parameters). Default 125.
     *
     * @throws IllegalArgumentException if outside 1..125
     */
    public SlaveUnit maxRegistersPerRead(int max) {
        if (max < 1 || max > 125) {
            throw new IllegalArgumentException("max registers per read " + max + " is outside 1..125");
        }
        this.maxRegistersPerRead = max;
        return this;
    }

    @Override
    public String toString() {
        return "unit " + unitId;
    }
}
