package org.openami.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;

/** Digital outputs that drive {@link SimWire}s of a {@link SimGpio}. */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {

    public static final String ID = "openami-sim-digital-output";
    private final SimGpio gpio;

    public SimDigitalOutputProvider(SimGpio gpio) {
        super(ID, "OpenAMI simulated digital output");
        this.gpio = gpio;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        var out = new Output(this, config, gpio.wire(config.address()));
        context.registry().add(out);
        return out;
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    private static final class Output extends DigitalOutputBase {
        private final SimWire wire;

        Output(DigitalOutputProvider provider, DigitalOutputConfig config, SimWire wire) {
            super(provider, config);
            this.wire = wire;
        }

        @Override
        public DigitalOutput state(DigitalState state) {
            super.state(state);
            wire.set(state.isHigh());
            return this;
        }
    }
}
