package org.openami.concentrator.components.read;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.modbus.MeterReadout;
import org.openami.concentrator.modbus.ModbusMeterReader;
import org.openami.concentrator.modbus.ModbusRtuMaster;
import org.openami.concentrator.modbus.RegisterMap;
import org.openami.dlt645.MeterAddress;

/**
 * The collector's {@link MeterReader}: picks the meter's channel by id and its protocol's
 * master. DL/T 645 meters give real-time values, their own load profile and freezes. Modbus
 * meters (C&amp;I meters such as the SDM630) have no freezes or profile: curve points are real-time
 * reads stamped with their quarter (only while the quarter lasts), and a daily freeze is the
 * concentrator reading the registers within the first hour after the midnight that closes the
 * day; anything older is {@link UnsupportedTaskException}.
 */
public final class ProtocolMeterReader implements MeterReader {

    private final Function<String, Channel> channels;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, RegisterMap> maps = new ConcurrentHashMap<>();
    private final Map<MasterKey, Dlt645Collection> dlt645 = new ConcurrentHashMap<>();
    private final Map<Channel, ModbusMeterReader> modbus = new ConcurrentHashMap<>();

    /** A channel instance (a rebound bus is a new one) and the attempts its requests get. */
    private record MasterKey(Channel channel, int attempts) {
    }

    /**
     * @param channels the channel with an id, or null when no such bus is configured (now)
     * @param clock    what "now", "today" and "this month" are
     * @param zone     zone of days and quarter hours
     */
    public ProtocolMeterReader(Function<String, Channel> channels, Clock clock, ZoneId zone) {
        this.channels = channels;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public CompletableFuture<List<Reading>> read(MeterRecord meter, ReadTask task, Priority priority, int attempts) {
        Channel channel = channels.apply(meter.channel());
        if (channel == null) {
            return CompletableFuture.failedFuture(new ExchangeException(FailureReason.IO_ERROR,
                    "channel " + meter.channel() + " is not configured (or not active)"));
        }
        try {
            return switch (meter.protocol()) {
                case DLT645_2007 -> dlt645(channel, meter, task, priority, attempts);
                case MODBUS_RTU -> modbus(channel, meter, task, priority);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<List<Reading>> dlt645(Channel channel, MeterRecord m, ReadTask task, Priority p,
            int attempts) {
        Dlt645Collection c = dlt645.computeIfAbsent(new MasterKey(channel, attempts),
                k -> new Dlt645Collection(new Dlt645Master(k.channel(), 4, k.attempts()), clock, zone));
        MeterAddress a = MeterAddress.parse(m.address());
        if (task instanceof ReadTask.Realtime r) {
            return c.realtime(m.point(), a, m.line(), r.quantities(), p);
        }
        if (task instanceof ReadTask.CurvePoint cp) {
            return c.curvePoint(m.point(), a, m.line(), cp.dataTime(zone), p);
        }
        if (task instanceof ReadTask.DailyFreeze d) {
            return c.dailyFreeze(m.point(), a, m.line(), d.day(), p);
        }
        ReadTask.MonthlyFreeze mf = (ReadTask.MonthlyFreeze) task;
        return c.monthlyFreeze(m.point(), a, m.line(), mf.month(), p);
    }

    private CompletableFuture<List<Reading>> modbus(Channel channel, MeterRecord m, ReadTask task, Priority p) {
        RegisterMap map = maps.computeIfAbsent(m.registerMap(), RegisterMap::load);
        int unit = Integer.parseInt(m.address());
        ReadingKind kind;
        long dataTime;
        long now = clock.millis();
        if (task instanceof ReadTask.Realtime) {
            kind = ReadingKind.REALTIME;
            dataTime = now;
        } else if (task instanceof ReadTask.CurvePoint cp) {
            dataTime = cp.dataTime(zone);
            if (now < dataTime || now >= dataTime + ReadTask.QUARTER_MILLIS) {
                return CompletableFuture.failedFuture(new UnsupportedTaskException(
                        "a Modbus meter keeps no load profile; the quarter from " + dataTime + " has passed"));
            }
            kind = ReadingKind.CURVE;
        } else if (task instanceof ReadTask.DailyFreeze d) {
            ZonedDateTime closing = d.day().plusDays(1).atStartOfDay(zone);
            ZonedDateTime t = ZonedDateTime.now(clock.withZone(zone));
            if (t.isBefore(closing) || !t.isBefore(closing.plusHours(1))) {
                return CompletableFuture.failedFuture(new UnsupportedTaskException("a Modbus meter keeps no freezes; "
                        + "the concentrator freezes it only within the hour after " + closing.toLocalDateTime()));
            }
            kind = ReadingKind.DAILY_FREEZE;
            dataTime = d.dataTime(zone);
        } else {
            return CompletableFuture.failedFuture(new UnsupportedTaskException("a Modbus meter keeps no monthly freezes"));
        }
        ModbusMeterReader reader = modbus.computeIfAbsent(channel, ch -> new ModbusMeterReader(new ModbusRtuMaster(ch), clock));
        return reader.read(unit, map, m.line(), p).thenApply(readout -> readings(m, readout, kind, dataTime));
    }

    private static List<Reading> readings(MeterRecord m, MeterReadout readout, ReadingKind kind, long dataTime) {
        if (readout.values().isEmpty()) {
            String why = readout.failures().isEmpty() ? "nothing read" : readout.failures().get(0).toString();
            throw new java.util.concurrent.CompletionException(new ExchangeException(FailureReason.CORRUPT,
                    "Modbus unit " + m.address() + ": " + why));
        }
        return readout.toReadings(m.point(), kind, dataTime).stream()
                .map(r -> new Reading(m.point(), m.address(), r.kind(), r.quantity(), r.dataTime(), r.value(), r.readAt()))
                .toList();
    }

}
