package org.openami.sim.board;

import java.io.IOException;
import java.util.Arrays;
import org.openami.hal.BusException;
import org.openami.hal.driver.ade7953.Ade7953Config;
import org.openami.hal.driver.atm90e32.Atm90e32Config;
import org.openami.hal.driver.bl0942.Bl0942Config;
import org.openami.hal.driver.board.FrontEndFactory;
import org.openami.hal.driver.board.FrontEnds;
import org.openami.hal.time.HalClock;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.ChipFaults;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.chip.ade7953.Ade7953Board;
import org.openami.sim.chip.ade7953.Ade7953Model;
import org.openami.sim.chip.atm90e32.Atm90e32Model;
import org.openami.sim.chip.bl0942.Bl0942Model;
import org.openami.sim.load.LoadModel;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.serial.SerialDevice;
import org.openami.sim.serial.VirtualSerialLine;

/** Mounts a chip model on the reference board's bus and pairs it with its driver's factory. */
final class ChipSockets {

    private ChipSockets() {
    }

    static ChipSocket mount(SimChip chip, HalClock clock, LoadModel load, long seed, SimSpiProvider spi) throws BusException {
        return switch (chip) {
            case ADE7953 -> ade7953(clock, load, seed, spi);
            case ATM90E32 -> atm90e32(clock, load, seed, spi);
            case BL0942 -> bl0942(clock, load, seed);
        };
    }

    private static ChipSocket ade7953(HalClock clock, LoadModel load, long seed, SimSpiProvider spi) {
        Ade7953Config config = Ade7953Config.referenceBoard();
        var model = new Ade7953Model(clock, load, AnalogErrors.typical(seed),
                new Ade7953Board(config.voltageDividerRatio(), config.shuntOhms()));
        spi.attach(0, 0, model::transfer);
        return new Socket(FrontEnds.ade7953OnSpi(0, 0, config), 1, model.groundTruth(), model.faults(), model::powerOnReset, () -> { });
    }

    private static ChipSocket atm90e32(HalClock clock, LoadModel load, long seed, SimSpiProvider spi) {
        Atm90e32Config config = Atm90e32Config.referenceBoard();
        AnalogErrors[] errors = {AnalogErrors.typical(seed), AnalogErrors.typical(seed + 1), AnalogErrors.typical(seed + 2)};
        var model = new Atm90e32Model(clock, load, errors, config.unityUgain(), config.unityIgain());
        spi.attach(0, 1, model::transfer);
        return new Socket(FrontEnds.atm90e32OnSpi(0, 1, config), 3, model.groundTruth(), model.faults(), model::powerOnReset, () -> { });
    }

    private static ChipSocket bl0942(HalClock clock, LoadModel load, long seed) throws BusException {
        Bl0942Config config = Bl0942Config.referenceDesign();
        AnalogErrors typical = AnalogErrors.typical(seed);
        // the BL0942 cannot correct phase: a shunt front end with well-matched filters
        var errors = new AnalogErrors(typical.voltageGain(), typical.currentGain(), 0.05, typical.currentOffsetA());
        double divider = (double) (config.dividerUpperOhm() + config.dividerLowerOhm()) / config.dividerLowerOhm();
        var model = new Bl0942Model(clock, load, errors, config.address(), config.shuntMicroOhm() / 1000.0, divider);
        SerialDevice device = (data, len, sink) -> {
            byte[] reply = model.onBytes(Arrays.copyOf(data, len));
            if (reply.length > 0) {
                sink.send(reply, model.replyDelay());
            }
        };
        VirtualSerialLine line;
        try {
            line = VirtualSerialLine.open(device, FrontEnds.BL0942_BAUD, LineTiming.BITS_8N1);
        } catch (IOException e) {
            throw new BusException("bl0942-pty", "cannot create a pseudo-terminal: " + e.getMessage(), e);
        }
        return new Socket(FrontEnds.bl0942OnUart(line.path(), config), 1, model.groundTruth(), model.faults(),
                model::powerOnReset, line::close);
    }

    private record Socket(FrontEndFactory frontEnd, int phaseCount, GroundTruth groundTruth, ChipFaults faults,
                          Runnable reset, Runnable release) implements ChipSocket {

        @Override
        public void powerOnReset() {
            reset.run();
        }

        @Override
        public void close() {
            release.run();
        }
    }
}
