package org.openami.hal.driver.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ade7953ConfigAndMappingTest {

    @Test
    void the_reference_board_has_the_documented_register_scales() {
        Ade7953Config c = Ade7953Config.referenceBoard();
        System.out.printf("reference board: %d pV/VRMS LSB, %d pA/IRMS LSB, %d nW/power LSB, %d nWh/count%n",
                c.picoVoltsPerVrmsLsb(), c.picoAmpsPerIrmsLsb(), c.nanoWattsPerPowerLsb(), c.nanoWhPerEnergyCount());
        assertThat(c.picoVoltsPerVrmsLsb()).isBetween(39_180_000L, 39_190_000L);
        assertThat(c.picoAmpsPerIrmsLsb()).isBetween(9_785_000L, 9_787_000L);
        assertThat(c.nanoWattsPerPowerLsb()).isBetween(6_433_000L, 6_434_000L);
        assertThat(c.nanoWhPerEnergyCount()).isEqualTo(41_997L);
    }

    @Test
    void gains_map_linearly_and_power_gains_take_out_the_voltage_and_current_gains() {
        assertThat(Ade7953CalibrationMap.gain(1_000_000)).isEqualTo(0x400000);
        assertThat(Ade7953CalibrationMap.gain(1_500_000)).isEqualTo(0x600000);
        assertThat(Ade7953CalibrationMap.powerGain(1_000_000, 1_000_000, 1_000_000)).isEqualTo(0x400000);
        assertThat(Ade7953CalibrationMap.powerGain(1_000_000, 1_250_000, 800_000)).isEqualTo(0x400000);
        assertThat(Ade7953CalibrationMap.powerGain(1_100_000, 1_000_000, 1_000_000)).isEqualTo(Math.round(0x400000 * 1.1));
        assertThatThrownBy(() -> Ade7953CalibrationMap.powerGain(1_500_000, 500_000, 500_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phase_correction_becomes_sign_magnitude_ticks_of_a_quarter_clkin() {
        assertThat(Ade7953CalibrationMap.phase(0, 50_000)).isZero();
        assertThat(Ade7953CalibrationMap.phase(600, 50_000)).isEqualTo(30);
        assertThat(Ade7953CalibrationMap.phase(-600, 50_000)).isEqualTo(0x200 | 30);
        assertThat(Ade7953CalibrationMap.phase(600, 60_000)).isEqualTo(25);
    }

    @Test
    void the_watt_offset_is_in_512ths_of_a_power_lsb_and_twos_complement() {
        long lsbNw = Ade7953Config.referenceBoard().nanoWattsPerPowerLsb();
        assertThat(Ade7953CalibrationMap.wattOffset(0, lsbNw)).isZero();
        assertThat(Ade7953CalibrationMap.wattOffset(100, lsbNw)).isEqualTo(Math.round(100e6 * 512 / lsbNw));
        assertThat(Ade7953CalibrationMap.wattOffset(-100, lsbNw)).isEqualTo((-Math.round(100e6 * 512 / lsbNw)) & 0xFFFFFF);
    }

    @Test
    void readings_scale_to_hal_units_with_integer_rounding() {
        Ade7953Scaling s = new Ade7953Scaling(Ade7953Config.referenceBoard());
        assertThat(Ade7953Scaling.frequencyMilliHz(4474)).isEqualTo(50_000);
        assertThat(Ade7953Scaling.frequencyMilliHz(0xFFFF)).isZero();
        assertThat(Ade7953Scaling.powerFactorMilli(0x7FFF)).isEqualTo(1000);
        assertThat(Ade7953Scaling.powerFactorMilli(0x8000)).isEqualTo(-1000);
        assertThat(Ade7953Scaling.powerFactorMilli(0x4000)).isEqualTo(500);
        assertThat(s.powerMilli(0xFFFFFF)).isEqualTo(-6L);
        assertThat(s.currentMa(0, -5)).isZero();
    }
}
