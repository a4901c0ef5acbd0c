package org.openami.concentrator.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.ReplyAssembler;

/**
 * Assembles the reply to one register read. The reply's length follows from the request: a
 * normal reply is unit, function, byte count {@code 2 x count}, the registers and the CRC
 * ({@code 5 + 2 x count} bytes); an exception reply is unit, {@code function | 0x80}, code,
 * CRC (5 bytes). So the reply is complete the moment its last byte arrives, without waiting
 * for RTU's 3.5-character silence.
 *
 * <p>Outcomes: the registers; {@link FailureReason#CORRUPT} for a wrong CRC, a function code
 * that belongs to no reply of this request, or a frame longer than RTU allows;
 * {@link FailureReason#REFUSED} for an exception reply from the unit (the message names the
 * code, e.g. "exception 02 (illegal data address)"); {@link FailureReason#WRONG_ADDRESS} for a
 * valid frame from another unit id, or from this unit with another register count (a late
 * reply to an earlier request). Such a foreign frame is set aside and the assembler goes on
 * waiting for the real reply ({@link #betweenFrames()}); if none comes, {@link #silence()}
 * reports it. Bytes are parsed with j2mod's response classes after the CRC is checked.
 *
 * <p>Memory is bounded by one RTU frame. One instance per attempt; not thread-safe (the
 * channel calls it from one thread).
 */
final class ReadRegistersAssembler implements ReplyAssembler<int[]> {

    private final int unit;
    private final RegisterFunction function;
    private final int count;
    private final byte[] buf = new byte[RtuFrames.MAX_FRAME];
    private int size;
    private ExchangeException foreign;

    ReadRegistersAssembler(int unit, RegisterFunction function, int count) {
        this.unit = unit;
        this.function = function;
        this.count = count;
    }

    @Override
    public int[] offer(byte[] data, int off, int len) throws ExchangeException {
        for (int i = 0; i < len; i++) {
            buf[size++] = data[off + i];
            int expected = expectedLength();
            if (expected > 0 && size == expected) {
                int[] result = complete(expected);
                if (result != null) {
                    return result;
                }
                size = 0; // a foreign frame was set aside: wait for the next one
            }
        }
        return null;
    }

    @Override
    public int[] silence() throws ExchangeException {
        if (size == 0 && foreign != null) {
            throw foreign;
        }
        if (size >= 4 && RtuFrames.crcMatches(buf, size) && (buf[0] & 0xFF) != unit) {
            throw new ExchangeException(FailureReason.WRONG_ADDRESS,
                    "a " + size + "-byte frame from unit " + (buf[0] & 0xFF) + ", expected unit " + unit);
        }
        return null;
    }

    @Override
    public boolean betweenFrames() {
        return size == 0 && foreign != null;
    }

    /** Total length of the frame being received, 0 while it is not known yet. */
    private int expectedLength() throws ExchangeException {
        if (size < 2) {
            return 0;
        }
        int fc = buf[1] & 0xFF;
        if (fc == (function.code() | 0x80)) {
            return 5;
        }
        if (fc != function.code()) {
            throw new ExchangeException(FailureReason.CORRUPT, String.format(
                    "function 0x%02X in the reply from unit %d, expected 0x%02X or 0x%02X",
                    fc, buf[0] & 0xFF, function.code(), function.code() | 0x80));
        }
        if (size < 3) {
            return 0;
        }
        int byteCount = buf[2] & 0xFF;
        if (byteCount > 2 * ModbusRtuMaster.MAX_REGISTERS) {
            throw new ExchangeException(FailureReason.CORRUPT, "byte count " + byteCount
                    + " in the reply is more than " + ModbusRtuMaster.MAX_REGISTERS + " registers");
        }
        if (byteCount % 2 != 0) {
            throw new ExchangeException(FailureReason.CORRUPT,
                    "byte count " + byteCount + " in the reply is odd; registers take 2 bytes");
        }
        return 5 + byteCount;
    }

    /** The registers, or null when the frame was another's and has been set aside. */
    private int[] complete(int length) throws ExchangeException {
        if (!RtuFrames.crcMatches(buf, length)) {
            int[] want = RtuFrames.crc(buf, 0, length - 2);
            throw new ExchangeException(FailureReason.CORRUPT, "CRC "
                    + RtuFrames.crcText(buf[length - 2] & 0xFF, buf[length - 1] & 0xFF) + ", expected "
                    + RtuFrames.crcText(want[0], want[1]) + " (" + length + "-byte reply)");
        }
        int from = buf[0] & 0xFF;
        if (from != unit) {
            foreign = new ExchangeException(FailureReason.WRONG_ADDRESS,
                    "reply from unit " + from + ", expected unit " + unit);
            return null;
        }
        if ((buf[1] & 0x80) != 0) {
            int code = buf[2] & 0xFF;
            throw new ExchangeException(FailureReason.REFUSED, String.format(
                    "unit %d refused: exception %02X (%s)", unit, code, RtuFrames.exceptionName(code)));
        }
        int registers = (length - 5) / 2;
        if (registers != count) {
            foreign = new ExchangeException(FailureReason.WRONG_ADDRESS, "unit " + unit + " sent " + registers
                    + " registers, the request asked for " + count + " (a reply to another request)");
            return null;
        }
        return parse(length);
    }

    private int[] parse(int length) throws ExchangeException {
        ModbusResponse response = ModbusResponse.createModbusResponse(function.code());
        response.setHeadless();
        try {
            response.readData(new DataInputStream(new ByteArrayInputStream(buf, 2, length - 4)));
        } catch (IOException | RuntimeException e) {
            throw new ExchangeException(FailureReason.CORRUPT, "reply does not parse: " + e.getMessage(), e);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = response instanceof ReadInputRegistersResponse r
                    ? r.getRegister(i).toUnsignedShort()
                    : ((ReadMultipleRegistersResponse) response).getRegister(i).toUnsignedShort();
        }
        return out;
    }
}
