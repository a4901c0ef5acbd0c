package org.openami.hal.driver.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openami.hal.BusException;
import org.openami.hal.HalException;
import org.openami.hal.io.TamperSwitch;

/**
 * A cover switch on a GPIO input. Debouncing is the input's job (Pi4J's {@code debounce}
 * setting, applied by the composition root). Contract as in {@link TamperSwitch}.
 */
public final class GpioTamperSwitch implements TamperSwitch {

    private final String name;
    private final DigitalInput input;
    private final boolean openWhenHigh;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    public GpioTamperSwitch(String name, DigitalInput input, boolean openWhenHigh) {
        this.name = name;
        this.input = input;
        this.openWhenHigh = openWhenHigh;
        input.addListener(e -> {
            boolean open = e.state().isHigh() == openWhenHigh;
            listeners.forEach(l -> l.accept(open));
        });
    }

    @Override
    public boolean isOpen() throws HalException {
        try {
            return input.state().isHigh() == openWhenHigh;
        } catch (RuntimeException e) {
            throw new BusException(name, "cannot read cover switch: " + e.getMessage(), e);
        }
    }

    @Override
    public void addListener(Consumer<Boolean> onChange) {
        listeners.add(onChange);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
