package org.openami.concentrator.dlt645;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.Request;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;

/**
 * Sends DL/T 645-2007 requests through a {@link Channel} and checks the replies
 * ({@link Dlt645ReplyAssembler}). Every method returns at once with a future that completes
 * with the reply's data, or exceptionally with an
 * {@link org.openami.concentrator.channel.ExchangeException} saying why. Thread-safe, holds no
 * state of its own.
 */
public final class Dlt645Master {

    private final Channel channel;
    private final int preamble;
    private final int attempts;

    /**
     * @param channel  where the meters are
     * @param preamble FE bytes before each request (0..4; 4 wakes meters whose UART sleeps)
     * @param attempts attempts per request (1..10); the channel backs off between them
     */
    public Dlt645Master(Channel channel, int preamble, int attempts) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (preamble < 0 || preamble > Dlt645Frame.MAX_PREAMBLE) {
            throw new IllegalArgumentException("preamble " + preamble + " is outside 0..4");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts " + attempts + " is outside 1..10");
        }
        this.preamble = preamble;
        this.attempts = attempts;
    }

    /** A master with 4 FE bytes of preamble and 2 attempts per request. */
    public Dlt645Master(Channel channel) {
        this(channel, 4, 2);
    }

    /** The channel requests go through. */
    public Channel channel() {
        return channel;
    }

    /**
     * Reads one data identifier (11H).
     *
     * @return the value bytes after the DI, 33H removed (BCD, low byte first)
     */
    public CompletableFuture<byte[]> read(MeterAddress meter, DataIdentifier di, LineSettings line, Priority priority) {
        return read(meter, di, new byte[0], line, priority);
    }

    /**
     * Reads one data identifier with request bytes after it (a load-profile read carries a
     * count and a start time).
     */
    public CompletableFuture<byte[]> read(MeterAddress meter, DataIdentifier di, byte[] extra, LineSettings line,
            Priority priority) {
        return read(meter, di, extra, line, priority, null, attempts);
    }

    /**
     * Reads one data identifier with a reply timeout and attempts of its own (discovery asks
     * many addresses that may not exist and wants a short wait and no retry).
     *
     * @param timeout reply timeout, or null for the channel's
     */
    public CompletableFuture<byte[]> read(MeterAddress meter, DataIdentifier di, byte[] extra, LineSettings line,
            Priority priority, Duration timeout, int tries) {
        requireSpecific(meter);
        byte[] data = new byte[DataIdentifier.SIZE + extra.length];
        di.writeTo(data, 0);
        System.arraycopy(extra, 0, data, DataIdentifier.SIZE, extra.length);
        Dlt645Frame frame = Dlt645Frame.request(meter, Function.READ_DATA, data);
        Request<Dlt645Frame> req = Request.to(meter.toString(), frame.encode(preamble),
                        () -> new Dlt645ReplyAssembler(meter, Function.READ_DATA, di))
                .line(line).priority(priority).maxAttempts(tries).replyTimeout(timeout)
                .description("read " + di + " from " + meter).build();
        return channel.submit(req).thenApply(f -> {
            byte[] d = f.data();
            return Arrays.copyOfRange(d, DataIdentifier.SIZE, d.length);
        });
    }

    /**
     * Read address (13H) to {@code pattern}: {@link MeterAddress#ANY} asks the only meter on
     * the line; a pattern with some bytes fixed and the rest {@code AA} asks the meters that
     * match it (discovery). When several answer at once the replies collide and the future
     * fails with {@link org.openami.concentrator.channel.FailureReason#CORRUPT}.
     *
     * @param timeout reply timeout for this probe, or null for the channel's
     * @param tries   attempts (1 for discovery probes, where silence is an answer)
     */
    public CompletableFuture<MeterAddress> readAddress(MeterAddress pattern, LineSettings line, Priority priority,
            Duration timeout, int tries) {
        if (!pattern.isWildcard()) {
            throw new IllegalArgumentException("read address goes to a wildcard, not " + pattern);
        }
        Dlt645Frame frame = Dlt645Frame.request(pattern, Function.READ_ADDRESS, new byte[0]);
        Request<Dlt645Frame> req = Request.to(pattern.toString(), frame.encode(preamble),
                        () -> new Dlt645ReplyAssembler(pattern, Function.READ_ADDRESS, null))
                .line(line).priority(priority).maxAttempts(tries).replyTimeout(timeout)
                .description("read address " + pattern).build();
        return channel.submit(req).thenApply(Dlt645Frame::address);
    }

    /**
     * Reads one data identifier from whichever meter matches a wildcard {@code pattern}
     * (discovery's cross-check: two meters' energy readings collide differently from their
     * addresses).
     *
     * @return the meter's address from the reply
     */
    public CompletableFuture<MeterAddress> readFromMatching(MeterAddress pattern, DataIdentifier di, LineSettings line,
            Priority priority, Duration timeout, int tries) {
        if (!pattern.isWildcard()) {
            throw new IllegalArgumentException("a pattern has AA bytes, not " + pattern);
        }
        Dlt645Frame frame = Dlt645Frame.readData(pattern, di);
        Request<Dlt645Frame> req = Request.to(pattern.toString(), frame.encode(preamble),
                        () -> new Dlt645ReplyAssembler(pattern, Function.READ_DATA, di))
                .line(line).priority(priority).maxAttempts(tries).replyTimeout(timeout)
                .description("read " + di + " from " + pattern).build();
        return channel.submit(req).thenApply(Dlt645Frame::address);
    }

    /**
     * Broadcast time sync (08H). Meters do not answer; the future completes when the frame
     * is out. Meters apply it only within their own limits (DL/T 645: ±5 min, once a day).
     */
    public CompletableFuture<Void> broadcastTimeSync(LocalDateTime time, LineSettings line) {
        Dlt645Frame frame = Dlt645Frame.broadcastTimeSync(time);
        return channel.submit(Request.broadcast(MeterAddress.BROADCAST.toString(), frame.encode(preamble))
                .line(line).priority(Priority.CONTROL).description("broadcast time sync " + time).build());
    }

    /**
     * Sends a ready-made request frame (relay control 1CH, write 14H...) to one meter and
     * returns the reply's data. Control requests go with {@link Priority#CONTROL} and one
     * attempt unless the caller knows the command is safe to repeat (1CH commands carry a
     * counter, so a repeat is refused as a replay).
     */
    public CompletableFuture<byte[]> command(Dlt645Frame request, LineSettings line, Priority priority, int tries) {
        requireSpecific(request.address());
        Request<Dlt645Frame> req = Request.to(request.address().toString(), request.encode(preamble),
                        () -> new Dlt645ReplyAssembler(request.address(), request.function(), null))
                .line(line).priority(priority).maxAttempts(tries)
                .description(request.function() + " to " + request.address()).build();
        return channel.submit(req).thenApply(Dlt645Frame::data);
    }

    private static void requireSpecific(MeterAddress a) {
        if (!a.isSpecific()) {
            throw new IllegalArgumentException("a request to one meter needs its address, not " + a);
        }
    }
}
