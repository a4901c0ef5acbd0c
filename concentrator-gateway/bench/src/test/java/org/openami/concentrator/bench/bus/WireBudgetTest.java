package org.openami.concentrator.bench.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WireBudgetTest {

    @Test
    void a_read_of_energy_at_2400_baud_costs_wire_time_plus_turnaround() {
        // 4 FE + 16-byte request; 4 FE + 20-byte reply; 11 bits a byte
        WireBudget b = new WireBudget(20, 24, 2400, 11, Duration.ofMillis(20));
        assertThat(b.wireSeconds()).isCloseTo(44 * 11 / 2400.0, within(1e-12));
        assertThat(b.secondsPerRead()).isCloseTo(0.2016667 + 0.020, within(1e-6));
        assertThat(b.readsPerSecond()).isCloseTo(4.511, within(0.001));
        assertThat(b.utilisation(4.511 * 0.95)).isCloseTo(0.95, within(0.001));
        assertThat(b.describe()).contains("request 20 B + reply 24 B", "201.7 ms", "221.7 ms a read");
    }

    @Test
    void refuses_nonsense() {
        assertThatThrownBy(() -> new WireBudget(0, 24, 2400, 11, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WireBudget(20, 24, 0, 11, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
