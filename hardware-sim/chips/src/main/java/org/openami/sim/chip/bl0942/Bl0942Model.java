package org.openami.sim.chip.bl0942;

import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Objects;
import org.openami.hal.time.HalClock;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.ChipFaults;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.load.LoadModel;

/**
 * A Belling BL0942 on its UART, as a pure byte-stream device: {@link #onBytes} takes what
 * the host sent and returns the chip's answer (possibly empty), to be sent back after
 * {@link #replyDelay()}. A virtual serial line adapts it to a pseudo-terminal; unit tests
 * call it directly.
 *
 * <p><b>Protocol</b> (8N1, half duplex, the chip only answers reads):
 * <ul>
 *   <li>read {@code 0x58|a, reg} &rarr; {@code D0 D1 D2 CS}, 24-bit little-endian,
 *       CS = NOT(cmd + reg + D0 + D1 + D2);</li>
 *   <li>full packet {@code 0x58|a, 0xAA} &rarr; 23 bytes: 0x55, I_RMS, V_RMS, I_FAST_RMS,
 *       WATT, CF_CNT, FREQ, STATUS, CS = NOT(cmd + bytes 0..21);</li>
 *   <li>write {@code 0xA8|a, reg, D0, D1, D2, CS}: no answer; ignored on a bad checksum,
 *       for read-only registers, and for user registers while write-protected;</li>
 *   <li>frames for another address {@code a} are ignored; incomplete frames are dropped
 *       after an idle gap ({@link #setFrameTimeout}); stray bytes are dropped.</li>
 * </ul>
 * Undefined register addresses read as 0 (the real chip's answer is unknown).
 *
 * <p><b>Energy:</b> every command addressed to this chip first integrates the load up to
 * {@code clock.now()} ({@code EnergyIntegrator}); whole pulses of the chip's energy per
 * CF count go into CF_CNT (24 bit, wraps): by magnitude when MODE.CF_CNT_ADD_SEL = 1 (the
 * default), algebraically (counting down on export) when 0; nothing while MODE.CF_EN = 0.
 * With MODE.CF_CNT_CLR_SEL = 1 a read of CF_CNT (alone or in the full packet) clears it.
 *
 * <p><b>Faults</b> ({@link #faults()}): an injected bus error swallows one command (no reply,
 * a write is not applied); a corruption flips bit 0 of the reply's first byte; a stuck
 * register reads its stuck value (also in the full packet). {@link #powerOnReset()} is a
 * supply dip: registers to defaults, CF_CNT to 0, the pending pulse fraction lost.
 *
 * <p>Thread-safe: every method is serialised on the model (the line's reader thread and the
 * test thread may both call in); the clock is read, never advanced.
 */
public final class Bl0942Model {

    /** Default idle gap after which a partial command frame is dropped. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofMillis(20);

    private final int address;
    private final UserRegisters regs = new UserRegisters();
    private final Bl0942Metrology metrology;
    private final FrameAssembler assembler = new FrameAssembler();
    private final ChipFaults faults = new ChipFaults();
    private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
    private Duration replyDelay = Duration.ZERO;

    /**
     * @param clock          simulated (or real) time; read on the caller's thread, so it must be thread-safe
     * @param load           what flows through the meter
     * @param errors         the analog front end's errors (the chip cannot correct its phase error)
     * @param address        UART address 0..3 = (A2 << 1) | A1; 0 for the SSOP10 package
     * @param shuntMilliOhm  current shunt, e.g. 1.0
     * @param dividerRatio   voltage divider (R1 + R2) / R1, e.g. 3824.5 for 5 x 390 kOhm over 510 Ohm
     */
    public Bl0942Model(HalClock clock, LoadModel load, AnalogErrors errors, int address, double shuntMilliOhm,
                       double dividerRatio) {
        if (address < 0 || address > 3) {
            throw new IllegalArgumentException("BL0942 address is 0..3: " + address);
        }
        Objects.requireNonNull(clock, "clock");
        this.address = address;
        this.metrology = new Bl0942Metrology(clock, load, errors, shuntMilliOhm, dividerRatio, regs);
    }

    /** Handles bytes that arrived now (by {@link System#nanoTime()}). */
    public byte[] onBytes(byte[] received) {
        return onBytes(received, System.nanoTime());
    }

