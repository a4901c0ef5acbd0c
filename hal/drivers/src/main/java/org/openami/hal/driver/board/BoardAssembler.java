package org.openami.hal.driver.board;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.openami.hal.HalException;
import org.openami.hal.board.MeterBoard;
import org.openami.hal.driver.gpio.GpioPulseOutput;
import org.openami.hal.driver.gpio.GpioRelay;
import org.openami.hal.driver.gpio.GpioTamperSwitch;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;

/**
 * Builds a {@link MeterBoard} from a {@link BoardWiring} on a Pi4J context. Blocks for the
 * GPIO and bus set-up; the front end is opened but not initialised (the caller initialises
 * it with its stored calibration).
 */
public final class BoardAssembler {

    private BoardAssembler() {
    }

    public static MeterBoard assemble(BoardWiring wiring, Context pi4j, HalClock clock) throws HalException {
        MeteringFrontEnd frontEnd = wiring.frontEnd().open(pi4j, clock);
        try {
            RelayWiring r = wiring.relay();
            var relay = new GpioRelay("relay", output(pi4j, "relay-set", r.setPin()),
                    r.resetPin() >= 0 ? output(pi4j, "relay-reset", r.resetPin()) : null,
                    r.feedbackPin() >= 0 ? input(pi4j, "relay-feedback", r.feedbackPin()) : null,
                    r.config(), clock);
            var tamper = new GpioTamperSwitch("cover", input(pi4j, "cover", wiring.tamperPin()), wiring.tamperOpenHigh());
            var led = new GpioPulseOutput("pulse-led", output(pi4j, "pulse-led", wiring.pulseLedPin()), wiring.pulseWidth(), clock);
            return new MeterBoard(frontEnd, relay, tamper, led);
        } catch (HalException | RuntimeException e) {
            frontEnd.close();
            throw e;
        }
    }

    private static DigitalOutput output(Context pi4j, String id, int pin) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id + "-" + pin).address(pin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    private static DigitalInput input(Context pi4j, String id, int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id + "-" + pin).address(pin).build());
    }
}
