package org.openami.hal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnergyPulserTest {

    @Test
    void one_kwh_gives_the_meter_constant_in_pulses_whatever_the_chunking() {
        var pulser = new EnergyPulser(1200);
        int pulses = 0;
        for (int i = 0; i < 1000; i++) {
            pulses += pulser.add(1000); // 1 Wh at a time
        }
        assertThat(pulses).isEqualTo(1200);
    }

    @Test
    void small_deltas_accumulate_into_pulses() {
        var pulser = new EnergyPulser(1000); // one pulse per Wh
        assertThat(pulser.add(999)).isZero();
        assertThat(pulser.add(1)).isEqualTo(1);
    }

    @Test
    void rejects_nonsense_constants_and_negative_energy() {
        assertThatThrownBy(() -> new EnergyPulser(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnergyPulser(1000).add(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
