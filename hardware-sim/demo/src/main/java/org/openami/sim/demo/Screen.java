package org.openami.sim.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;

/**
 * Draws the demo's live table. On a terminal it redraws in place with the latest events
 * under the table; piped into a file it prints a table every few ticks and each event once.
 * Thread-safe: pollers report events while the main thread draws.
 */
final class Screen {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
    private static final int EVENTS_SHOWN = 10;

    private final PrintStream out;
    private final boolean interactive;
    private final Deque<String> events = new ArrayDeque<>();
    private int ticks;

    Screen(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    synchronized void event(Instant simTime, String text) {
        String line = time(simTime).substring(11) + "  " + text;
        events.addLast(line);
        while (events.size() > EVENTS_SHOWN) {
            events.removeFirst();
        }
        if (!interactive) {
            out.println("  * " + line);
        }
    }

    synchronized void draw(Instant simTime, double speed, List<DemoMeter> meters) {
        ticks++;
        if (!interactive && ticks % 5 != 1) {
            return;
        }
        StringBuilder b = new StringBuilder();
        if (interactive) {
            b.append("\033[H\033[2J");
        }
        b.append(String.format("simulated time %s (UTC+8), running x%.0f%n", time(simTime), speed));
        b.append(String.format("%-9s %-5s %8s %8s %9s %6s %7s %11s %11s %-7s%n",
                "meter", "phase", "V", "A", "P (W)", "PF", "f (Hz)", "import kWh", "export kWh", "relay"));
        for (DemoMeter m : meters) {
            FrontEndReading r = m.last();
            if (r == null) {
                continue;
            }
            EnergyDelta e = m.total();
            List<PhaseReading> phases = r.phases();
            for (int p = 0; p < phases.size(); p++) {
                PhaseReading ph = phases.get(p);
                boolean first = p == 0;
                b.append(String.format("%-9s %-5s %8.1f %8.3f %9.1f %6.3f %7s %11s %11s %-7s%n",
                        first ? m.name : "", "ABC".charAt(p), ph.voltageMv() / 1000.0, ph.currentMa() / 1000.0,
                        ph.activePowerMw() / 1000.0, ph.powerFactorMilli() / 1000.0,
                        first ? String.format("%.2f", r.frequencyMilliHz() / 1000.0) : "",
                        first ? kwh(e.importActiveMwh()) : "", first ? kwh(e.exportActiveMwh()) : "",
                        first ? m.relayText() : ""));
            }
        }
        if (interactive) {
            b.append(System.lineSeparator()).append("events:").append(System.lineSeparator());
            events.forEach(ev -> b.append("  ").append(ev).append(System.lineSeparator()));
        }
        out.print(b);
        out.flush();
    }

    static String kwh(long mwh) {
        return String.format("%.4f", mwh / 1_000_000.0);
    }
}
