package org.openami.meter.freeze;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One 15-minute load-curve point (负荷曲线): instantaneous values of phase A (or the single
 * phase) and the totals at the quarter hour.
 *
 * @param at                the quarter hour
 * @param voltageMv         phase A voltage, mV
 * @param currentMa         phase A current, mA
 * @param activePowerMw     total active power, mW (signed, negative = export)
 * @param forwardActiveMwh  forward active energy total, mWh
 * @param reverseActiveMwh  reverse active energy total, mWh
 */
public record LoadProfilePoint(Instant at, int voltageMv, int currentMa, long activePowerMw,
                               long forwardActiveMwh, long reverseActiveMwh) {

    public static final int BYTES = 8 + 4 + 4 + 8 + 8 + 8;

    public LoadProfilePoint {
        Objects.requireNonNull(at, "at");
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).putLong(at.getEpochSecond()).putInt(voltageMv).putInt(currentMa)
                .putLong(activePowerMw).putLong(forwardActiveMwh).putLong(reverseActiveMwh).array();
    }

    /** @throws IllegalArgumentException if the bytes are not a profile point */
    public static LoadProfilePoint decode(byte[] b) {
        if (b.length != BYTES) {
            throw new IllegalArgumentException("a load profile point is " + BYTES + " bytes, got " + b.length);
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        return new LoadProfilePoint(Instant.ofEpochSecond(in.getLong()), in.getInt(), in.getInt(), in.getLong(),
                in.getLong(), in.getLong());
    }
}
