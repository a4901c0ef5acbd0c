package org.openami.dlt645;

import java.util.Arrays;
import org.openami.dlt645.Dlt645FormatException.Reason;

/**
 * Reads one candidate frame a byte at a time, starting at its first 68H:
 * <pre>
 *   START -&gt; ADDRESS(6) -&gt; SECOND_START -&gt; CONTROL -&gt; LENGTH -&gt; DATA(L) -&gt; CHECKSUM -&gt; END -&gt; DONE
 *                       any rule broken -&gt; BAD
 * </pre>
 * DONE and BAD are terminal until {@link #reset()}. Every byte is checked as soon as it
 * arrives, so a candidate that cannot be a frame fails at the first byte that proves it; the
 * stream decoder then resynchronises one byte after the candidate's start. Memory is fixed
 * (6 address bytes, at most 200 data bytes). Not thread-safe.
 */
final class FrameParser {

    enum State { START, ADDRESS, SECOND_START, CONTROL, LENGTH, DATA, CHECKSUM, END, DONE, BAD }

    private final byte[] address = new byte[MeterAddress.SIZE];
    private final byte[] data = new byte[Dlt645Frame.MAX_REPLY_DATA];
    private State state = State.START;
    private int count;
    private int sum;
    private int length;
    private int checksum;
    private MeterAddress meterAddress;
    private ControlCode control;
    private Reason reason;
    private String detail;

    /** Forgets the candidate; the next byte must be a 68H. */
    void reset() {
        state = State.START;
        count = 0;
        sum = 0;
        length = 0;
        meterAddress = null;
        control = null;
        reason = null;
        detail = null;
    }

    State state() {
        return state;
    }

    /** Takes the next byte (0..255) of the candidate; returns the new state. */
    State accept(int b) {
        switch (state) {
            case START:
                if (b != Dlt645Frame.START) {
                    return fail(Reason.NO_START, String.format("frame starts with %02XH, not 68H", b));
                }
                return next(State.ADDRESS, b);
            case ADDRESS:
                if (!MeterAddress.isAddressByte(b)) {
                    return fail(Reason.BAD_ADDRESS, String.format("address byte %02XH is neither BCD nor AA", b));
                }
                if (count > 0 && (address[count - 1] & 0xFF) == MeterAddress.WILDCARD_BYTE && b != MeterAddress.WILDCARD_BYTE) {
                    return fail(Reason.BAD_ADDRESS, "AA only fills the high bytes, which are sent last");
                }
                address[count++] = (byte) b;
                if (count < MeterAddress.SIZE) {
                    return next(State.ADDRESS, b);
                }
                if (!MeterAddress.isValidWire(address, 0)) {
                    return fail(Reason.BAD_ADDRESS, "AA below a digit byte");
                }
                meterAddress = MeterAddress.fromWire(address, 0);
                count = 0;
                return next(State.SECOND_START, b);
            case SECOND_START:
                if (b != Dlt645Frame.START) {
                    return fail(Reason.NO_SECOND_START, String.format("%02XH where the second 68H belongs", b));
                }
                return next(State.CONTROL, b);
            case CONTROL:
                control = ControlCode.lookup(b);
                if (control == null) {
                    return fail(Reason.BAD_CONTROL, String.format("control byte %02XH", b));
                }
                if (control.isFromMeter() && !meterAddress.isSpecific()) {
                    return fail(Reason.BAD_ADDRESS, "a reply must carry the meter's own address, not " + meterAddress);
                }
                return next(State.LENGTH, b);
            case LENGTH:
                if (b > control.maxDataLength()) {
                    return fail(Reason.BAD_LENGTH, "L=" + b + " above " + control.maxDataLength() + " for " + control);
                }
                if (control.isAbnormal() && b != 1) {
                    return fail(Reason.BAD_LENGTH, "an abnormal reply carries one error byte, not " + b);
                }
                length = b;
                return next(length == 0 ? State.CHECKSUM : State.DATA, b);
            case DATA:
                int plain = (b - Dlt645Frame.DATA_OFFSET) & 0xFF;
                if (control.isAbnormal() && (plain & ErrorFlag.RESERVED_MASK) != 0) {
                    return fail(Reason.BAD_DATA, String.format("error byte %02XH sets reserved bit 7", plain));
                }
                data[count++] = (byte) plain;
                return next(count < length ? State.DATA : State.CHECKSUM, b);
            case CHECKSUM:
                checksum = b;
                state = State.END;
                return state;
            case END:
                if (b != Dlt645Frame.END) {
                    return fail(Reason.NO_END, String.format("%02XH where 16H belongs", b));
                }
                if (checksum != (sum & 0xFF)) {
                    return fail(Reason.BAD_CHECKSUM, String.format("CS %02XH, sum is %02XH", checksum, sum & 0xFF));
                }
                state = State.DONE;
                return state;
            default:
                throw new IllegalStateException("parser is " + state + "; reset() first");
        }
    }

    private State next(State s, int b) {
        sum += b;
        state = s;
        return s;
    }

    private State fail(Reason r, String why) {
        reason = r;
        detail = why;
        state = State.BAD;
        return state;
    }

    /**
     * Looks in {@code w} for the valid frame that starts earliest in {@code [from, end)} and
     * ends exactly at {@code end}. Returns its start and leaves this parser DONE with it, or
     * returns -1.
     */
    int findFrameEndingAt(byte[] w, int from, int end) {
        for (int s = from; s <= end - Dlt645Frame.OVERHEAD; s++) {
            if ((w[s] & 0xFF) != Dlt645Frame.START || (w[s + 7] & 0xFF) != Dlt645Frame.START
                    || s + Dlt645Frame.OVERHEAD + (w[s + 9] & 0xFF) != end) {
                continue;
            }
            reset();
            for (int i = s; i < end && state != State.BAD && state != State.DONE; i++) {
                accept(w[i] & 0xFF);
            }
            if (state == State.DONE) {
                return s;
            }
        }
        return -1;
    }

    /** The frame read; only in DONE. */
    Dlt645Frame frame() {
        if (state != State.DONE) {
            throw new IllegalStateException("no frame in state " + state);
        }
        return new Dlt645Frame(meterAddress, control, Arrays.copyOf(data, length));
    }

    /** Why the candidate failed; only in BAD. {@code bytes} are the candidate's bytes. */
    Dlt645FormatException failure(byte[] bytes) {
        if (state != State.BAD) {
            throw new IllegalStateException("no failure in state " + state);
        }
        return new Dlt645FormatException(reason, detail, bytes, meterAddress, control);
    }

    /** A candidate abandoned in a non-terminal state, for {@code reason}. */
    Dlt645FormatException abandoned(Reason why, String detailText, byte[] bytes) {
        return new Dlt645FormatException(why, detailText + " in " + state, bytes, meterAddress, control);
    }
}
