package org.openami.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.time.ManualClock;

class Sdm630MeterTest {

    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void instantaneousValuesAreTheLoadModelsAtTheClocksTime() {
        ManualClock clock = new ManualClock(START);
        ProfileLoad load = ProfileLoad.commercial(30_000, 42);
        Sdm630Meter meter = new Sdm630Meter(load, clock);
        clock.advance(Duration.ofHours(3).plusMinutes(17));

        MeterSnapshot s = meter.snapshot();

        for (int p = 0; p < 3; p++) {
            PhaseState truth = load.at(clock.now(), p);
            assertThat(s.phase(p).voltageV()).isEqualTo(truth.voltageV());
            assertThat(s.phase(p).currentA()).isEqualTo(truth.currentA());
            assertThat(s.phase(p).activeW()).isEqualTo(truth.activeW());
        }
        assertThat(s.time()).isEqualTo(clock.now());
        assertThat(s.frequencyHz()).isBetween(49.9, 50.1);
    }

    @Test
    void energyIsPowerIntegratedOverTheInjectedClock() {
        ManualClock clock = new ManualClock(START);
        // 230 V x 10 A, resistive, on each phase: 6.9 kW in all
        Sdm630Meter meter = new Sdm630Meter(new ConstantLoad(new PhaseState(230, 10, 0, 50)), clock, 100, 0);

        clock.advance(Duration.ofMinutes(90));
        MeterSnapshot s = meter.snapshot();

        assertThat(s.importKwh()).isCloseTo(100 + 6.9 * 1.5, within(1e-6));
        assertThat(s.exportKwh()).isZero();
        assertThat(s.totalKwh()).isCloseTo(s.importKwh(), within(1e-9));
        assertThat(s.totalActiveW()).isCloseTo(6900, within(1e-6));
        assertThat(s.totalPowerFactor()).isCloseTo(1.0, within(1e-9));
        assertThat(s.lineToLineV(0)).isCloseTo(230 * Math.sqrt(3), within(1e-6));
        assertThat(s.neutralCurrentA()).isCloseTo(0, within(1e-9));
    }

    @Test
    void exportingLoadCountsExportWithNegativePowerFactor() {
        ManualClock clock = new ManualClock(START);
        Sdm630Meter meter = new Sdm630Meter(new ConstantLoad(new PhaseState(230, 4, 180, 50)), clock);

        clock.advance(Duration.ofHours(2));
        MeterSnapshot s = meter.snapshot();

        assertThat(s.exportKwh()).isCloseTo(3 * 0.92 * 2, within(1e-6));
        assertThat(s.importKwh()).isZero();
        assertThat(s.phase(0).powerFactor()).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void energyNeverDecreasesEvenWhenTheClockIsSetBack() {
        ManualClock clock = new ManualClock(START);
        MutableClock settable = new MutableClock(clock);
        Sdm630Meter meter = new Sdm630Meter(ProfileLoad.residential(5_000, 7), settable);
        double last = 0;
        for (int i = 0; i < 48; i++) {
            settable.offset = i % 5 == 4 ? Duration.ofMinutes(-45) : Duration.ZERO;
            clock.advance(Duration.ofMinutes(30));
            double now = meter.snapshot().importKwh();
            assertThat(now).as("import after %d half hours", i + 1).isGreaterThanOrEqualTo(last);
            last = now;
        }
        assertThat(last).as("a household uses something in a day").isGreaterThan(5);
    }

    /** A clock that can be set back by an offset, like an RTC corrected by time sync. */
    private static final class MutableClock implements org.openami.hal.time.HalClock {
        private final ManualClock base;
        volatile Duration offset = Duration.ZERO;

        MutableClock(ManualClock base) {
            this.base = base;
        }

        @Override
        public Instant now() {
            return base.now().plus(offset);
        }

        @Override
        public long nanoTime() {
            return base.nanoTime();
        }

        @Override
        public void sleep(Duration span) {
            base.sleep(span);
        }
    }
}
