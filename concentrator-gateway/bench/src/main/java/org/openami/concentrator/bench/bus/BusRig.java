package org.openami.concentrator.bench.bus;

import java.time.Clock;
import java.util.Objects;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.ChannelStatistics;
import org.openami.concentrator.channel.LineQuality;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.dlt645.DataIdentifier;

/**
 * One bus under test: simulated meters behind a pty, the concentrator's real master side on
 * it ({@link SerialTransport} through jSerialComm, {@link BusChannel} with the DL/T 645
 * timing, {@link Dlt645Master} with 4 FE and 2 attempts) and a {@link BusLoad} reading
 * forward active energy (00010000) from every meter in turn. Closing closes all of it.
 */
public final class BusRig implements AutoCloseable {

    private final MeterBus meters;
    private final BusChannel channel;
    private final BusLoad load;

    private BusRig(MeterBus meters, BusChannel channel, BusLoad load) {
        this.meters = meters;
        this.channel = channel;
        this.load = load;
    }

    /**
     * @param meters      the meters (the rig owns them from now on)
     * @param id          the channel id
     * @param line        the master's line settings
     * @param outstanding reads kept queued on the channel
     */
    public static BusRig open(MeterBus meters, String id, LineSettings line, int outstanding) {
        Objects.requireNonNull(meters, "meters");
        BusChannel channel = new BusChannel(id, new SerialTransport(meters.path(), Rs485Options.plain()), line,
                BusTiming.dlt645(), Clock.systemUTC());
        Dlt645Master master = new Dlt645Master(channel);
        return new BusRig(meters, channel, new BusLoad(master, meters.addresses(), line,
                DataIdentifier.FORWARD_ACTIVE_TOTAL, outstanding));
    }

    public MeterBus meters() {
        return meters;
    }

    public BusLoad load() {
        return load;
    }

    public ChannelStatistics statistics() {
        return channel.statistics();
    }

    /**
     * Mean time from the end of a request (its computed wire end) to the end of the reply,
     * over every successful exchange of every meter so far, in microseconds; 0 if none.
     */
    public long meanReplyMicros() {
        long n = 0;
        long sum = 0;
        for (LineQuality q : channel.qualities().values()) {
            n += q.successes();
            sum += q.meanLatencyMicros() * q.successes();
        }
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public void close() {
        try {
            load.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
        meters.close();
    }
}
