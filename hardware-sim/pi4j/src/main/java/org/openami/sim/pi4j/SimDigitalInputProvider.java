package org.openami.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import java.util.function.Consumer;

/**
 * Digital inputs that read {@link SimWire}s of a {@link SimGpio}; Pi4J state-change
 * listeners fire on the thread that changed the wire (Pi4J's own providers use their
 * event thread; drivers must not assume either).
 */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {

    public static final String ID = "openami-sim-digital-input";
    private final SimGpio gpio;

    public SimDigitalInputProvider(SimGpio gpio) {
        super(ID, "OpenAMI simulated digital input");
        this.gpio = gpio;
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        var in = new Input(this, config, gpio.wire(config.address()));
        context.registry().add(in);
        return in;
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    private static final class Input extends DigitalInputBase {
        private final SimWire wire;
        private final Consumer<Boolean> forward;

        Input(DigitalInputProvider provider, DigitalInputConfig config, SimWire wire) {
            super(provider, config);
            this.wire = wire;
            this.forward = high -> dispatch(new DigitalStateChangeEvent<>(this, DigitalState.getState(high)));
            wire.onChange(forward);
        }

        @Override
        public DigitalState state() {
            return DigitalState.getState(wire.isHigh());
        }

        @Override
        public DigitalInput shutdown(com.pi4j.context.Context context) throws com.pi4j.exception.ShutdownException {
            wire.removeListener(forward);
            return super.shutdown(context);
        }
    }
}
