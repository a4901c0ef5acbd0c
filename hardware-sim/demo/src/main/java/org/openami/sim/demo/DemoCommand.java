package org.openami.sim.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openami.hal.HalException;
import org.openami.hal.metering.CalibrationReport;
import org.openami.sim.board.SimChip;
import org.openami.sim.board.SimulatedBoard;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.time.ScaledClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami demo}: three simulated meter boards behind the real HAL drivers, calibrated,
 * then watched live while their relays trip and reconnect and a few faults happen.
 */
@Command(name = "ami demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulated meter boards (ADE7953 on SPI, ATM90E32AS on SPI, BL0942 on a pseudo-terminal UART)",
            "run through the real HAL drivers: calibration, live values, energy, relay trips and reconnects."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "40", description = "How long to run, in real seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--speed", defaultValue = "120", description = "Simulated time runs this many times faster than real time (default ${DEFAULT-VALUE}: a simulated hour every 30 s).")
    double speed;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the loads and of the chips' component tolerances (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2026-06-01T11:00:00+08:00", description = "Simulated start time (default ${DEFAULT-VALUE}).")
    OffsetDateTime start;

    @Option(names = "--plain", description = "Print a table every few seconds instead of redrawing the screen.")
    boolean plain;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new DemoCommand(System.out)).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 86_400) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--seconds must be 1..86400, got " + seconds);
        }
        if (!(speed >= 1 && speed <= 1_000)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--speed must be 1..1000 (every meter is read every 2 simulated seconds), got " + speed);
        }
        ScaledClock clock = new ScaledClock(start.toInstant(), speed);
        Screen screen = new Screen(out, !plain && System.console() != null);
        List<DemoMeter> meters = new ArrayList<>();
        try {
            meters.add(meter(SimChip.ADE7953, "ade7953", "1-phase, SPI: household with 4 kWp rooftop PV",
                    ProfileLoad.residential(3500, seed).withPv(4000), clock));
            meters.add(meter(SimChip.ATM90E32, "atm90e32", "3-phase, SPI: shop",
                    ProfileLoad.commercial(6000, seed + 1), clock));
            meters.add(meter(SimChip.BL0942, "bl0942", "1-phase, UART on " + "a pseudo-terminal: household",
                    ProfileLoad.residential(2500, seed + 2), clock));
            for (DemoMeter m : meters) {
                out.printf("%-9s %s%n", m.name, m.description);
            }
            List<MeterPoller> pollers = new ArrayList<>();
            try {
                for (DemoMeter m : meters) {
                    CalibrationReport report = m.calibrate(clock, 5_000);
                    out.printf("calibrated %-9s at Un 230 V, Ib 5 A: worst residual active-power error %.3f %%%n",
                            m.name, report.worstErrorPpm() / 10_000.0);
                    // polled from now on, so its energy registers never overflow while the others calibrate
                    MeterPoller poller = new MeterPoller(m, clock, screen);
                    pollers.add(poller);
                    poller.start();
                }
                new DemoScript(clock, screen, meters).run(Duration.ofSeconds(seconds), speed);
            } finally {
                for (MeterPoller p : pollers) {
                    p.close();
                }
            }
            for (DemoMeter m : meters) {
                m.poll(); // the energy since the last poll, for the summary
            }
            summary(meters);
        } finally {
            meters.forEach(DemoMeter::close);
        }
        return 0;
    }

    private DemoMeter meter(SimChip chip, String name, String description, LoadModel load, ScaledClock clock)
            throws HalException {
        SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).seed(seed * 31 + chip.ordinal()).load(load).build();
        return new DemoMeter(name, description, sim, load);
    }

    private void summary(List<DemoMeter> meters) {
        out.println();
        out.println("summary: energy the drivers counted against the simulator's ground truth");
        out.printf("%-9s %12s %12s %9s %12s %12s %7s %7s %6s%n", "meter", "import kWh", "true kWh", "error %",
                "export kWh", "true kWh", "relay", "resets", "LED");
        for (DemoMeter m : meters) {
            long imp = m.total().importActiveMwh();
            long exp = m.total().exportActiveMwh();
            double trueImp = m.trueImportWh() / 1000;
            out.printf("%-9s %12s %12.4f %9s %12s %12.4f %7d %7d %6d%n", m.name, Screen.kwh(imp), trueImp,
                    trueImp > 0 ? String.format("%.3f", (imp / 1e6 - trueImp) / trueImp * 100) : "-",
                    Screen.kwh(exp), m.trueExportWh() / 1000, m.sim.relay().operations(),
                    m.frontEnd().resetsDetected(), m.sim.ledPulses());
        }
        out.println("(relay = contact operations of the relay model; LED = energy pulses at 1000 imp/kWh;");
        out.println(" a chip that resets loses the energy it held at that moment, which shows in its error)");
    }
}
