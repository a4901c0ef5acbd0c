package org.openami.meter.app;

import org.openami.hal.HalException;
import org.openami.hal.driver.ade7953.Ade7953Config;
import org.openami.hal.driver.atm90e32.Atm90e32Config;
import org.openami.hal.driver.bl0942.Bl0942Config;
import org.openami.hal.driver.board.FrontEndFactory;
import org.openami.hal.driver.board.FrontEnds;
import org.openami.hal.driver.board.RaspberryPiBoard;
import org.openami.hal.driver.board.ReferenceBoard;
import org.openami.hal.relay.RelayKind;
import org.openami.hal.time.HalClock;
import org.openami.sim.board.SimChip;

/**
 * The reference board on a Raspberry Pi: the chip on SPI0 (ADE7953 CE0, ATM90E32AS CE1) or
 * a UART (BL0942), a latching relay with feedback, the cover switch and the pulse LED on
 * the pins of {@link ReferenceBoard} (the same ones the simulator wires). Not exercised by
 * the test suite: there is no Pi here.
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
        RaspberryPiBoard pi = RaspberryPiBoard.open(ReferenceBoard.wiring(fe, RelayKind.LATCHING), clock);
        return new MeterHardware(pi.board(), null, pi);
    }
}
