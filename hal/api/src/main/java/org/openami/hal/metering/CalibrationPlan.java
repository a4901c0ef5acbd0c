package org.openami.hal.metering;

import java.time.Duration;

/**
 * Where and how long the calibration procedure measures.
 *
 * @param nominalVoltageMv Un, the meter's reference voltage (230 V = 230000)
 * @param basicCurrentMa   Ib, the basic (reference) current
 * @param settle           wait after applying a load before reading
 * @param samples          readings averaged at each point
 * @param sampleInterval   time between two readings (at least the chip's RMS update period)
 */
public record CalibrationPlan(int nominalVoltageMv, int basicCurrentMa, Duration settle, int samples,
                              Duration sampleInterval) {

    public CalibrationPlan {
        if (nominalVoltageMv <= 0 || basicCurrentMa <= 0) {
            throw new IllegalArgumentException("Un and Ib must be positive");
        }
        if (samples < 1 || samples > 10_000) {
            throw new IllegalArgumentException("samples out of 1..10000: " + samples);
        }
    }

    /** 230 V, the given Ib, 1 s settle, 10 readings 500 ms apart. */
    public static CalibrationPlan standard(int basicCurrentMa) {
        return new CalibrationPlan(230_000, basicCurrentMa, Duration.ofSeconds(1), 10, Duration.ofMillis(500));
    }

    ReferenceLoad unityAtIb() {
        return new ReferenceLoad(nominalVoltageMv, basicCurrentMa, 0);
    }

    ReferenceLoad halfLaggingAtIb() {
        return new ReferenceLoad(nominalVoltageMv, basicCurrentMa, 60_000);
    }

    ReferenceLoad unityAtLowCurrent() {
        return new ReferenceLoad(nominalVoltageMv, basicCurrentMa / 20, 0);
    }
}
