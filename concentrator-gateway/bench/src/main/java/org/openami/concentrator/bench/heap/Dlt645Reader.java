package org.openami.concentrator.bench.heap;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.collector.MeterReader;
import org.openami.concentrator.collector.ReadTask;
import org.openami.concentrator.collector.UnsupportedTaskException;
import org.openami.concentrator.dlt645.Dlt645Collection;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.model.Reading;
import org.openami.dlt645.MeterAddress;

/**
 * The collector's {@link MeterReader} for DL/T 645-2007 meters, as the gateway's components
 * wire it: the meter's channel by id, {@link Dlt645Collection} over a {@link Dlt645Master}
 * with 4 FE bytes and the scheduler's attempts (the dispatch of the components'
 * {@code ProtocolMeterReader}, DL/T 645 only). Other protocols are unsupported. Counts failed
 * reads by reason. Never blocks; thread-safe.
 */
final class Dlt645Reader implements MeterReader {

    private final Map<String, Channel> channels;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Dlt645Collection> collections = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    Dlt645Reader(Map<String, Channel> channels, Clock clock, ZoneId zone) {
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        this.zone = zone;
    }

    /** Failed reads so far by reason ({@link FailureReason} name, or the exception's class). */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public CompletableFuture<List<Reading>> read(MeterRecord meter, ReadTask task, Priority priority, int attempts) {
        return start(meter, task, priority, attempts).whenComplete((r, e) -> {
            if (e != null) {
                Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                String why = t instanceof ExchangeException x ? x.reason().name() : t.getClass().getSimpleName();
                failures.computeIfAbsent(why, k -> new LongAdder()).increment();
            }
        });
    }

    private CompletableFuture<List<Reading>> start(MeterRecord meter, ReadTask task, Priority priority, int attempts) {
        Channel channel = channels.get(meter.channel());
        if (channel == null) {
            return CompletableFuture.failedFuture(new ExchangeException(FailureReason.IO_ERROR,
                    "channel " + meter.channel() + " is not configured"));
        }
        if (meter.protocol() != MeterProtocol.DLT645_2007) {
            return CompletableFuture.failedFuture(new UnsupportedTaskException(meter.protocol() + " is not simulated here"));
        }
        try {
            Dlt645Collection c = collections.computeIfAbsent(meter.channel() + "/" + attempts,
                    k -> new Dlt645Collection(new Dlt645Master(channel, 4, attempts), clock, zone));
            MeterAddress a = MeterAddress.parse(meter.address());
            if (task instanceof ReadTask.Realtime r) {
                return c.realtime(meter.point(), a, meter.line(), r.quantities(), priority);
            }
            if (task instanceof ReadTask.CurvePoint cp) {
                return c.curvePoint(meter.point(), a, meter.line(), cp.dataTime(zone), priority);
            }
            if (task instanceof ReadTask.DailyFreeze d) {
                return c.dailyFreeze(meter.point(), a, meter.line(), d.day(), priority);
            }
            ReadTask.MonthlyFreeze m = (ReadTask.MonthlyFreeze) task;
            return c.monthlyFreeze(meter.point(), a, meter.line(), m.month(), priority);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
