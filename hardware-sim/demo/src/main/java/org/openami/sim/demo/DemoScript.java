package org.openami.sim.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openami.hal.HalException;
import org.openami.hal.relay.RelayState;
import org.openami.hal.relay.RelaySwitchResult;
import org.openami.sim.time.ScaledClock;

/**
 * The demo's timeline: the screen is redrawn once a real second while, at fixed fractions of
 * the run, the script trips and reconnects relays, makes a chip reset, welds a relay's
 * contacts and opens a terminal cover. (Each meter is polled by its own {@link MeterPoller}.)
 */
final class DemoScript {

    private final ScaledClock clock;
    private final Screen screen;
    private final List<DemoMeter> meters;
    private final List<Step> steps = new ArrayList<>();

    private record Step(double atFraction, Action action) {
    }

    private interface Action {
        void run() throws HalException, InterruptedException;
    }

    DemoScript(ScaledClock clock, Screen screen, List<DemoMeter> meters) {
        this.clock = clock;
        this.screen = screen;
        this.meters = meters;
        DemoMeter ade = meters.get(0);
        DemoMeter atm = meters.get(1);
        DemoMeter bl = meters.get(2);
        bl.sim.board().tamper().addListener(open ->
                screen.event(clock.now(), "bl0942    cover " + (open ? "OPENED (tamper event)" : "closed")));
        at(0.12, () -> switchRelay(ade, RelayState.OPEN, "trip (balance exhausted)"));
        at(0.22, () -> {
            atm.sim.chip().powerOnReset();
            screen.event(clock.now(), "atm90e32  supply glitch: the chip resets to its defaults");
        });
        at(0.32, () -> bl.sim.setCoverOpen(true));
        at(0.42, () -> switchRelay(ade, RelayState.CLOSED, "reconnect (top-up)"));
        at(0.52, () -> {
            bl.sim.relay().weld();
            screen.event(clock.now(), "bl0942    relay contacts weld shut (fault injected)");
            switchRelay(bl, RelayState.OPEN, "trip");
        });
        at(0.64, () -> {
            bl.sim.relay().repair();
            bl.sim.setCoverOpen(false);
            screen.event(clock.now(), "bl0942    relay replaced by the field crew");
            switchRelay(bl, RelayState.OPEN, "trip");
        });
        at(0.74, () -> switchRelay(bl, RelayState.CLOSED, "reconnect"));
        at(0.80, () -> switchRelay(atm, RelayState.OPEN, "trip (demand limit)"));
        at(0.90, () -> switchRelay(atm, RelayState.CLOSED, "reconnect"));
    }

    private void at(double fraction, Action action) {
        steps.add(new Step(fraction, action));
    }

    /** Runs the script and redraws the screen until {@code realDuration} has passed. */
    void run(Duration realDuration, double speed) throws HalException, InterruptedException {
        long startNanos = System.nanoTime();
        long deadline = startNanos + realDuration.toNanos();
        int next = 0;
        while (System.nanoTime() < deadline) {
            double done = (double) (System.nanoTime() - startNanos) / realDuration.toNanos();
            while (next < steps.size() && done >= steps.get(next).atFraction()) {
                steps.get(next++).action().run();
            }
            screen.draw(clock.now(), speed, meters);
            Thread.sleep(Math.max(1, Math.min(1_000, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private void switchRelay(DemoMeter m, RelayState target, String why) throws HalException, InterruptedException {
        RelaySwitchResult r = m.sim.board().relay().switchTo(target);
        screen.event(clock.now(), String.format("%-9s relay %s -> feedback says %s%s", m.name, why, r.sensed(),
                r.followed() ? "" : "  ** RELAY DID NOT FOLLOW **"));
    }
}
