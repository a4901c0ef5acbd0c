package org.openami.meter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openami.dlt645.MeterAddress;
import org.openami.hal.time.HalClock;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.MeterHardware;
import org.openami.meter.app.PiHardware;
import org.openami.meter.app.SimulatedRtc;
import org.openami.meter.app.SimulatedHardwareFactory;
import org.openami.meter.link.LinkOptions;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SerialSlaveLink;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.meter.update.cli.FirmwareCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ami meter}: one meter on a serial port. Without a subcommand it runs the meter
 * until interrupted; {@code firmware} manages signed images, {@code status} shows a data
 * directory, {@code self-test} is the start-up health check of a firmware image.
 */
@Command(name = "meter", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one electricity meter (DL/T 645-2007 slave on a serial port) on real or simulated hardware.",
        subcommands = {FirmwareCommand.class, MeterStatusCommand.class, SelfTestCommand.class})
public final class MeterCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "TTY", description = "serial port of the RS-485 line, e.g. /dev/ttyAMA0 or /dev/pts/3")
    String port;

    @Option(names = "--address", paramLabel = "12 DIGITS", description = "the meter's communication address, e.g. 000000000001")
    String address;

    @Option(names = "--hal", description = "hardware: sim (simulated chips) or pi (Raspberry Pi reference board) (default: ${DEFAULT-VALUE})")
    String hal = "sim";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "registers, freezes, events, calibration (default: ./meter-data/ADDRESS)")
    Path dataDir;

    @Option(names = "--baud", description = "initial baud rate of a new meter (default: ${DEFAULT-VALUE}); 17H changes it")
    int baud = 2400;

    @Option(names = "--turnaround", paramLabel = "DURATION", description = "delay before a reply, 20ms..500ms (default: ${DEFAULT-VALUE})")
    Duration turnaround = Duration.ofMillis(20);

    @Option(names = "--key-file", paramLabel = "FILE", description = "the meter's 1CH control key (64 hex digits); default: DATA-DIR/control.key, created from the demo master key in sim mode")
    Path keyFile;

    @Option(names = "--no-fsync", description = "do not fsync writes (survives kill -9, not a power cut; for tests and benchmarks)")
    boolean noFsync;

    @Option(names = "--rs485", description = "switch the port to RS-485 mode (kernel driver support needed; not for ptys)")
    boolean rs485;

    @Option(names = "--chip-port", paramLabel = "TTY", description = "with --hal pi and a BL0942: the UART of the chip")
    String chipPort;

    @Option(names = "--report-ticks", description = "print one line per persisted sample to stdout (for tests)")
    boolean reportTicks;

    @Option(names = "--report-resources", paramLabel = "SECONDS", description = "print heap use every SECONDS to stdout (for the benchmark)")
    int reportResources;

    @Mixin
    SimOptions sim = new SimOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MeterCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (port == null || address == null) {
            throw new CommandLine.ParameterException(cmd, "--port and --address are needed to run a meter");
        }
        MeterAddress addr = parseAddress(cmd, address);
        Path dir = dataDir != null ? dataDir : Path.of("meter-data", addr.toString());
        Files.createDirectories(dir);
        HalClock rtc;
        MeterHardware hw;
        double speed = 1;
        switch (hal) {
            case "sim" -> {
                SimulatedRtc simRtc = SimulatedRtc.load(dir, sim.startOrNow(), sim.speed);
                rtc = simRtc;
                speed = simRtc.speed();
                hw = SimulatedHardwareFactory.build(sim.chip, sim.load, sim.seed, rtc, dir);
            }
            case "pi" -> {
                rtc = HalClock.system();
                hw = PiHardware.build(sim.chip, chipPort, rtc);
            }
            default -> throw new CommandLine.ParameterException(cmd, "--hal must be sim or pi, was '" + hal + "'");
        }
        byte[] key = controlKey(dir, addr);
        var settings = new MeterApplication.Settings(addr, dir, sim.zone, noFsync ? SyncPolicy.NONE : SyncPolicy.FSYNC, key,
                true, speed, Duration.ofMillis(20));
        MeterApplication.TickListener listener = reportTicks ? e -> {
            var r = e.registers();
            System.out.println("tick " + e.lastTick().toEpochMilli() + " " + r.total(EnergyKind.FORWARD_ACTIVE) + " "
                    + r.total(EnergyKind.REVERSE_ACTIVE) + " " + r.total(EnergyKind.IMPORT_REACTIVE));
            System.out.flush();
        } : null;
        try (MeterApplication app = MeterApplication.start(hw, rtc, settings, listener)) {
            LinkSettings link = LinkSettings.dlt645Default().withBaud(app.engine().parameters().baud()).withTurnaround(turnaround);
            try (SerialSlaveLink serial = SerialSlaveLink.open(port, link, new LinkOptions(rs485, false), app.slave())) {
                System.err.println("meter " + addr + " on " + port + " at " + link.baud() + " baud, data in " + dir + " (Ctrl-C stops)");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "meter-shutdown"));
                while (!stop.await(reportResources > 0 ? reportResources : 3600, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (reportResources > 0) {
                        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                        System.out.println("resources heapUsed=" + heap.getUsed() + " heapCommitted=" + heap.getCommitted()
                                + " samples=" + app.samples() + " replies=" + serial.statistics().framesAnswered());
                        System.out.flush();
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("meter: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private byte[] controlKey(Path dir, MeterAddress addr) throws IOException {
        Path f = keyFile != null ? keyFile : dir.resolve("control.key");
        if (!Files.exists(f) && keyFile == null && hal.equals("sim")) {
            MeterKeyStore.save(f, MeterKeyStore.demoKey(addr));
            System.err.println("meter: created " + f + " from the DEMO master key (simulation only)");
        }
        return MeterKeyStore.load(f);
    }

    static MeterAddress parseAddress(CommandLine cmd, String text) {
        try {
            MeterAddress a = MeterAddress.parse(text);
            if (!a.isSpecific()) {
                throw new IllegalArgumentException("a meter needs a specific address, not a wildcard or broadcast");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--address " + text + ": " + e.getMessage());
        }
    }
}
