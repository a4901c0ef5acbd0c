package org.openami.meter.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Duration;
import org.openami.hal.HalException;
import org.openami.hal.board.MeterBoard;
import org.openami.hal.driver.ade7953.Ade7953Config;
import org.openami.hal.driver.atm90e32.Atm90e32Config;
import org.openami.hal.driver.bl0942.Bl0942Config;
import org.openami.hal.driver.board.BoardAssembler;
import org.openami.hal.driver.board.BoardWiring;
import org.openami.hal.driver.board.FrontEndFactory;
import org.openami.hal.driver.board.FrontEnds;
import org.openami.hal.driver.board.RelayWiring;
import org.openami.hal.driver.gpio.GpioRelayConfig;
import org.openami.hal.time.HalClock;
import org.openami.sim.board.SimChip;
import org.openami.sim.board.SimulatedBoard;

/**
 * The reference board on a Raspberry Pi through Pi4J's auto-detected context: the chip on
 * SPI0 (ADE7953 CE0, ATM90E32AS CE1) or a UART (BL0942), a latching relay with feedback,
 * the cover switch and the pulse LED on the pins of docs/hal.md (the same pins the
 * simulator wires). Not exercised by the test suite: there is no Pi here.
 */
public final class PiHardware {

    private PiHardware() {
    }

    public static MeterHardware build(SimChip chip, String chipPort, HalClock clock) throws HalException {
        FrontEndFactory fe = switch (chip) {
            case ADE7953 -> FrontEnds.ade7953OnSpi(0, 0, Ade7953Config.referenceBoard());
            case ATM90E32 -> FrontEnds.atm90e32OnSpi(0, 1, Atm90e32Config.referenceBoard());
            case BL0942 -> {
                if (chipPort == null) {
                    throw new IllegalArgumentException("a BL0942 board needs --chip-port (its UART, e.g. /dev/ttyS0)");
                }
                yield FrontEnds.bl0942OnUart(chipPort, Bl0942Config.referenceDesign());
            }
        };
        BoardWiring wiring = new BoardWiring(fe,
                new RelayWiring(SimulatedBoard.RELAY_SET_PIN, SimulatedBoard.RELAY_RESET_PIN, SimulatedBoard.RELAY_FEEDBACK_PIN, GpioRelayConfig.latching()),
                SimulatedBoard.COVER_PIN, true, SimulatedBoard.PULSE_LED_PIN, Duration.ofMillis(40));
        Context pi4j = Pi4J.newAutoContext();
        try {
            MeterBoard board = BoardAssembler.assemble(wiring, pi4j, clock);
            return new MeterHardware(board, null, () -> {
                board.close();
                pi4j.shutdown();
            });
        } catch (HalException | RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
    }
}
