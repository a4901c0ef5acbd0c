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
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.collector.MeterReader;
import org.openami.concentrator.collector.ReadTask;
import org.openami.concentrator.collector.UnsupportedTaskException;
import org.openami.concentrator.components.read.ProtocolMeterReader;
import org.openami.concentrator.model.Reading;

/**
 * The collector's {@link MeterReader} as the gateway's components wire it
 * ({@link ProtocolMeterReader}), limited to DL/T 645-2007 meters (the only ones simulated
 * here), counting failed reads by reason. Never blocks; thread-safe.
 */
final class Dlt645Reader implements MeterReader {

    private final ProtocolMeterReader reader;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    Dlt645Reader(Map<String, Channel> channels, Clock clock, ZoneId zone) {
        this.reader = new ProtocolMeterReader(Map.copyOf(channels)::get, clock, zone);
    }

    /** Failed reads so far by reason ({@link ExchangeException#reason()} name, or the exception's class). */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public CompletableFuture<List<Reading>> read(MeterRecord meter, ReadTask task, Priority priority, int attempts) {
        CompletableFuture<List<Reading>> read = meter.protocol() == MeterProtocol.DLT645_2007
                ? reader.read(meter, task, priority, attempts)
                : CompletableFuture.failedFuture(new UnsupportedTaskException(meter.protocol() + " is not simulated here"));
        return read.whenComplete((r, e) -> {
            if (e != null) {
                Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                String why = t instanceof ExchangeException x ? x.reason().name() : t.getClass().getSimpleName();
                failures.computeIfAbsent(why, k -> new LongAdder()).increment();
            }
        });
    }
}
