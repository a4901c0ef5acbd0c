package org.openami.sim.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/**
 * The composition root of a simulated board on the Pi4J side: a Pi4J context whose only
 * providers are the simulated ones, so nothing tries to reach real hardware.
 */
public final class SimPi4j {

    private SimPi4j() {
    }

    public static Context newContext(SimSpiProvider spi, SimGpio gpio) {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(spi, new SimDigitalOutputProvider(gpio), new SimDigitalInputProvider(gpio))
                .build();
    }
}
