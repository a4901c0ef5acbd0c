package org.openami.hal.driver.board;

import com.pi4j.context.Context;
import org.openami.hal.HalException;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;

/** Opens a metering front end on the buses of a Pi4J context (or on a serial port). */
@FunctionalInterface
public interface FrontEndFactory {

    /** Opens the bus handle and constructs the driver; does not initialise the chip yet. */
    MeteringFrontEnd open(Context pi4j, HalClock clock) throws HalException;
}
