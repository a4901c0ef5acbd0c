package org.openami.concentrator.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MeterModelTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2024-05-31T16:00:00Z"); // 2024-06-01 00:00 local
    private static final long HOUR = 3_600_000L;

    @Test
    void energy_never_decreases_and_tariffs_add_up_to_the_total() {
        for (int i : new int[] {0, 9, 1234}) {
            MeterModel m = new MeterModel(i, 1, ZONE, START);
            long t0 = START.toEpochMilli() - 3 * 24 * HOUR;
            long previous = -1;
            long previousReverse = -1;
            for (long t = t0; t < t0 + 6 * 24 * HOUR; t += 7 * 60_000L + 13) {
                long total = m.forwardMwh(t, 0);
                assertThat(total).isGreaterThanOrEqualTo(previous);
                assertThat(m.reverseMwh(t, 0)).isGreaterThanOrEqualTo(previousReverse);
                long sum = 0;
                for (int tariff = 1; tariff <= MeterModel.TARIFFS; tariff++) {
                    sum += m.forwardMwh(t, tariff);
                }
                assertThat(total - sum).isBetween(0L, 4L);
                previous = total;
                previousReverse = m.reverseMwh(t, 0);
            }
        }
    }

    @Test
    void a_day_of_energy_is_about_the_mean_load_for_24_hours() {
        MeterModel m = new MeterModel(5, 1, ZONE, START);
        long day = m.forwardMwh(START.toEpochMilli() + 24 * HOUR, 0) - m.forwardMwh(START.toEpochMilli(), 0);
        long nominal = m.meanWatts() * 24L * 1000;
        // the weekday factor is 0.85..1.15
        assertThat(day).isBetween(nominal * 84 / 100, nominal * 116 / 100);
    }

    @Test
    void pv_meters_export_at_noon_and_import_at_night() {
        MeterModel pv = new MeterModel(9, 1, ZONE, START);
        long noon = START.toEpochMilli() + 12 * HOUR + 5 * 60_000L;
        long night = START.toEpochMilli() + 2 * HOUR;
        assertThat(pv.powerDeciwatts(noon)).isNegative();
        assertThat(pv.powerDeciwatts(night)).isPositive();
        assertThat(pv.reverseMwh(noon + HOUR, 0)).isGreaterThan(pv.reverseMwh(noon, 0));
        MeterModel plain = new MeterModel(8, 1, ZONE, START);
        assertThat(plain.reverseMwh(noon + HOUR, 0)).isEqualTo(plain.reverseMwh(noon, 0));
    }

    @Test
    void instantaneous_values_are_plausible() {
        MeterModel m = new MeterModel(3, 1, ZONE, START);
        for (long t = START.toEpochMilli(); t < START.toEpochMilli() + 24 * HOUR; t += 15 * 60_000L) {
            assertThat(m.voltageDecivolts(t)).isBetween(2140, 2260);
            assertThat(m.frequencyCentihertz(t)).isBetween(4997, 5003);
            long p = m.powerDeciwatts(t);
            long i = m.currentMilliamps(t);
            // I = P / (V x PF): P in 0.1 W, V in 0.1 V, I in mA
            long expected = Math.abs(p) * 1000 * 1000 / m.voltageDecivolts(t) / m.powerFactorMilli();
            assertThat(i).isBetween(expected - 2, expected + 2);
        }
    }

    @Test
    void nothing_accumulates_before_installation() {
        MeterModel m = new MeterModel(3, 1, ZONE, START);
        long installed = m.installedAt();
        assertThat(installed).isEqualTo(START.minusSeconds(MeterModel.INSTALLED_DAYS_BEFORE * 86_400L).toEpochMilli());
        assertThat(m.forwardMwh(installed - HOUR, 0)).isEqualTo(m.forwardMwh(installed, 0));
        assertThat(m.forwardMwh(installed + HOUR, 0)).isGreaterThan(m.forwardMwh(installed, 0));
    }
}
