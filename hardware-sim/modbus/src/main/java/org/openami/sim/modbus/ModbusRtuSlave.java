package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.serial.ReplySink;
import org.openami.sim.serial.SerialDevice;

/**
 * The slaves on one simulated Modbus RTU line (multi-drop: any number of unit ids share it).
 * Attach it to a {@link org.openami.sim.serial.VirtualSerialLine}; requests are cut into
 * frames by {@link RtuRequestFramer}, decoded and answered with j2mod's own request and
 * response classes against each unit's {@link ProcessImage}.
 *
 * <p>Behaviour of a real slave: a frame with a bad CRC, for a unit id nobody here has, or to
 * the broadcast address 0 gets no answer. Function codes 03 (read holding registers) and 04
 * (read input registers) are served; any other is answered with exception 01 (illegal
 * function). A quantity outside 1..the unit's {@link SlaveUnit#maxRegistersPerRead()} gets
 * exception 03 (illegal data value); a register range the image does not define gets
 * exception 02 (illegal data address). Replies leave after the unit's reply delay and are
 * paced at the line's baud rate by the line.
 *
 * <p>Threads: {@link #onBytes} runs on the line's reader thread and blocks it while a reply
 * is sent, as a half-duplex slave does. {@link #addUnit}, {@link #unit} and {@link
 * #statistics()} may be called from any thread. Garbage never stops the slave: bad input is
 * dropped and counted; a failure while answering one frame is logged and the next frame is
 * served.
 */
public final class ModbusRtuSlave implements SerialDevice {

    /** Shortest gap taken as the end of a frame, however fast the line: a pty's reader thread is scheduled, not clocked. */
    public static final Duration MIN_SILENCE = Duration.ofMillis(10);

    private static final System.Logger LOG = System.getLogger(ModbusRtuSlave.class.getName());

    private final Map<Integer, SlaveUnit> units = new ConcurrentHashMap<>();
    private final UnitImages images = new UnitImages(units);
    private final RtuRequestFramer framer;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong forOthers = new AtomicLong();
    private final AtomicLong broadcasts = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile long crcErrors;
    private volatile long discarded;

    /** A slave set for a line at {@code baud} with {@code bitsPerByte} bits per character. */
    public ModbusRtuSlave(int baud, int bitsPerByte) {
        this(silenceFor(baud, bitsPerByte), System::nanoTime);
    }

    ModbusRtuSlave(Duration silence, LongSupplier nanoTime) {
        this.framer = new RtuRequestFramer(silence.toNanos(), nanoTime);
    }

    /**
     * The gap that ends a frame: 3.5 character times (1.75 ms above 19200 baud, as the Modbus
     * serial line guide fixes it), but at least {@link #MIN_SILENCE}.
     */
    public static Duration silenceFor(int baud, int bitsPerByte) {
        long t35 = baud > 19_200 ? 1_750_000L : LineTiming.frameNanos(7, baud, bitsPerByte) / 2;
        return Duration.ofNanos(Math.max(t35, MIN_SILENCE.toNanos()));
    }

    /**
     * Puts a unit on the line.
     *
     * @param unitId 1..247
     * @return the unit's settings and fault handles
     * @throws IllegalArgumentException if the id is outside 1..247 or already taken
     */
    public SlaveUnit addUnit(int unitId, ProcessImage image) {
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("unit id " + unitId + " is outside 1..247");
        }
        SlaveUnit unit = new SlaveUnit(unitId, image);
        if (units.putIfAbsent(unitId, unit) != null) {
            throw new IllegalArgumentException("unit id " + unitId + " is already on this line");
        }
        return unit;
    }

    /**
     * The unit with {@code unitId}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public SlaveUnit unit(int unitId) {
        SlaveUnit unit = units.get(unitId);
        if (unit == null) {
            throw new IllegalArgumentException("no unit " + unitId + " on this line");
        }
        return unit;
    }

    /** Counters so far. */
    public SlaveStatistics statistics() {
        return new SlaveStatistics(frames.get(), forOthers.get(), broadcasts.get(), replies.get(),
                exceptions.get(), ignored.get(), crcErrors, discarded);
    }

    @Override
    public void onBytes(byte[] data, int len, ReplySink sink) {
        framer.accept(data, len, frame -> {
            try {
                serve(frame, sink);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "answering " + ModbusUtil.toHex(frame) + " failed; slave goes on", e);
            }
        });
        crcErrors = framer.crcErrors();
        discarded = framer.discardedBytes();
    }

    private void serve(byte[] frame, ReplySink sink) {
        frames.incrementAndGet();
        int unitId = frame[0] & 0xFF;
        if (unitId == 0) {
            broadcasts.incrementAndGet();
            return;
        }
        SlaveUnit unit = units.get(unitId);
        if (unit == null) {
            forOthers.incrementAndGet();
            return;
        }
        UnitFaults faults = unit.faults();
        if (faults.takeSilent()) {
            ignored.incrementAndGet();
            return;
        }
        ModbusResponse response = respond(unit, frame);
        if (response instanceof com.ghgande.j2mod.modbus.msg.ExceptionResponse) {
            exceptions.incrementAndGet();
        }
        byte[] reply = encode(response);
        if (faults.takeWrongUnit()) {
            reply[0] = (byte) (unitId % 247 + 1);
            putCrc(reply);
        }
        if (faults.takeBadCrc()) {
            reply[reply.length - 2] ^= (byte) 0xFF;
        }
        Duration delay = unit.replyDelay().plus(faults.takeLateBy());
        replies.incrementAndGet();
        sink.send(reply, delay);
    }

    private ModbusResponse respond(SlaveUnit unit, byte[] frame) {
        int fc = frame[1] & 0xFF;
        ModbusRequest request = ModbusRequest.createModbusRequest(fc);
        request.setHeadless();
        request.setUnitID(unit.unitId());
        if (fc != Modbus.READ_INPUT_REGISTERS && fc != Modbus.READ_MULTIPLE_REGISTERS) {
            return request.createExceptionResponse(Modbus.ILLEGAL_FUNCTION_EXCEPTION);
        }
        try {
            request.readData(new DataInputStream(new ByteArrayInputStream(frame, 2, frame.length - 4)));
        } catch (IOException e) {
            return request.createExceptionResponse(Modbus.ILLEGAL_VALUE_EXCEPTION);
        }
        int ref;
        int count;
        if (request instanceof ReadInputRegistersRequest r) {
            ref = r.getReference();
            count = r.getWordCount();
        } else {
            ReadMultipleRegistersRequest r = (ReadMultipleRegistersRequest) request;
            ref = r.getReference();
            count = r.getWordCount();
        }
        if (count < 1 || count > unit.maxRegistersPerRead()) {
            return request.createExceptionResponse(Modbus.ILLEGAL_VALUE_EXCEPTION);
        }
        if (ref + count > 0x10000) {
            return request.createExceptionResponse(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        }
        return request.createResponse(images);
    }

    private static byte[] encode(ModbusResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            response.writeTo(new DataOutputStream(out));
            out.write(0);
            out.write(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] reply = out.toByteArray();
        putCrc(reply);
        return reply;
    }

    private static void putCrc(byte[] frame) {
        int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc[0];
        frame[frame.length - 1] = (byte) crc[1];
    }

    @Override
    public String toString() {
        return "ModbusRtuSlave" + units.keySet();
    }
}
