package org.openami.meter.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.SimulatedHardwareFactory;
import org.openami.meter.app.SimulatedRtc;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SimulatedBus;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.load.ProfileLoad;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ami sim bus}: N simulated meters (the meter firmware on simulated chips) on one
 * virtual multi-drop RS-485 bus, printed as the pseudo-terminal a master opens. Every
 * meter sees every frame; only the addressed one answers; none answers a broadcast.
 */
@Command(name = "bus", mixinStandardHelpOptions = true, sortOptions = false,
        description = "N simulated meters on one virtual RS-485 bus (a pseudo-terminal a DL/T 645 master opens).")
public final class SimBusCommand implements Callable<Integer> {

    @Option(names = "--meters", description = "meters on the bus, 1..64 (default: ${DEFAULT-VALUE})")
    int meters = 8;

    @Option(names = "--baud", description = "line speed (default: ${DEFAULT-VALUE})")
    int baud = 2400;

    @Option(names = "--first-address", paramLabel = "12 DIGITS", description = "address of the first meter; the others count up (default: ${DEFAULT-VALUE})")
    String firstAddress = "000000000001";

    @Option(names = "--turnaround", paramLabel = "DURATION", description = "meters' reply delay (default: ${DEFAULT-VALUE})")
    Duration turnaround = Duration.ofMillis(20);

    @Option(names = "--data-dir", paramLabel = "DIR", description = "one sub-directory per meter (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("sim-bus-data");

    @Mixin
    SimOptions sim = new SimOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimBusCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (meters < 1 || meters > 64) {
            throw new CommandLine.ParameterException(cmd, "--meters must be 1..64, was " + meters);
        }
        LinkSettings link;
        try {
            link = LinkSettings.dlt645Default().withBaud(baud).withTurnaround(turnaround);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        long first = Long.parseLong(MeterCommand.parseAddress(cmd, firstAddress).toString());
        List<MeterApplication> apps = new ArrayList<>();
        try {
            List<FrameHandler> handlers = new ArrayList<>();
            for (int i = 0; i < meters; i++) {
                MeterAddress addr = MeterAddress.of(first + i);
                Path dir = dataDir.resolve(addr.toString());
                SimulatedRtc rtc = SimulatedRtc.load(dir, sim.startOrNow(), sim.speed);
                var load = ProfileLoad.residential(1500 + 500 * (i % 6), sim.seed + i);
                var hw = SimulatedHardwareFactory.build(sim.chip, load, sim.seed + i, rtc, dir);
                var settings = new MeterApplication.Settings(addr, dir, sim.zone, SyncPolicy.FSYNC, MeterKeyStore.demoKey(addr),
                        false, rtc.speed(), Duration.ofMillis(50));
                MeterApplication app = MeterApplication.start(hw, rtc, settings, null);
                apps.add(app);
                handlers.add(app.slave());
            }
            try (SimulatedBus bus = SimulatedBus.open(handlers, link)) {
                System.out.println(bus.path());
                System.out.flush();
                System.err.printf("bus: %d meters %s..%s at %d baud on %s (Ctrl-C stops)%n", meters, MeterAddress.of(first),
                        MeterAddress.of(first + meters - 1), baud, bus.path());
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "bus-shutdown"));
                stop.await();
            }
        } finally {
            for (MeterApplication a : apps) {
                a.close();
            }
        }
        return 0;
    }
}
