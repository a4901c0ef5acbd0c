package org.openami.hal.driver.bl0942;

import static org.openami.hal.driver.bl0942.Bl0942Protocol.*;

import java.time.Duration;
import org.openami.hal.BusException;
import org.openami.hal.IntegrityException;
import org.openami.hal.driver.serial.SerialLine;
import org.openami.hal.driver.support.Bits;

/**
 * One BL0942 transaction at a time on a UART, single attempt (callers retry). Before every
 * request whatever waits in the receive buffer (a late reply, line noise) is discarded.
 * <ul>
 *   <li>no reply within the timeout, or only part of one: {@link BusException};</li>
 *   <li>a reply whose checksum or header is wrong: {@link IntegrityException}, after the line
 *       has been read until it stays quiet, so the rest of a shifted reply cannot spoil the
 *       next request.</li>
 * </ul>
 * Blocks for the request's wire time plus at most the reply timeout (plus one quiet gap after
 * a bad reply). Not thread-safe; the front end owns it.
 */
final class Bl0942Link {

    /** A gap this long with no byte means the chip has finished talking (about 10 byte times at 4800 baud). */
    private static final Duration QUIET_GAP = Duration.ofMillis(20);
    private static final int MAX_DRAIN_ROUNDS = 50;

    private final SerialLine line;
    private final int address;
    private final Duration replyTimeout;
    private final String device;

    Bl0942Link(SerialLine line, int address, Duration replyTimeout, String device) {
        this.line = line;
        this.address = address;
        this.replyTimeout = replyTimeout;
        this.device = device;
    }

    /** Reads one register; returns its 24-bit value. */
    long readRegister(int register) throws BusException {
        int command = READ_COMMAND | address;
        byte[] r = request(register, REGISTER_REPLY_LENGTH);
        int expected = checksum(command + register, r, 0, 3);
        if ((r[3] & 0xFF) != expected) {
            throw mismatch(String.format("checksum 0x%02X instead of 0x%02X reading register 0x%02X", r[3] & 0xFF,
                    expected, register));
        }
        return Bits.unsignedLe(r, 0, 3);
    }

    /** Reads the 23-byte full packet (all measurement registers from one instant). */
    Bl0942Packet readPacket() throws BusException {
        byte[] p = request(FULL_PACKET, PACKET_LENGTH);
        if ((p[0] & 0xFF) != PACKET_HEADER) {
            throw mismatch(String.format("packet header 0x%02X instead of 0x55", p[0] & 0xFF));
        }
        int expected = checksum(READ_COMMAND | address, p, 0, PACKET_LENGTH - 1);
        if ((p[PACKET_LENGTH - 1] & 0xFF) != expected) {
            throw mismatch(String.format("packet checksum 0x%02X instead of 0x%02X", p[PACKET_LENGTH - 1] & 0xFF, expected));
        }
        return Bl0942Packet.decode(p);
    }

    /** Writes one register; the chip does not answer, so callers verify by reading back. */
    void writeRegister(int register, int value) throws BusException {
        byte[] f = {(byte) (WRITE_COMMAND | address), (byte) register, (byte) value, (byte) (value >> 8),
            (byte) (value >> 16), 0};
        f[5] = (byte) checksum(0, f, 0, 5);
        line.discardInput();
        line.write(f);
    }

    private byte[] request(int register, int replyLength) throws BusException {
        line.discardInput();
        line.write(new byte[] {(byte) (READ_COMMAND | address), (byte) register});
        byte[] reply = new byte[replyLength];
        int n = line.read(reply, 0, replyLength, replyTimeout);
        if (n == 0) {
            throw new BusException(device, String.format("no reply to reading register 0x%02X within %d ms", register,
                    replyTimeout.toMillis()));
        }
        if (n < replyLength) {
            drainUntilQuiet();
            throw new BusException(device, String.format("short reply to register 0x%02X: %d of %d bytes", register, n,
                    replyLength));
        }
        return reply;
    }

    private IntegrityException mismatch(String message) throws BusException {
        drainUntilQuiet();
        return new IntegrityException(device, message);
    }

    private void drainUntilQuiet() throws BusException {
        byte[] sink = new byte[64];
        for (int i = 0; i < MAX_DRAIN_ROUNDS && line.read(sink, 0, sink.length, QUIET_GAP) > 0; i++) {
            // keep reading until a whole quiet gap passes without a byte
        }
    }
}