    /**
     * Handles bytes received at {@code arrivalNanos} (a monotonic real-time reading: the idle
     * gap is wire time, not simulated time).
     *
     * @return the reply bytes for every read completed by these bytes, in order; empty if none
     */
    public synchronized byte[] onBytes(byte[] received, long arrivalNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : assembler.accept(received, arrivalNanos, frameTimeout.toNanos())) {
            if ((frame[0] & 0x03) != address || faults.takeBusError()) {
                continue;
            }
            metrology.advance();
            if (frame.length == 2) {
                out.writeBytes(corrupted(answerRead(frame[0] & 0xFF, frame[1] & 0xFF)));
            } else if (Bl0942Frames.writeChecksumOk(frame)) {
                regs.write(frame[1] & 0xFF, Bl0942Frames.le24(frame, 2));
            }
        }
        return out.toByteArray();
    }

    private byte[] answerRead(int command, int register) {
        if (register == FULL_PACKET) {
            Bl0942Metrology.Readings r = metrology.read();
            long[] fields = {stuckOr(I_RMS, r.iRms()), stuckOr(V_RMS, r.vRms()), stuckOr(I_FAST_RMS, r.iFastRms()),
                stuckOr(WATT, r.watt()), stuckOr(CF_CNT, takeCfCount()), stuckOr(FREQ, r.freq()),
                stuckOr(STATUS, r.status())};
            return Bl0942Frames.packet(command, fields);
        }
        long value = register == CF_CNT ? takeCfCount() : peek(register);
        return Bl0942Frames.registerReply(command, register, stuckOr(register, value));
    }

    private long takeCfCount() {
        long cf = metrology.cfCount();
        if ((regs.get(MODE) & MODE_CF_CNT_CLR) != 0) {
            metrology.setCfCount(0);
        }
        return cf;
    }

    private long stuckOr(int register, long value) {
        Long stuck = faults.stuckValue(register);
        return stuck != null ? stuck : value;
    }

    private byte[] corrupted(byte[] reply) {
        if (faults.takeCorruption()) {
            reply[0] ^= 0x01;
        }
        return reply;
    }

    /**
     * A register's current value without side effects (no read-clear, no fault, no energy
     * integration), for tests. Undefined addresses give 0.
     */
    public synchronized long peek(int register) {
        Bl0942Metrology.Readings r = metrology.read();
        return switch (register) {
            case I_RMS -> r.iRms();
            case V_RMS -> r.vRms();
            case I_FAST_RMS -> r.iFastRms();
            case WATT -> r.watt();
            case CF_CNT -> metrology.cfCount();
            case FREQ -> r.freq();
            case STATUS -> r.status();
            case USR_WRPROT -> regs.unlocked() ? 1 : 0;
            default -> UserRegisters.isUserRegister(register) ? regs.get(register) : 0;
        };
    }

    /** Sets CF_CNT (masked to 24 bits), e.g. just below the wrap for a test. */
    public synchronized void preloadCfCount(long value) {
        metrology.advance();
        metrology.setCfCount(value);
    }

    /** A supply dip: user registers to defaults and locked, CF_CNT to 0, pending energy lost. */
    public synchronized void powerOnReset() {
        metrology.advance();
        regs.reset();
        metrology.powerOnReset();
    }

    /** Fault injection; thread-safe on its own. */
    public ChipFaults faults() {
        return faults;
    }

    /** Energy that really flowed through the meter (what an ideal meter would count). */
    public GroundTruth groundTruth() {
        return metrology.groundTruth();
    }

    /** Integrates the load up to the clock's now (commands do this themselves). */
    public synchronized void advance() {
        metrology.advance();
    }

    /** Energy per CF_CNT count of this board, in watt-hours. */
    public double whPerCount() {
        return metrology.whPerCount();
    }

    public int address() {
        return address;
    }

    /** Bytes dropped so far as noise or as incomplete frames. */
    public synchronized long droppedBytes() {
        return assembler.droppedBytes();
    }

    /** Silence between the end of a command and the first reply byte (the real value is not documented). */
    public synchronized Duration replyDelay() {
        return replyDelay;
    }

    public synchronized void setReplyDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative reply delay " + delay);
        }
        this.replyDelay = delay;
    }

    public synchronized Duration frameTimeout() {
        return frameTimeout;
    }

    /** Idle gap after which a partial command frame is dropped (unconfirmed on the real chip; 20 ms default). */
    public synchronized void setFrameTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("frame timeout must be positive: " + timeout);
        }
        this.frameTimeout = timeout;
    }
}
