package org.openami.meter.freeze;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import org.openami.meter.demand.DemandMeter;
import org.openami.meter.demand.MaxDemand;
import org.openami.meter.register.EnergyRegisters;

/**
 * The registers as they stood at a freeze time: daily (00:00), monthly settlement,
 * or on command (16H).
 *
 * @param at          the freeze time (the boundary, not when it was written)
 * @param registers   every energy register at {@code at}
 * @param forwardMax  forward active maximum demand at {@code at}
 * @param reverseMax  reverse active maximum demand at {@code at}
 */
public record FreezeRecord(Instant at, EnergyRegisters registers, MaxDemand forwardMax, MaxDemand reverseMax) {

    public static final int BYTES = 8 + EnergyRegisters.BYTES + 4 * 8;

    public FreezeRecord {
        Objects.requireNonNull(at, "at");
        registers = registers.copy();
        Objects.requireNonNull(forwardMax, "forwardMax");
        Objects.requireNonNull(reverseMax, "reverseMax");
    }

    public static FreezeRecord of(Instant at, EnergyRegisters registers, DemandMeter demand) {
        return new FreezeRecord(at, registers, demand.forwardMax(), demand.reverseMax());
    }

    @Override
    public EnergyRegisters registers() {
        return registers.copy();
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES).putLong(at.getEpochSecond());
        registers.writeTo(out);
        out.putLong(forwardMax.milliwatts()).putLong(forwardMax.at().toEpochMilli());
        out.putLong(reverseMax.milliwatts()).putLong(reverseMax.at().toEpochMilli());
        return out.array();
    }

    /** @throws IllegalArgumentException if the bytes are not a freeze record */
    public static FreezeRecord decode(byte[] b) {
        if (b.length != BYTES) {
            throw new IllegalArgumentException("a freeze record is " + BYTES + " bytes, got " + b.length);
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        Instant at = Instant.ofEpochSecond(in.getLong());
        EnergyRegisters r = EnergyRegisters.readFrom(in);
        MaxDemand f = new MaxDemand(in.getLong(), Instant.ofEpochMilli(in.getLong()));
        MaxDemand v = new MaxDemand(in.getLong(), Instant.ofEpochMilli(in.getLong()));
        return new FreezeRecord(at, r, f, v);
    }
}
