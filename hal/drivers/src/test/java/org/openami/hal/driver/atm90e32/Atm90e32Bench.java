package org.openami.hal.driver.atm90e32;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openami.hal.driver.support.SpiLink;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.CalibrationReport;
import org.openami.hal.metering.Calibrator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.atm90e32.Atm90e32Model;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;
import org.openami.sim.pi4j.SimGpio;
import org.openami.sim.pi4j.SimPi4j;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.time.ManualClock;

/**
 * A simulated reference board on a test bench: the ATM90E32AS model at SPI bus 0, chip
 * select 1, reached through the real Pi4J path, a manual clock, and a settable load that is
 * also the calibration reference source.
 */
final class Atm90e32Bench implements AutoCloseable {

    static final Instant START = Instant.parse("2024-03-01T02:00:00Z");
    /** Rated (basic) current Ib of the reference board. */
    static final int IB_MA = 10_000;
    static final Atm90e32Config CONFIG = Atm90e32Config.referenceBoard();

    final ManualClock clock = new ManualClock(START);
    final ConstantLoad bench = new ConstantLoad(new PhaseState(230, IB_MA / 1000.0, 0, 50));
    final Atm90e32Model chip;
    private final List<Context> contexts = new ArrayList<>();
    private volatile int flipAddress = -1;
    private volatile int flipsLeft;

    Atm90e32Bench(AnalogErrors... errors) {
        this(null, errors);
    }

    /** A bench whose chip sees {@code load} (or the settable bench load when null). */
    Atm90e32Bench(LoadModel load, AnalogErrors... errors) {
        AnalogErrors[] perPhase = errors.length == 0
                ? new AnalogErrors[] {AnalogErrors.NONE, AnalogErrors.NONE, AnalogErrors.NONE} : errors;
        chip = new Atm90e32Model(clock, load == null ? bench : load, perPhase, CONFIG.unityUgain(), CONFIG.unityIgain());
    }

    /**
     * A new driver on chip select {@code channel}, in a Pi4J context of its own: a driver
     * restart is a process restart, and Pi4J keeps a closed handle's address reserved.
     */
    Atm90e32FrontEnd open(int channel) {
        Context pi4j = SimPi4j.newContext(new SimSpiProvider().attach(0, 1, this::wire), new SimGpio());
        contexts.add(pi4j);
        Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("atm90e32").bus(SpiBus.BUS_0)
                .channel(channel).mode(SpiMode.MODE_3).baud(1_000_000).build());
        return new Atm90e32FrontEnd(new SpiLink(spi, "atm90e32@spi0." + channel), CONFIG, clock);
    }

    /** The wire flips bit 2 of the next {@code n} replies to reads of {@code address}. */
    void flipRepliesTo(int address, int n) {
        flipsLeft = n;
        flipAddress = address;
    }

    private void wire(byte[] tx, byte[] rx) throws java.io.IOException {
        chip.transfer(tx, rx);
        int address = ((tx[0] & 0x03) << 8) | (tx[1] & 0xFF);
        if ((tx[0] & 0x80) != 0 && address == flipAddress && flipsLeft > 0) {
            flipsLeft--;
            rx[3] ^= 0x04;
        }
    }

    Atm90e32FrontEnd open() {
        return open(1);
    }

    void set(double amps, double lagDeg) {
        bench.set(new PhaseState(230, amps, lagDeg, 50));
    }

    CalibrationReport calibrate(Atm90e32FrontEnd fe) throws Exception {
        return new Calibrator(clock).calibrate(fe, bench, CalibrationPlan.standard(IB_MA));
    }

    /** Calls readEnergy() once per simulated second for {@code seconds}; returns the sum. */
    EnergyDelta run(Atm90e32FrontEnd fe, int seconds) throws Exception {
        EnergyDelta sum = EnergyDelta.ZERO;
        for (int s = 0; s < seconds; s++) {
            clock.advance(Duration.ofSeconds(1));
            sum = sum.plus(fe.readEnergy());
        }
        return sum;
    }

    /** Ground-truth import active energy so far, in mWh. */
    double truthImportMwh() {
        return chip.groundTruth().importActiveWh() * 1000;
    }

    double truthExportMwh() {
        return chip.groundTruth().exportActiveWh() * 1000;
    }

    @Override
    public void close() {
        contexts.forEach(Context::shutdown);
    }
}
