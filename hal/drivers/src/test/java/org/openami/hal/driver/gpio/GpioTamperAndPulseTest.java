package org.openami.hal.driver.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openami.hal.io.EnergyPulser;
import org.openami.sim.pi4j.SimGpio;
import org.openami.sim.pi4j.SimPi4j;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.time.ManualClock;

class GpioTamperAndPulseTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimGpio gpio = new SimGpio();
    private final Context pi4j = SimPi4j.newContext(new SimSpiProvider(), gpio);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void cover_opening_is_read_and_reported_to_listeners() throws Exception {
        DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("cover").address(22).build());
        var tamper = new GpioTamperSwitch("cover", in, true);
        List<Boolean> events = new ArrayList<>();
        tamper.addListener(events::add);

        assertThat(tamper.isOpen()).isFalse();
        gpio.wire(22).set(true);
        assertThat(tamper.isOpen()).isTrue();
        gpio.wire(22).set(false);
        assertThat(events).containsExactly(true, false);
    }

    @Test
    void pulse_led_gives_one_high_pulse_of_the_configured_width_per_pulse() throws Exception {
        DigitalOutput led = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("led").address(23).build());
        List<Long> edges = new ArrayList<>();
        gpio.wire(23).onChange(high -> edges.add(clock.nanoTime()));
        var pulse = new GpioPulseOutput("led", led, Duration.ofMillis(40), clock);

        var pulser = new EnergyPulser(1000);
        int due = pulser.add(3_000); // 3 Wh at 1000 imp/kWh
        for (int i = 0; i < due; i++) {
            pulse.pulse();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(pulse.pulses()).isEqualTo(3);
        assertThat(edges).hasSize(6);
        assertThat(edges.get(1) - edges.get(0)).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(gpio.wire(23).isHigh()).isFalse();
    }
}
