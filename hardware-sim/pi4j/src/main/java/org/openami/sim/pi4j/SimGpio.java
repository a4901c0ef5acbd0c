package org.openami.sim.pi4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The GPIO header of a simulated board: one {@link SimWire} per BCM pin number. Thread-safe. */
public final class SimGpio {

    private final Map<Integer, SimWire> wires = new ConcurrentHashMap<>();

    public SimWire wire(int bcmPin) {
        if (bcmPin < 0 || bcmPin > 63) {
            throw new IllegalArgumentException("no GPIO pin " + bcmPin);
        }
        return wires.computeIfAbsent(bcmPin, SimWire::new);
    }
}
