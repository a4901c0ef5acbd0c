package org.openami.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.modbus.Sdm630Meter;
import org.openami.sim.modbus.Sdm630ProcessImage;
import org.openami.sim.modbus.SimulatedModbusLine;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.time.ScaledClock;

/**
 * The demo's meters on their buses: for each DL/T 645 bus a {@link SimulatedMeterFleet} (whole
 * meters, the firmware on simulated chips, behind one pseudo-terminal, addresses consecutive
 * across buses), and, if asked, one Modbus RTU line with SDM630 models as units 1..M. All run
 * on simulated time from the same start at the same speed.
 *
 * <p>{@link #silence()} makes every line drop every reply from then on, as if the meters were
 * disconnected: collection stops producing readings while the concentrator goes on running.
 * {@link #close()} stops everything; idempotent.
 */
public final class MeterField implements AutoCloseable {

    private static final int MODBUS_BAUD = 9600;

    private final List<SimulatedMeterFleet> fleets = new ArrayList<>();
    private final List<Bus> buses = new ArrayList<>();
    private final List<FieldMeter> meters = new ArrayList<>();
    private final Map<Integer, MeterApplication> dltByPoint = new LinkedHashMap<>();
    private SimulatedModbusLine modbus;
    private boolean closed;

    private MeterField() {
    }

    /**
     * Starts the meters of {@code options} with their data under {@code dir}.
     *
     * @throws DemoException if a meter or a pseudo-terminal cannot be made; what started is stopped
     */
    public static MeterField start(DemoOptions options, Path dir) throws DemoException {
        MeterField field = new MeterField();
        try {
            field.startDlt645(options, dir);
            if (options.modbus() > 0) {
                field.startModbus(options);
            }
            return field;
        } catch (DemoException e) {
            field.close();
            throw e;
        } catch (Exception e) {
            field.close();
            throw new DemoException("the simulated meters did not start: " + e.getMessage(), e);
        }
    }

    private void startDlt645(DemoOptions o, Path dir) throws Exception {
        int point = 1;
        for (int b = 0; b < o.buses(); b++) {
            int n = o.metersOnBus(b);
            String channel = "rs485-" + (b + 1);
            var base = SimulatedMeterFleet.Options.of(n, dir.resolve("meters").resolve(channel))
                    .withClock(o.start(), o.speed()).withFirst(MeterAddress.of(point)).withSync(SyncPolicy.NONE);
            // each bus its own seed, so the loads differ from bus to bus
            var opts = new SimulatedMeterFleet.Options(base.meters(), base.first(), base.dataDir(), base.chip(),
                    1 + 1_000L * b, base.speed(), base.start(), DemoOptions.ZONE, base.sync(), base.link());
            SimulatedMeterFleet fleet = SimulatedMeterFleet.start(opts);
            fleets.add(fleet);
            buses.add(new Bus(channel, fleet.path(), FieldMeter.Protocol.DLT645, n));
            List<MeterAddress> addresses = fleet.addresses();
            List<MeterApplication> apps = fleet.meters();
            for (int i = 0; i < addresses.size(); i++) {
                meters.add(new FieldMeter(point, addresses.get(i).toString(), FieldMeter.Protocol.DLT645, channel,
                        String.format("R-%04d", point)));
                dltByPoint.put(point, apps.get(i));
                point++;
            }
        }
    }

    private void startModbus(DemoOptions o) throws Exception {
        modbus = SimulatedModbusLine.open(MODBUS_BAUD, LineTiming.BITS_8N1);
        String channel = "rs485-" + (o.buses() + 1);
        int point = o.dltMeters() + 1;
        for (int unit = 1; unit <= o.modbus(); unit++) {
            // shops and small workshops: 20..50 kW peak, some energy already on the register
            Sdm630Meter meter = new Sdm630Meter(ProfileLoad.commercial(20_000 + 10_000 * (unit % 4), 100 + unit),
                    new ScaledClock(o.start(), o.speed()), 1_000.0 * unit, 0);
            meter.snapshot();
            modbus.addUnit(unit, new Sdm630ProcessImage(meter, unit)).maxRegistersPerRead(80)
                    .replyDelay(Duration.ofMillis(10));
            meters.add(new FieldMeter(point, Integer.toString(unit), FieldMeter.Protocol.MODBUS, channel,
                    String.format("C-%04d", point)));
            point++;
        }
        buses.add(new Bus(channel, modbus.path(), FieldMeter.Protocol.MODBUS, o.modbus()));
    }

    /** Every meter, in point order. */
    public List<FieldMeter> meters() {
        return List.copyOf(meters);
    }

    /** Every bus: the DL/T 645 buses, then the Modbus line if there is one. */
    public List<Bus> buses() {
        return List.copyOf(buses);
    }

    /** Replies each bus has put on its line so far, by channel id. */
    public synchronized Map<String, Long> repliesByBus() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (closed) {
            return out;
        }
        for (int i = 0; i < fleets.size(); i++) {
            out.put(buses.get(i).channel(), fleets.get(i).bus().statistics().framesAnswered());
        }
        if (modbus != null) {
            out.put(buses.get(buses.size() - 1).channel(), modbus.slave().statistics().replies());
        }
        return out;
    }

    /** From now on every line drops every reply: the concentrator hears no meter any more. */
    public synchronized void silence() {
        if (closed) {
            return;
        }
        for (SimulatedMeterFleet f : fleets) {
            f.bus().line().dropNextReplies(Integer.MAX_VALUE);
        }
        if (modbus != null) {
            modbus.line().dropNextReplies(Integer.MAX_VALUE);
        }
    }

    /**
     * What the meter at {@code point} holds now: its load profile and freezes for a DL/T 645
     * meter, {@link MeterHoldings#LIVE_ONLY} for a Modbus one. Call before {@link #close()}.
     *
     * @throws IllegalStateException if the field is closed
     */
    public synchronized MeterHoldings holdings(int point) {
        if (closed) {
            throw new IllegalStateException("the meters are stopped");
        }
        MeterApplication app = dltByPoint.get(point);
        if (app == null) {
            return MeterHoldings.LIVE_ONLY;
        }
        MeterEngine engine = app.engine();
        Set<Instant> profile = new HashSet<>();
        for (LoadProfilePoint p : engine.profile()) {
            profile.add(p.at());
        }
        return new MeterHoldings(profile, instants(engine.freezes(FreezeKind.DAILY)),
                instants(engine.freezes(FreezeKind.MONTHLY)), true);
    }

    private static Set<Instant> instants(List<FreezeRecord> freezes) {
        Set<Instant> out = new HashSet<>();
        for (FreezeRecord f : freezes) {
            out.add(f.at());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SimulatedMeterFleet f : fleets) {
            try {
                f.close();
            } catch (RuntimeException e) {
                // closing the rest matters more; the fleet's own log has the cause
            }
        }
        if (modbus != null) {
            modbus.close();
        }
    }
}
