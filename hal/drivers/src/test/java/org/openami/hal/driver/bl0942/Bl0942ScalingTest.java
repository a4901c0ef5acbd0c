package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openami.hal.metering.PhaseCalibration;
import org.openami.hal.metering.PhaseReading;

class Bl0942ScalingTest {

    private final Bl0942Scaling reference = new Bl0942Scaling(Bl0942Config.referenceDesign());

    @Test
    void the_reference_design_converts_with_the_datasheet_lsb_per_unit() {
        assertThat(reference.millivolts(15_883_300)).isCloseTo(1_000_000, within(5)); // 15883.3 LSB/V
        assertThat(reference.milliamps(25_121_346)).isCloseTo(100_000, within(2)); // 251213.5 LSB/A
        assertThat(reference.milliwatts(6_234_000)).isCloseTo(10_000_000L, within(1000L)); // 623.4 LSB/W
        assertThat(reference.milliwatts(-6_234_000)).isCloseTo(-10_000_000L, within(1000L));
        assertThat(reference.picoWhPerCount()).isCloseTo(186_895_000_000L, within(100_000_000L)); // 5350.6 / kWh
    }

    @Test
    void a_smaller_shunt_means_more_amps_and_more_energy_per_count() {
        Bl0942Config half = new Bl0942Config(500, 1_950_000, 510, 0, 50, 3, java.time.Duration.ZERO,
                java.time.Duration.ofMillis(100), Bl0942Config.ReactivePower.ZERO);
        Bl0942Scaling s = new Bl0942Scaling(half);
        assertThat(s.milliamps(2_512_135)).isCloseTo(2 * reference.milliamps(2_512_135), within(1));
        assertThat(s.picoWhPerCount()).isCloseTo(2 * reference.picoWhPerCount(), within(1L));
    }

    @Test
    void software_calibration_applies_ppm_gains_and_offsets_in_integers() {
        PhaseCalibration cal = new PhaseCalibration(1_010_000, 990_000, 1_020_000, 1_000_000, 1_234, 7, -500);
        SoftwareCalibration sc = new SoftwareCalibration(cal, reference, Bl0942Config.ReactivePower.ZERO);
        Bl0942Packet p = new Bl0942Packet(1_256_067, 3_653_159, 1_256_067, 716_910, 0, 20_000, 0);

        PhaseReading r = sc.reading(p);

        assertThat(r.voltageMv()).isCloseTo(232_300, within(20));
        assertThat(r.currentMa()).isCloseTo(4_950 + 7, within(2));
        assertThat(r.activePowerMw()).isCloseTo(1_173_000L - 500, within(300L));
        assertThat(r.apparentPowerMva()).isEqualTo((r.voltageMv() * (long) r.currentMa() + 500) / 1000);
        assertThat(r.reactivePowerMvar()).isZero();
        assertThat(sc.picoWhPerCount()).isEqualTo(Math.round(reference.picoWhPerCount() * 1.02));
    }

    @Test
    void no_load_below_the_creep_threshold_stays_at_zero_power_whatever_the_offset() {
        PhaseCalibration cal = PhaseCalibration.IDENTITY.withOffsets(-3, 250);
        SoftwareCalibration sc = new SoftwareCalibration(cal, reference, Bl0942Config.ReactivePower.ZERO);

        PhaseReading r = sc.reading(new Bl0942Packet(100, 3_653_159, 100, 0, 0, 20_000, 2));

        assertThat(r.activePowerMw()).isZero();
        assertThat(r.currentMa()).isZero();
        assertThat(r.powerFactorMilli()).isEqualTo(1000);
    }
}
