package org.openami.sim.chip.bl0942;

import java.time.Duration;
import java.time.Instant;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.time.ManualClock;

/** A test's side of the UART: builds frames the way a host does and talks to one model directly. */
final class Bl0942Host {

    static final double SHUNT_MILLI_OHM = 1.0;
    static final double DIVIDER = (510 + 1_950_000) / 510.0;

    final ManualClock clock = new ManualClock(Instant.parse("2024-06-01T00:00:00Z"));
    final ConstantLoad load = new ConstantLoad(new PhaseState(230, 5, 0, 50));
    final Bl0942Model model;
    private long wireNanos;

    Bl0942Host(int address) {
        model = new Bl0942Model(clock, load, AnalogErrors.NONE, address, SHUNT_MILLI_OHM, DIVIDER);
    }

    /** Sends bytes 1 ms (wire time) after the previous ones; returns the chip's answer. */
    byte[] send(int... bytes) {
        return sendAfter(Duration.ofMillis(1), bytes);
    }

    byte[] sendAfter(Duration gap, int... bytes) {
        wireNanos += gap.toNanos();
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return model.onBytes(b, wireNanos);
    }

    byte[] readFrame(int address, int register) {
        return send(0x58 | address, register);
    }

    /** Reads a register at address 0 and checks the reply's checksum; returns the 24-bit value. */
    long read(int register) {
        byte[] r = readFrame(0, register);
        if (r.length != 4) {
            throw new AssertionError("expected a 4-byte reply, got " + r.length);
        }
        if ((r[3] & 0xFF) != (~(0x58 + register + (r[0] & 0xFF) + (r[1] & 0xFF) + (r[2] & 0xFF)) & 0xFF)) {
            throw new AssertionError("bad checksum");
        }
        return (r[0] & 0xFF) | (r[1] & 0xFF) << 8 | (r[2] & 0xFF) << 16;
    }

    static int[] writeFrame(int address, int register, int value) {
        int[] f = {0xA8 | address, register, value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, 0};
        f[5] = ~(f[0] + f[1] + f[2] + f[3] + f[4]) & 0xFF;
        return f;
    }

    byte[] write(int register, int value) {
        return send(writeFrame(0, register, value));
    }

    void unlockAndWrite(int register, int value) {
        write(Bl0942Registers.USR_WRPROT, Bl0942Registers.UNLOCK_KEY);
        write(register, value);
    }

    void run(Duration d) {
        clock.advance(d);
        model.advance();
    }
}
