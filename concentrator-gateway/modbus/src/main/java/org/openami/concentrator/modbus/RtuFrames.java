package org.openami.concentrator.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** RTU framing around j2mod's PDUs: unit id, PDU, CRC-16 (low byte first). Pure functions. */
final class RtuFrames {

    /** Longest RTU frame (Modbus over serial line v1.02, 2.5.1). */
    static final int MAX_FRAME = 256;

    private RtuFrames() {
    }

    /** The complete RTU frame of a register read. */
    static byte[] readRequest(int unit, RegisterFunction function, int ref, int count) {
        ModbusRequest request = function == RegisterFunction.INPUT
                ? new ReadInputRegistersRequest(ref, count)
                : new ReadMultipleRegistersRequest(ref, count);
        request.setUnitID(unit);
        request.setHeadless();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        try {
            request.writeTo(new DataOutputStream(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.write(0);
        out.write(0);
        byte[] frame = out.toByteArray();
        int[] crc = crc(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc[0];
        frame[frame.length - 1] = (byte) crc[1];
        return frame;
    }

    /** CRC-16/Modbus of {@code len} bytes from {@code off}: {first byte sent, second byte sent}. */
    static int[] crc(byte[] buf, int off, int len) {
        // j2mod's third argument is the end index (exclusive), not a length
        return ModbusUtil.calculateCRC(buf, off, off + len);
    }

    /** Whether the last two of {@code len} bytes from 0 are the CRC of the others. */
    static boolean crcMatches(byte[] buf, int len) {
        int[] crc = crc(buf, 0, len - 2);
        return (buf[len - 2] & 0xFF) == crc[0] && (buf[len - 1] & 0xFF) == crc[1];
    }

    /** The CRC as a reader says it: low byte first as sent, e.g. {@code 71CB}. */
    static String crcText(int first, int second) {
        return String.format("%02X%02X", first, second);
    }

    /** The name of a Modbus exception code (Modbus Application Protocol v1.1b3, section 7). */
    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown exception";
        };
    }
}
