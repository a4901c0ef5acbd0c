package org.openami.meter.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.hal.HalException;
import org.openami.hal.io.EnergyPulser;
import org.openami.hal.io.PulseOutput;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.meter.engine.MeterEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the front end at a fixed rate (once a second of meter time) and hands energy and
 * readings to the engine, which persists them; flashes the pulse LED for the energy. Runs
 * on its own thread ({@code metrology}); a bus failure skips one sample (the chip keeps the
 * energy until the next successful read) and is logged at most once a minute.
 */
final class MetrologyLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MetrologyLoop.class);
    static final int METER_CONSTANT_IMP_PER_KWH = 1000;

    private final MeteringFrontEnd frontEnd;
    private final PulseOutput led;
    private final MeterEngine engine;
    private final Duration period;
    private final Duration minRealPeriod;
    private final double speed;
    private final EnergyPulser pulser = new EnergyPulser(METER_CONSTANT_IMP_PER_KWH);
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final TickListener listener;
    private volatile boolean running = true;

    /** Told after each persisted tick (the kill test and the CLI's --report-ticks use it). */
    interface TickListener {
        void ticked(MeterEngine engine);
    }

    /**
     * @param period        sampling period in meter time (1 s)
     * @param minRealPeriod shortest real time between samples, so a fast simulated clock
     *                      does not turn the loop into a busy loop
     * @param speed         how much faster the meter's clock runs than real time (1 on hardware)
     */
    MetrologyLoop(MeteringFrontEnd frontEnd, PulseOutput led, MeterEngine engine, Duration period,
                  Duration minRealPeriod, double speed, TickListener listener) {
        this.frontEnd = frontEnd;
        this.led = led;
        this.engine = engine;
        this.period = period;
        this.minRealPeriod = minRealPeriod;
        this.speed = speed;
        this.listener = listener;
    }

    @Override
    public void run() {
        long realPeriodNanos = Math.max(minRealPeriod.toNanos(), (long) (period.toNanos() / speed));
        long next = System.nanoTime();
        while (running && !Thread.currentThread().isInterrupted()) {
            step();
            next += realPeriodNanos;
            long wait = next - System.nanoTime();
            if (wait < -realPeriodNanos * 5) {
                next = System.nanoTime(); // fell far behind (suspended, overloaded): do not try to catch up
            } else if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    synchronized void step() {
        try {
            EnergyDelta delta = frontEnd.readEnergy();
            FrontEndReading reading = frontEnd.read();
            engine.tick(delta, reading, frontEnd.energyState());
            ticks.incrementAndGet();
            int pulses = pulser.add(delta.importActiveMwh() + delta.exportActiveMwh());
            if (speed <= 1.0) { // a simulated clock running fast would only keep the LED busy
                for (int i = 0; i < Math.min(pulses, 3); i++) {
                    led.pulse();
                }
            }
            if (listener != null) {
                listener.ticked(engine);
            }
        } catch (HalException e) {
            if (failures.incrementAndGet() % 60 == 1) {
                LOG.warn("metrology read failed ({} so far): {}", failures.get(), e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (failures.incrementAndGet() % 60 == 1) {
                LOG.error("metrology step failed ({} so far)", failures.get(), e);
            }
        }
    }

    void stop() {
        running = false;
    }

    long ticks() {
        return ticks.get();
    }

    long failures() {
        return failures.get();
    }
}
