package org.openami.dlt645;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.data.ClockFormat;

/**
 * One DL/T 645-2007 frame: {@code [FE x n] 68 A0..A5 68 C L DATA CS 16}.
 *
 * <p>Immutable. {@link #data()} is the data field as the application sees it, <b>without</b>
 * the 33H offset; {@link #encode(int)} adds 33H to every data byte (mod 256), computes CS as
 * the sum mod 256 of every byte from the first 68H to the last data byte (preambles excluded)
 * and appends 16H. Every instance obeys the standard's limits, checked when it is built:
 * <ul>
 *   <li>L &lt;= 200 in a reply (read reply limit), L &lt;= 50 in a request (write limit);</li>
 *   <li>an abnormal reply carries exactly one error byte, reserved bit 7 clear;</li>
 *   <li>a reply carries the meter's specific address, never a wildcard or broadcast.</li>
 * </ul>
 * Factories and {@link #of} throw {@link IllegalArgumentException} when a rule is broken.
 */
public final class Dlt645Frame {

    /** Start byte, sent twice: before and after the address. */
    public static final int START = 0x68;
    /** End byte. */
    public static final int END = 0x16;
    /** Preamble byte that wakes the receiver; sent 0..4 times before a frame, not part of it. */
    public static final int PREAMBLE = 0xFE;
    /** Added to every data byte on the wire. */
    public static final int DATA_OFFSET = 0x33;
    /** Most preamble bytes {@link #encode(int)} writes. */
    public static final int MAX_PREAMBLE = 4;
    /** Bytes of a frame besides its data: 68, address, 68, C, L, CS, 16. */
    public static final int OVERHEAD = 12;
    /** Largest L of a reply. */
    public static final int MAX_REPLY_DATA = 200;
    /** Largest L of a request. */
    public static final int MAX_REQUEST_DATA = 50;
    /** Bound on any frame a one-byte L can describe: 12 + 255. */
    public static final int MAX_FRAME_BYTES = OVERHEAD + 255;

    private final MeterAddress address;
    private final ControlCode control;
    private final byte[] data;

    /** Takes ownership of {@code data}. */
    Dlt645Frame(MeterAddress address, ControlCode control, byte[] data) {
        this.address = Objects.requireNonNull(address, "address");
        this.control = Objects.requireNonNull(control, "control");
        this.data = Objects.requireNonNull(data, "data");
        if (data.length > control.maxDataLength()) {
            throw new IllegalArgumentException("L=" + data.length + " above " + control.maxDataLength() + " for " + control);
        }
        if (control.isAbnormal() && (data.length != 1 || (data[0] & ErrorFlag.RESERVED_MASK) != 0)) {
            throw new IllegalArgumentException("an abnormal reply carries one error byte with bit 7 clear");
        }
        if (control.isFromMeter() && !address.isSpecific()) {
            throw new IllegalArgumentException("a reply carries the meter's own address, not " + address);
        }
    }

    /** A frame from its fields; {@code data} is copied and must not include the 33H offset. */
    public static Dlt645Frame of(MeterAddress address, ControlCode control, byte[] data) {
        return new Dlt645Frame(address, control, data.clone());
    }

    /** A master request with a function and its data. */
    public static Dlt645Frame request(MeterAddress address, Function function, byte[] data) {
        return of(address, ControlCode.request(function), data);
    }

    /** Read data (11H) of one identifier: {@code L = 4}, the DI sent DI0 first. */
    public static Dlt645Frame readData(MeterAddress address, DataIdentifier di) {
        return new Dlt645Frame(address, ControlCode.request(Function.READ_DATA), di.toWire());
    }

    /** Read follow-up data (12H): the DI and the frame sequence number {@code seq} (0..255). */
    public static Dlt645Frame readFollowUp(MeterAddress address, DataIdentifier di, int seq) {
        if (seq < 0 || seq > 0xFF) {
            throw new IllegalArgumentException("SEQ is one byte: " + seq);
        }
        byte[] d = Arrays.copyOf(di.toWire(), DataIdentifier.SIZE + 1);
        d[DataIdentifier.SIZE] = (byte) seq;
        return new Dlt645Frame(address, ControlCode.request(Function.READ_FOLLOW_UP), d);
    }

    /** Read address (13H) to {@code AAAAAAAAAAAA}: the only meter on the line answers. */
    public static Dlt645Frame readAddress() {
        return new Dlt645Frame(MeterAddress.ANY, ControlCode.request(Function.READ_ADDRESS), new byte[0]);
    }

    /**
     * Broadcast time sync (08H) to {@code 999999999999}; data YYMMDDhhmmss, sent ss first.
     * Fractions of a second are dropped. Meters set their clocks and do not answer.
     */
    public static Dlt645Frame broadcastTimeSync(LocalDateTime time) {
        return new Dlt645Frame(MeterAddress.BROADCAST, ControlCode.request(Function.BROADCAST_TIME_SYNC),
                ClockFormat.encodeDateTime(time));
    }

    /** Normal reply ({@code 80H | code}) of the meter at {@code address}. */
    public static Dlt645Frame normalReply(MeterAddress address, Function function, byte[] data) {
        return normalReply(address, function, false, data);
    }

    /** Normal reply, announcing follow-up frames ({@code A0H | code}) when {@code followUp}. */
    public static Dlt645Frame normalReply(MeterAddress address, Function function, boolean followUp, byte[] data) {
        return of(address, ControlCode.normalReply(function, followUp), data);
    }

