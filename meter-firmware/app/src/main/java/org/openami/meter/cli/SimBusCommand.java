package org.openami.meter.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.storage.SyncPolicy;
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
        MeterAddress first = MeterCommand.parseAddress(cmd, firstAddress);
        var options = new SimulatedMeterFleet.Options(meters, first, dataDir, sim.chip, sim.seed, sim.speed,
                sim.startOrNow(), sim.zone, SyncPolicy.FSYNC, link);
        try (SimulatedMeterFleet fleet = SimulatedMeterFleet.start(options)) {
            System.out.println(fleet.path());
            System.out.flush();
            List<MeterAddress> a = fleet.addresses();
            System.err.printf("bus: %d meters %s..%s at %d baud on %s (Ctrl-C stops)%n", meters, a.get(0),
                    a.get(a.size() - 1), baud, fleet.path());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "bus-shutdown"));
            stop.await();
        }
        return 0;
    }
}
