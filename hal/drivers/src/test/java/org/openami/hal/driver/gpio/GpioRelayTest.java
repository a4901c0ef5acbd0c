package org.openami.hal.driver.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openami.hal.relay.RelayKind;
import org.openami.hal.relay.RelayState;
import org.openami.hal.relay.RelaySwitchResult;
import org.openami.sim.pi4j.SimGpio;
import org.openami.sim.pi4j.SimPi4j;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.relay.RelayModel;
import org.openami.sim.time.ManualClock;

/** The GPIO relay driver against the relay model, wired through the simulated Pi4J GPIO header. */
class GpioRelayTest {

    private static final int SET = 17;
    private static final int RESET = 18;
    private static final int FEEDBACK = 27;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimGpio gpio = new SimGpio();
    private final Context pi4j = SimPi4j.newContext(new SimSpiProvider(), gpio);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private RelayModel wire(RelayKind kind, RelayState initial) {
        RelayModel model = new RelayModel(kind, Duration.ofMillis(50), clock, initial);
        gpio.wire(SET).onChange(model::setCoil);
        if (kind == RelayKind.LATCHING) {
            gpio.wire(RESET).onChange(model::resetCoil);
        }
        model.onFeedback(closed -> gpio.wire(FEEDBACK).set(closed));
        return model;
    }

    private GpioRelay driver(GpioRelayConfig config) throws Exception {
        DigitalOutput set = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("set").address(SET).initial(DigitalState.LOW).build());
        DigitalOutput reset = config.kind() == RelayKind.LATCHING
                ? pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("reset").address(RESET).initial(DigitalState.LOW).build())
                : null;
        DigitalInput fb = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("fb").address(FEEDBACK).build());
        return new GpioRelay("relay", set, reset, fb, config, clock);
    }

    @Test
    void latching_relay_trips_and_closes_and_feedback_follows() throws Exception {
        RelayModel model = wire(RelayKind.LATCHING, RelayState.CLOSED);
        GpioRelay relay = driver(GpioRelayConfig.latching());
        assertThat(relay.commanded()).isEqualTo(RelayState.CLOSED);

        RelaySwitchResult trip = relay.switchTo(RelayState.OPEN);
        assertThat(trip.followed()).isTrue();
        assertThat(model.contacts()).isEqualTo(RelayState.OPEN);
        assertThat(relay.sensed()).isEqualTo(RelayState.OPEN);

        assertThat(relay.switchTo(RelayState.CLOSED).followed()).isTrue();
        assertThat(model.contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(model.operations()).isEqualTo(2);
    }

    @Test
    void coil_pulse_shorter_than_the_relay_needs_does_not_switch_and_is_reported() throws Exception {
        RelayModel model = wire(RelayKind.LATCHING, RelayState.CLOSED);
        var tooShort = new GpioRelayConfig(RelayKind.LATCHING, Duration.ofMillis(10), Duration.ofMillis(20), true);
        GpioRelay relay = driver(tooShort);

        RelaySwitchResult result = relay.switchTo(RelayState.OPEN);
        assertThat(result.followed()).isFalse();
        assertThat(result.sensed()).isEqualTo(RelayState.CLOSED);
        assertThat(model.ignoredPulses()).isEqualTo(1);
    }

    @Test
    void welded_contacts_do_not_open_and_the_result_says_so() throws Exception {
        RelayModel model = wire(RelayKind.LATCHING, RelayState.CLOSED);
        GpioRelay relay = driver(GpioRelayConfig.latching());
        model.weld();

        RelaySwitchResult result = relay.switchTo(RelayState.OPEN);
        assertThat(result.commanded()).isEqualTo(RelayState.OPEN);
        assertThat(result.sensed()).isEqualTo(RelayState.CLOSED);
        assertThat(result.followed()).isFalse();
    }

    @Test
    void stuck_open_contacts_do_not_reconnect() throws Exception {
        RelayModel model = wire(RelayKind.LATCHING, RelayState.OPEN);
        GpioRelay relay = driver(GpioRelayConfig.latching());
        model.jamOpen();
        assertThat(relay.switchTo(RelayState.CLOSED).followed()).isFalse();
        model.repair();
        assertThat(relay.switchTo(RelayState.CLOSED).followed()).isTrue();
    }

    @Test
    void monostable_relay_opens_while_energised() throws Exception {
        RelayModel model = wire(RelayKind.MONOSTABLE, RelayState.CLOSED);
        GpioRelay relay = driver(GpioRelayConfig.monostable());
        assertThat(relay.switchTo(RelayState.OPEN).followed()).isTrue();
        assertThat(gpio.wire(SET).isHigh()).isTrue();
        assertThat(relay.switchTo(RelayState.CLOSED).followed()).isTrue();
        assertThat(model.contacts()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void latching_relay_without_reset_line_is_refused() {
        DigitalOutput set = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("s").address(5).build());
        assertThatThrownBy(() -> new GpioRelay("r", set, null, null, GpioRelayConfig.latching(), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reset coil");
    }
}
