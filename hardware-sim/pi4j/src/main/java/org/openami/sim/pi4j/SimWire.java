package org.openami.sim.pi4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One GPIO line of a simulated board: a level that a driver output or a model drives, and
 * listeners (a relay coil, a Pi4J input) that see every change on the driving thread.
 * Thread-safe.
 */
public final class SimWire {

    private final int pin;
    private volatile boolean high;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    SimWire(int pin) {
        this.pin = pin;
    }

    public int pin() {
        return pin;
    }

    public boolean isHigh() {
        return high;
    }

    /** Drives the line; listeners are told only of real changes. */
    public void set(boolean level) {
        boolean changed;
        synchronized (this) {
            changed = high != level;
            high = level;
        }
        if (changed) {
            listeners.forEach(l -> l.accept(level));
        }
    }

    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }
}
