package org.openami.meter.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SimulatedBus;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.board.SimChip;
import org.openami.sim.load.ProfileLoad;

/**
 * Whole simulated meters (the firmware on simulated chips, each with its own data directory
 * and simulated RTC) on one {@link SimulatedBus}: what {@code ami sim bus} runs, and what the
 * concentrator's tests and benchmarks poll over a real pseudo-terminal. Meters get
 * consecutive addresses from {@code first}, residential loads of different sizes and the
 * public demo control key ({@link MeterKeyStore#demoKey}).
 */
public final class SimulatedMeterFleet implements AutoCloseable {

    /** How to build the fleet. */
    public record Options(int meters, MeterAddress first, Path dataDir, SimChip chip, long seed, double speed,
                          Instant start, ZoneId zone, SyncPolicy sync, LinkSettings link) {
        public Options {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(chip, "chip");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(link, "link");
            if (meters < 1 || meters > 256) {
                throw new IllegalArgumentException("meters " + meters + " is outside 1..256");
            }
        }

        /** {@code meters} ADE7953 meters from 000000000001 at real time, 2400 8E1, 20 ms turnaround, fsync on. */
        public static Options of(int meters, Path dataDir) {
            return new Options(meters, MeterAddress.of(1), dataDir, SimChip.ADE7953, 1, 1, Instant.now(),
                    ZoneId.of("Asia/Shanghai"), SyncPolicy.FSYNC, LinkSettings.dlt645Default());
        }

        public Options withLink(LinkSettings l) {
            return new Options(meters, first, dataDir, chip, seed, speed, start, zone, sync, l);
        }

        public Options withClock(Instant s, double x) {
            return new Options(meters, first, dataDir, chip, seed, x, s, zone, sync, link);
        }

        public Options withFirst(MeterAddress a) {
            return new Options(meters, a, dataDir, chip, seed, speed, start, zone, sync, link);
        }

        public Options withSync(SyncPolicy s) {
            return new Options(meters, first, dataDir, chip, seed, speed, start, zone, s, link);
        }

        public Options withChip(SimChip c) {
            return new Options(meters, first, dataDir, c, seed, speed, start, zone, sync, link);
        }
    }

    private final List<MeterApplication> apps;
    private final List<MeterAddress> addresses;
    private final SimulatedBus bus;

    private SimulatedMeterFleet(List<MeterApplication> apps, List<MeterAddress> addresses, SimulatedBus bus) {
        this.apps = apps;
        this.addresses = addresses;
        this.bus = bus;
    }

    /**
     * Starts the meters and the bus. Meters restart from their data directories if those exist.
     *
     * @throws Exception if a meter cannot start (its journal, calibration) or the pty cannot be made;
     *                   meters already started are closed
     */
    public static SimulatedMeterFleet start(Options o) throws Exception {
        long first = Long.parseLong(o.first().toString());
        List<MeterApplication> apps = new ArrayList<>();
        List<MeterAddress> addresses = new ArrayList<>();
        try {
            List<FrameHandler> handlers = new ArrayList<>();
            for (int i = 0; i < o.meters(); i++) {
                MeterAddress addr = MeterAddress.of(first + i);
                Path dir = o.dataDir().resolve(addr.toString());
                SimulatedRtc rtc = SimulatedRtc.load(dir, o.start(), o.speed());
                var load = ProfileLoad.residential(1500 + 500 * (i % 6), o.seed() + i);
                var hw = SimulatedHardwareFactory.build(o.chip(), load, o.seed() + i, rtc, dir);
                var settings = new MeterApplication.Settings(addr, dir, o.zone(), o.sync(), MeterKeyStore.demoKey(addr),
                        false, rtc.speed(), Duration.ofMillis(50));
                MeterApplication app = MeterApplication.start(hw, rtc, settings, null);
                apps.add(app);
                addresses.add(addr);
                handlers.add(app.slave());
            }
            return new SimulatedMeterFleet(apps, addresses, SimulatedBus.open(handlers, o.link()));
        } catch (Exception | Error e) {
            for (MeterApplication a : apps) {
                a.close();
            }
            throw e;
        }
    }

    /** The pseudo-terminal a master opens. */
    public String path() {
        return bus.path();
    }

    /** The bus, for statistics and fault injection. */
    public SimulatedBus bus() {
        return bus;
    }

    /** The meters' addresses, in order. */
    public List<MeterAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** The running meters, in address order. */
    public List<MeterApplication> meters() {
        return List.copyOf(apps);
    }

    /** Closes the bus, then every meter. Idempotent. */
    @Override
    public void close() {
        bus.close();
        for (MeterApplication a : apps) {
            a.close();
        }
    }

}
