package org.openami.concentrator.modbus;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.Request;

/**
 * Reads registers from Modbus RTU slaves through a {@link Channel}, so Modbus requests queue
 * with every other request on the same bus. Request frames are built with j2mod's request
 * classes plus an RTU CRC; replies are checked and parsed by {@link ReadRegistersAssembler}.
 * The channel's target for a unit is its decimal id ("1".."247"), which is what archive
 * records and line-quality figures name.
 *
 * <p>Thread-safe and non-blocking: each read returns at once with a future that completes on
 * the channel's completion thread with the register values (0..65535), or exceptionally with
 * an {@link org.openami.concentrator.channel.ExchangeException} (REFUSED for a Modbus
 * exception, CORRUPT, WRONG_ADDRESS, TIMEOUT...). Arguments out of range are programming
 * errors and throw {@link IllegalArgumentException} at once.
 */
public final class ModbusRtuMaster {

    /** Most registers one read may ask for (Modbus Application Protocol: 125 = 0x7D). */
    public static final int MAX_REGISTERS = 125;

    private final Channel channel;
    private final Duration replyTimeout;
    private final int maxAttempts;

    /** A master using the channel's reply timeout, 2 attempts per read. */
    public ModbusRtuMaster(Channel channel) {
        this(channel, null, 2);
    }

    /**
     * @param replyTimeout longest wait for the first reply byte, or {@code null} for the channel's
     * @param maxAttempts  attempts per read, 1..10 (failures that the meter meant, a Modbus
     *                     exception, are never retried)
     */
    public ModbusRtuMaster(Channel channel, Duration replyTimeout, int maxAttempts) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (replyTimeout != null && (replyTimeout.isNegative() || replyTimeout.isZero())) {
            throw new IllegalArgumentException("reply timeout " + replyTimeout + " is not positive");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("attempts " + maxAttempts + " is outside 1..10");
        }
        this.replyTimeout = replyTimeout;
        this.maxAttempts = maxAttempts;
    }

    /** The channel requests go through. */
    public Channel channel() {
        return channel;
    }

    /** Function 04: {@code count} input registers from {@code ref}. See {@link #read}. */
    public CompletableFuture<int[]> readInputRegisters(int unit, int ref, int count, LineSettings line,
                                                       Priority priority) {
        return read(RegisterFunction.INPUT, unit, ref, count, line, priority);
    }

    /** Function 03: {@code count} holding registers from {@code ref}. See {@link #read}. */
    public CompletableFuture<int[]> readHoldingRegisters(int unit, int ref, int count, LineSettings line,
                                                         Priority priority) {
        return read(RegisterFunction.HOLDING, unit, ref, count, line, priority);
    }

    /**
     * Reads {@code count} registers.
     *
     * @param unit     slave id 1..247 (0, broadcast, is never answered, so it cannot be read)
     * @param ref      first register, protocol address 0..65535
     * @param count    1..{@link #MAX_REGISTERS}, and {@code ref + count <= 65536}
     * @param line     framing for this bus, or {@code null} for the channel's default
     * @param priority queue priority
     * @return the registers in order, each 0..65535
     * @throws IllegalArgumentException for an argument out of range
     */
    public CompletableFuture<int[]> read(RegisterFunction function, int unit, int ref, int count,
                                         LineSettings line, Priority priority) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(priority, "priority");
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit id " + unit + " is outside 1..247");
        }
        if (count < 1 || count > MAX_REGISTERS) {
            throw new IllegalArgumentException("count " + count + " is outside 1.." + MAX_REGISTERS);
        }
        if (ref < 0 || ref + count > 0x10000) {
            throw new IllegalArgumentException("registers " + ref + "+" + count + " are outside 0..65535");
        }
        byte[] frame = RtuFrames.readRequest(unit, function, ref, count);
        Request<int[]> request = Request.to(target(unit), frame, () -> new ReadRegistersAssembler(unit, function, count))
                .line(line)
                .replyTimeout(replyTimeout)
                .priority(priority)
                .maxAttempts(maxAttempts)
                .description(String.format("read %s 0x%04X+%d from unit %d", function.fileName(), ref, count, unit))
                .build();
        return channel.submit(request);
    }

    /** The channel target (line-quality key) of a unit id: its decimal form. */
    public static String target(int unit) {
        return Integer.toString(unit);
    }
}
