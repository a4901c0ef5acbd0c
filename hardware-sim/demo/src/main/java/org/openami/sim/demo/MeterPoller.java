package org.openami.sim.demo;

import java.time.Duration;
import org.openami.hal.HalException;
import org.openami.sim.time.ScaledClock;

/**
 * Polls one meter every {@link #INTERVAL} of simulated time on its own thread, as the meter
 * firmware's metrology loop will: often enough that no chip's energy register can overflow
 * between two reads. Reports detected chip resets and read failures as events.
 */
final class MeterPoller implements AutoCloseable {

    /** Simulated time between two polls (every supported chip is safe at 1 s to 10 s). */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final DemoMeter meter;
    private final ScaledClock clock;
    private final Screen screen;
    private final Thread thread;
    private volatile boolean running = true;

    MeterPoller(DemoMeter meter, ScaledClock clock, Screen screen) {
        this.meter = meter;
        this.clock = clock;
        this.screen = screen;
        this.thread = new Thread(this::loop, "poll-" + meter.name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long resetsBefore = meter.frontEnd().resetsDetected();
            try {
                meter.poll();
            } catch (HalException e) {
                screen.event(clock.now(), String.format("%-9s read failed: %s", meter.name, e.getMessage()));
            } catch (InterruptedException e) {
                return;
            }
            if (meter.frontEnd().resetsDetected() > resetsBefore) {
                screen.event(clock.now(), String.format("%-9s chip reset detected: re-initialised with its calibration", meter.name));
            }
            try {
                clock.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops polling and waits for the last poll to finish. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