    /** Normal reply to read data (91H): the DI, then the value bytes (wire order, no offset). */
    public static Dlt645Frame readReply(MeterAddress address, DataIdentifier di, byte[] value) {
        byte[] d = new byte[DataIdentifier.SIZE + value.length];
        di.writeTo(d, 0);
        System.arraycopy(value, 0, d, DataIdentifier.SIZE, value.length);
        return new Dlt645Frame(address, ControlCode.normalReply(Function.READ_DATA), d);
    }

    /** Reply to read address (93H): the meter's address, in the address field and as data. */
    public static Dlt645Frame addressReply(MeterAddress own) {
        return new Dlt645Frame(own, ControlCode.normalReply(Function.READ_ADDRESS), own.toWire());
    }

    /** Abnormal reply ({@code C0H | code}) carrying one error byte. */
    public static Dlt645Frame abnormalReply(MeterAddress address, Function function, Set<ErrorFlag> errors) {
        return new Dlt645Frame(address, ControlCode.abnormalReply(function), new byte[] {(byte) ErrorFlag.toByte(errors)});
    }

    public MeterAddress address() {
        return address;
    }

    public ControlCode control() {
        return control;
    }

    /** Shorthand for {@code control().function()}. */
    public Function function() {
        return control.function();
    }

    /** The data field without the 33H offset (a copy). */
    public byte[] data() {
        return data.clone();
    }

    /** L, the number of data bytes. */
    public int dataLength() {
        return data.length;
    }

    /**
     * The data identifier a read (11H), read follow-up (12H) or write (14H) request or normal
     * reply starts with; empty for other frames.
     */
    public Optional<DataIdentifier> dataIdentifier() {
        Function f = control.function();
        boolean carriesDi = f == Function.READ_DATA || f == Function.READ_FOLLOW_UP || f == Function.WRITE_DATA;
        if (!carriesDi || control.isAbnormal() || data.length < DataIdentifier.SIZE) {
            return Optional.empty();
        }
        return Optional.of(DataIdentifier.fromWire(data, 0));
    }

    /** The error flags of an abnormal reply; empty for any other frame. */
    public Set<ErrorFlag> errors() {
        return control.isAbnormal() ? ErrorFlag.fromByte(data[0] & 0xFF) : Collections.emptySet();
    }

    /** Wire bytes without preamble. */
    public byte[] encode() {
        return encode(0);
    }

    /**
     * Wire bytes: {@code preamble} (0..4) FE bytes, then the frame with the data offset,
     * checksum and end byte. Stateless: the same frame always encodes to the same bytes.
     */
    public byte[] encode(int preamble) {
        if (preamble < 0 || preamble > MAX_PREAMBLE) {
            throw new IllegalArgumentException("preamble of " + preamble + " FE bytes; 0.." + MAX_PREAMBLE);
        }
        byte[] out = new byte[preamble + OVERHEAD + data.length];
        Arrays.fill(out, 0, preamble, (byte) PREAMBLE);
        int p = preamble;
        out[p++] = (byte) START;
        address.writeTo(out, p);
        p += MeterAddress.SIZE;
        out[p++] = (byte) START;
        out[p++] = (byte) control.toByte();
        out[p++] = (byte) data.length;
        for (byte b : data) {
            out[p++] = (byte) (b + DATA_OFFSET);
        }
        int sum = 0;
        for (int i = preamble; i < p; i++) {
            sum += out[i] & 0xFF;
        }
        out[p++] = (byte) sum;
        out[p] = (byte) END;
        return out;
    }

    /** Decodes exactly one frame, optionally preceded by FE bytes; see {@link #decode(byte[], int, int)}. */
    public static Dlt645Frame decode(byte[] wire) throws Dlt645FormatException {
        return decode(wire, 0, wire.length);
    }

    /**
     * Decodes exactly one frame from {@code len} bytes at {@code off}: any number of FE
     * preamble bytes, then one frame and nothing after its 16H.
     *
     * @throws Dlt645FormatException with the reason the bytes are not one valid frame;
     *         {@link Dlt645FormatException.Reason#TRUNCATED} if they end early and
     *         {@link Dlt645FormatException.Reason#BAD_LENGTH} if bytes follow the 16H
     */
    public static Dlt645Frame decode(byte[] wire, int off, int len) throws Dlt645FormatException {
        Objects.checkFromIndexSize(off, len, wire.length);
        int start = off;
        int end = off + len;
        while (start < end && (wire[start] & 0xFF) == PREAMBLE) {
            start++;
        }
        FrameParser parser = new FrameParser();
        for (int i = start; i < end; i++) {
            FrameParser.State s = parser.accept(wire[i] & 0xFF);
            if (s == FrameParser.State.BAD) {
                throw parser.failure(Arrays.copyOfRange(wire, start, i + 1));
            }
            if (s == FrameParser.State.DONE) {
                if (i + 1 < end) {
                    throw new Dlt645FormatException(Dlt645FormatException.Reason.BAD_LENGTH,
                            (end - i - 1) + " bytes after the end 16H", Arrays.copyOfRange(wire, start, end),
                            parser.frame().address(), parser.frame().control());
                }
                return parser.frame();
            }
        }
        throw parser.abandoned(Dlt645FormatException.Reason.TRUNCATED, "input ended after " + (end - start) + " bytes",
                Arrays.copyOfRange(wire, start, end));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dlt645Frame)) {
            return false;
        }
        Dlt645Frame f = (Dlt645Frame) o;
        return address.equals(f.address) && control.equals(f.control) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, control, Arrays.hashCode(data));
    }

    /** E.g. {@code Dlt645Frame[218231000114 91H(READ_DATA reply) data=00 00 01 00 06 00 00 00]}. */
    @Override
    public String toString() {
        return "Dlt645Frame[" + address + " " + control + " data=" + Hex.of(data) + "]";
    }
}
