package org.openami.hal.driver.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.openami.hal.metering.PhaseCalibration;

/** The split of calibration between chip registers and software reproduces what was asked. */
class Atm90e32CalibrationMappingTest {

    private static final Atm90e32Config CFG = Atm90e32Config.referenceBoard();

    @Property
    void chip_registers_and_software_gains_together_reproduce_every_requested_gain(
            @ForAll @IntRange(min = 500_000, max = 1_500_000) int voltage,
            @ForAll @IntRange(min = 500_000, max = 1_500_000) int current,
            @ForAll @IntRange(min = 500_000, max = 1_500_000) int active,
            @ForAll @IntRange(min = 500_000, max = 1_500_000) int reactive) {
        PhaseSettings s = CalibrationMapper.map(new PhaseCalibration(voltage, current, active, reactive, 0, 0, 0), CFG);
        double u = s.ugain() / (double) CFG.unityUgain();
        double i = s.igain() / (double) CFG.unityIgain();
        double chipPower = u * i * (1 + (short) s.pqGain() / 32768.0);
        assertThat(u).isCloseTo(voltage / 1e6, within(0.5 / CFG.unityUgain() + 1e-12));
        assertThat(i).isCloseTo(current / 1e6, within(0.5 / CFG.unityIgain() + 1e-12));
        // intermediate ppm roundings compound to a few ppm relative, far below any meter class
        assertThat(chipPower * s.activeSoftPpm() / active).isCloseTo(1.0, within(5e-6));
        assertThat(chipPower * s.reactiveSoftPpm() / reactive).isCloseTo(1.0, within(5e-6));
    }

    @Property
    void phase_correction_is_held_by_the_chip_to_within_half_a_delay_step(
            @ForAll @IntRange(min = -5000, max = 5000) int milliDeg, @ForAll("lineHz") int hz) {
        int phi = CalibrationMapper.phi(milliDeg, hz);
        double deg = (phi & 0x3FF) / 2.048e6 * 360 * hz * ((phi & 0x8000) != 0 ? -1 : 1);
        assertThat(deg).isCloseTo(milliDeg / 1000.0, within(0.5 / 2.048e6 * 360 * hz + 1e-12));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> lineHz() {
        return net.jqwik.api.Arbitraries.of(50, 60);
    }

    @Property
    void current_offset_goes_to_the_chip_and_the_rest_to_software(@ForAll @IntRange(min = -500, max = 500) int offsetMa) {
        PhaseSettings s = CalibrationMapper.map(PhaseCalibration.IDENTITY.withOffsets(offsetMa, 0), CFG);
        double held = (short) s.ioffset() / 512.0 + s.currentResidualMa();
        assertThat(held).isCloseTo(offsetMa, within(0.5));
    }

    @Property
    void scaling_counts_in_pieces_loses_nothing(
            @ForAll @Size(min = 1, max = 200) java.util.List<@IntRange(min = 0, max = 0xFFFF) Integer> reads,
            @ForAll @LongRange(min = 100_000, max = 6_000_000) long ppm) {
        CountScaler scaler = new CountScaler();
        long sum = 0;
        long counts = 0;
        for (int c : reads) {
            sum += scaler.toSubCounts(c, ppm);
            counts += c;
        }
        assertThat(sum).isEqualTo(counts * ppm / 1000);
    }
}
