package org.openami.meter.engine;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.openami.meter.demand.DemandMeter;
import org.openami.meter.register.EnergyRegisters;
import org.openami.meter.relay.RelayCommandState;

/**
 * Everything that changes every second or on a command and must survive a power cut,
 * saved as one snapshot so it is always self-consistent: the registers together with the
 * metering chip's accumulator state they were read up to, the demand window, the relay
 * commands and the anti-replay counter.
 */
final class LiveState {

    static final int MAX_ACCUMULATOR_BYTES = 512;
    private static final int FORMAT = 1;
    static final long NEVER = Long.MIN_VALUE;

    Instant lastTick;
    long clockOffsetMillis;
    EnergyRegisters registers = new EnergyRegisters();
    byte[] accumulator = new byte[0];
    DemandMeter demand = new DemandMeter();
    RelayCommandState relay = RelayCommandState.SUPPLY_ON;
    long lastAuthCounter;
    long lastTimeSyncEpochDay = NEVER;
    int wrongPasswords;
    long lockedUntilMillis = NEVER;
    long coverOpenSinceSeconds = NEVER;

    LiveState(Instant lastTick) {
        this.lastTick = lastTick;
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(MeterJournal.MAX_LIVE_BYTES);
        out.put((byte) FORMAT);
        out.putLong(lastTick.toEpochMilli());
        out.putLong(clockOffsetMillis);
        registers.writeTo(out);
        out.putShort((short) accumulator.length).put(accumulator);
        demand.writeTo(out);
        out.put(relay.encode());
        out.putLong(lastAuthCounter);
        out.putLong(lastTimeSyncEpochDay);
        out.putInt(wrongPasswords);
        out.putLong(lockedUntilMillis);
        out.putLong(coverOpenSinceSeconds);
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    /** @throws IllegalArgumentException (or a buffer underflow) if the bytes are not a live state */
    static LiveState decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        int format = in.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown live-state format " + format);
        }
        LiveState s = new LiveState(Instant.ofEpochMilli(in.getLong()));
        s.clockOffsetMillis = in.getLong();
        s.registers = EnergyRegisters.readFrom(in);
        int n = in.getShort();
        if (n < 0 || n > MAX_ACCUMULATOR_BYTES) {
            throw new IllegalArgumentException("stored accumulator state length out of range: " + n);
        }
        s.accumulator = new byte[n];
        in.get(s.accumulator);
        s.demand = DemandMeter.readFrom(in);
        s.relay = RelayCommandState.decode(in.get());
        s.lastAuthCounter = in.getLong();
        s.lastTimeSyncEpochDay = in.getLong();
        s.wrongPasswords = in.getInt();
        s.lockedUntilMillis = in.getLong();
        s.coverOpenSinceSeconds = in.getLong();
        return s;
    }
}
