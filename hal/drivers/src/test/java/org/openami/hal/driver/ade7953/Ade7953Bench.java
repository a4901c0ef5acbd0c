package org.openami.hal.driver.ade7953;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.openami.hal.HalException;
import org.openami.hal.driver.support.SpiLink;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.chip.ade7953.Ade7953Board;
import org.openami.sim.chip.ade7953.Ade7953Model;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.pi4j.SimGpio;
import org.openami.sim.pi4j.SimPi4j;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.time.ManualClock;

/**
 * A simulated reference board for driver tests: manual clock, steady load (also the
 * calibration bench), an ADE7953 model on SPI bus 0 / CS 0 behind the real Pi4J path.
 * CS 1 has nothing attached. Frames can be picked for reply corruption.
 */
final class Ade7953Bench implements AutoCloseable {

    static final int UN_MV = 230_000;
    static final int IB_MA = 5_000;
    /** Rated current of the accuracy table: the meter's Imax. */
    static final int IMAX_MA = 60_000;

    final ManualClock clock = new ManualClock(Instant.parse("2024-06-03T08:00:00Z"));
    final ConstantLoad load = new ConstantLoad(new PhaseState(230, 0, 0, 50));
    final Ade7953Config config;
    final Ade7953Model chip;
    final Context pi4j;
    private volatile Predicate<byte[]> corruptFrame = tx -> false;
    private int handles;

    Ade7953Bench(AnalogErrors errors) {
        this(errors, Ade7953Config.referenceBoard());
    }

    Ade7953Bench(AnalogErrors errors, Ade7953Config config) {
        this.config = config;
        this.chip = new Ade7953Model(clock, load, errors, new Ade7953Board(config.voltageDividerRatio(), config.shuntOhms()));
        SimSpiProvider spi = new SimSpiProvider().attach(0, 0, (tx, rx) -> {
            if (corruptFrame.test(tx)) {
                chip.faults().corruptNextReplies(1);
            }
            chip.transfer(tx, rx);
        });
        this.pi4j = SimPi4j.newContext(spi, new SimGpio());
    }

    /** A new Pi4J SPI handle on bus 0 at {@code chipSelect}, wrapped as the driver wants it. */
    SpiLink link(int chipSelect) {
        Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("ade7953-" + (++handles)).bus(SpiBus.BUS_0)
                .channel(chipSelect).mode(SpiMode.MODE_0).baud(1_000_000).build());
        return new SpiLink(spi, "ade7953@spi0." + chipSelect);
    }

    /**
     * Removes a closed handle from the Pi4J registry. Pi4J keeps a closed SPI registered and
     * refuses a second handle on the same chip select, so a driver restarted inside the same
     * JVM and context needs this (a process restart does not).
     */
    void forgetHandle(int number) {
        pi4j.shutdown("ade7953-" + number);
    }

    Ade7953FrontEnd frontEnd() {
        return new Ade7953FrontEnd(link(0), config, clock);
    }

    /** Corrupts (one bit of) the reply to every read frame the predicate picks. */
    void corruptWhen(Predicate<byte[]> frames) {
        corruptFrame = frames;
    }

    void load(double amps, double lagDeg) {
        load.set(new PhaseState(230, amps, lagDeg, 50));
    }

    /**
     * Runs {@code total} of simulated time, calling readEnergy() every {@code step}, and
     * returns what the driver counted next to what really flowed. Energy before the start is
     * flushed first, so the load should be set just before.
     */
    EnergyRun run(MeteringFrontEnd fe, Duration total, Duration step) throws HalException {
        fe.readEnergy();
        Truth before = Truth.of(chip.groundTruth());
        EnergyDelta sum = EnergyDelta.ZERO;
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(step)) {
            clock.advance(step);
            sum = sum.plus(fe.readEnergy());
        }
        return new EnergyRun(sum, Truth.of(chip.groundTruth()).minus(before));
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }

    /** Ground truth in mWh / mvarh (doubles: the simulator's physics). */
    record Truth(double importMwh, double exportMwh, double importMvarh, double exportMvarh) {
        static Truth of(GroundTruth g) {
            return new Truth(g.importActiveWh() * 1000, g.exportActiveWh() * 1000, g.importReactiveVarh() * 1000,
                    g.exportReactiveVarh() * 1000);
        }

        Truth minus(Truth o) {
            return new Truth(importMwh - o.importMwh, exportMwh - o.exportMwh, importMvarh - o.importMvarh,
                    exportMvarh - o.exportMvarh);
        }
    }

    record EnergyRun(EnergyDelta measured, Truth truth) {
        /** Relative import-active error in percent. */
        double importErrorPercent() {
            return (measured.importActiveMwh() - truth.importMwh()) / truth.importMwh() * 100;
        }
    }
}
