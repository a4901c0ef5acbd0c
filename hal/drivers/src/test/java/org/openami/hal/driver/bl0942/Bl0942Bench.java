package org.openami.hal.driver.bl0942;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.openami.hal.BusException;
import org.openami.hal.driver.serial.JSerialCommLine;
import org.openami.hal.driver.serial.UartSettings;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.bl0942.Bl0942Model;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.serial.SerialDevice;
import org.openami.sim.serial.VirtualSerialLine;
import org.openami.sim.time.ManualClock;

/**
 * A meter on the bench: the BL0942 model behind a real pseudo-terminal, opened by jSerialComm
 * exactly as a UART, and the driver on it. Simulated time ({@link ManualClock}) moves only
 * when the test advances it; the pty's reader thread reads the same clock.
 */
final class Bl0942Bench implements AutoCloseable {

    /** The reference board: 1 mOhm shunt, 5 x 390 kOhm over 510 Ohm. */
    static final double SHUNT_MILLI_OHM = 1.0;
    static final double DIVIDER_RATIO = (510 + 1_950_000) / 510.0;
    static final int UART_BAUD = 4800;

    final ManualClock clock = new ManualClock(Instant.parse("2024-06-01T08:00:00Z"));
    final ConstantLoad load = new ConstantLoad(new PhaseState(230, 0, 0, 50));
    final Bl0942Model model;
    final VirtualSerialLine wire;
    private final Bl0942Config config;
    Bl0942FrontEnd frontEnd;

    /**
     * @param pacedBaud 0 for replies as fast as the pty goes, or the baud rate to pace them at
     */
    Bl0942Bench(AnalogErrors errors, int chipAddress, int pacedBaud, Bl0942Config config) throws IOException, BusException {
        this.model = new Bl0942Model(clock, load, errors, chipAddress, SHUNT_MILLI_OHM, DIVIDER_RATIO);
        this.config = config;
        this.wire = VirtualSerialLine.open(asSerialDevice(model), pacedBaud, LineTiming.BITS_8N1);
        this.frontEnd = openFrontEnd();
    }

    static Bl0942Bench ideal() throws IOException, BusException {
        return new Bl0942Bench(AnalogErrors.NONE, 0, 0, Bl0942Config.referenceDesign());
    }

    /** The model as a device on the line: bytes in, its reply out after its reply delay. */
    static SerialDevice asSerialDevice(Bl0942Model chip) {
        return (data, len, sink) -> {
            byte[] reply = chip.onBytes(Arrays.copyOf(data, len));
            if (reply.length > 0) {
                sink.send(reply, chip.replyDelay());
            }
        };
    }

    /** Opens the tty with jSerialComm and builds a fresh driver on it (as after a process restart). */
    Bl0942FrontEnd openFrontEnd() throws BusException {
        frontEnd = new Bl0942FrontEnd(JSerialCommLine.open(wire.path(), UartSettings.of8N1(UART_BAUD)), config, clock);
        return frontEnd;
    }

    void setLoad(double volts, double amps, double lagDeg) {
        load.set(new PhaseState(volts, amps, lagDeg, 50));
    }

    @Override
    public void close() {
        if (frontEnd != null) {
            frontEnd.close();
        }
        wire.close();
    }
}
