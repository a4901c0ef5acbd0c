package org.openami.hal.driver.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.util.Objects;
import org.openami.hal.BusException;
import org.openami.hal.HalException;
import org.openami.hal.relay.Relay;
import org.openami.hal.relay.RelayKind;
import org.openami.hal.relay.RelayState;
import org.openami.hal.relay.RelaySwitchResult;
import org.openami.hal.time.HalClock;

/**
 * A supply relay on GPIO lines (through a coil driver such as a ULN2003 or an H-bridge).
 * Latching relays get a pulse of {@link GpioRelayConfig#coilPulse()} on the set line (close)
 * or the reset line (open); a monostable relay's single line is held high to open. The
 * feedback contact, if wired, is what {@link #sensed()} reports. Contract as in {@link Relay}.
 */
public final class GpioRelay implements Relay {

    private final String name;
    private final DigitalOutput setCoil;
    private final DigitalOutput resetCoil;
    private final DigitalInput feedback;
    private final GpioRelayConfig config;
    private final HalClock clock;
    private RelayState commanded;

    /**
     * @param setCoil   latching: the set (close) coil; monostable: the coil
     * @param resetCoil latching: the reset (open) coil; monostable: {@code null}
     * @param feedback  the feedback contact input, or {@code null} if not wired
     */
    public GpioRelay(String name, DigitalOutput setCoil, DigitalOutput resetCoil, DigitalInput feedback,
                     GpioRelayConfig config, HalClock clock) throws HalException {
        this.name = name;
        this.setCoil = Objects.requireNonNull(setCoil, "setCoil");
        this.resetCoil = resetCoil;
        this.feedback = feedback;
        this.config = config;
        this.clock = clock;
        if (config.kind() == RelayKind.LATCHING && resetCoil == null) {
            throw new IllegalArgumentException(name + ": a latching relay needs a reset coil line");
        }
        drive(setCoil, false);
        if (resetCoil != null) {
            drive(resetCoil, false);
        }
        this.commanded = feedback != null ? sensed() : RelayState.CLOSED;
    }

    @Override
    public RelayKind kind() {
        return config.kind();
    }

    @Override
    public RelayState commanded() {
        return commanded;
    }

    @Override
    public boolean hasFeedback() {
        return feedback != null;
    }

    @Override
    public RelayState sensed() throws HalException {
        if (feedback == null) {
            return commanded;
        }
        try {
            boolean high = feedback.state().isHigh();
            return high == config.feedbackClosedHigh() ? RelayState.CLOSED : RelayState.OPEN;
        } catch (RuntimeException e) {
            throw new BusException(name, "cannot read feedback contact: " + e.getMessage(), e);
        }
    }

    @Override
    public RelaySwitchResult switchTo(RelayState target) throws HalException, InterruptedException {
        if (config.kind() == RelayKind.MONOSTABLE) {
            drive(setCoil, target == RelayState.OPEN);
        } else {
            DigitalOutput coil = target == RelayState.CLOSED ? setCoil : resetCoil;
            drive(coil, true);
            try {
                clock.sleep(config.coilPulse());
            } finally {
                drive(coil, false);
            }
        }
        commanded = target;
        clock.sleep(config.settle());
        return new RelaySwitchResult(target, sensed());
    }

    @Override
    public void close() {
        try {
            if (config.kind() == RelayKind.LATCHING) {
                setCoil.low();
                resetCoil.low();
            }
        } catch (RuntimeException ignored) {
            // a latching relay keeps its contacts; releasing the lines is best effort
        }
    }

    private void drive(DigitalOutput line, boolean high) throws BusException {
        try {
            line.state(com.pi4j.io.gpio.digital.DigitalState.getState(high));
        } catch (RuntimeException e) {
            throw new BusException(name, "cannot drive coil line: " + e.getMessage(), e);
        }
    }
}
