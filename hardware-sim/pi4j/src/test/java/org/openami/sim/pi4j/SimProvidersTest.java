package org.openami.sim.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimProvidersTest {

    private final SimSpiProvider spiProvider = new SimSpiProvider();
    private final SimGpio gpio = new SimGpio();
    private Context pi4j;

    @AfterEach
    void shutdown() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    @Test
    void spi_transfer_reaches_the_device_at_bus_and_chip_select() {
        spiProvider.attach(0, 1, (tx, rx) -> {
            for (int i = 0; i < tx.length; i++) {
                rx[i] = (byte) ~tx[i];
            }
        });
        pi4j = SimPi4j.newContext(spiProvider, gpio);
        Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("fe").bus(SpiBus.BUS_0).channel(1).baud(1_000_000).build());
        byte[] rx = new byte[3];
        spi.transfer(new byte[] {0x00, 0x0F, (byte) 0xF0}, rx);
        assertThat(rx).containsExactly(0xFF, 0xF0, 0x0F);
    }

    @Test
    void empty_chip_select_reads_all_ones_and_device_faults_become_pi4j_io_exceptions() {
        spiProvider.attach(0, 0, (tx, rx) -> {
            throw new IOException("injected");
        });
        pi4j = SimPi4j.newContext(spiProvider, gpio);
        Spi empty = pi4j.create(Spi.newConfigBuilder(pi4j).id("empty").bus(SpiBus.BUS_0).channel(2).build());
        byte[] rx = new byte[2];
        empty.transfer(new byte[2], rx);
        assertThat(rx).containsExactly(0xFF, 0xFF);

        Spi faulty = pi4j.create(Spi.newConfigBuilder(pi4j).id("faulty").bus(SpiBus.BUS_0).channel(0).build());
        assertThatThrownBy(() -> faulty.transfer(new byte[2], new byte[2]))
                .isInstanceOf(com.pi4j.io.exception.IOException.class).hasMessageContaining("injected");
    }

    @Test
    void gpio_output_drives_the_wire_and_input_sees_model_changes() {
        pi4j = SimPi4j.newContext(spiProvider, gpio);
        DigitalOutput coil = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("coil").address(17).initial(DigitalState.LOW).build());
        coil.high();
        assertThat(gpio.wire(17).isHigh()).isTrue();

        DigitalInput feedback = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("fb").address(27).build());
        AtomicReference<DigitalState> seen = new AtomicReference<>();
        feedback.addListener(e -> seen.set(e.state()));
        gpio.wire(27).set(true);
        assertThat(feedback.state()).isEqualTo(DigitalState.HIGH);
        assertThat(seen.get()).isEqualTo(DigitalState.HIGH);
    }
}
