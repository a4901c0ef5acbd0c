package org.openami.hal.driver.ade7953;

import static org.openami.hal.driver.ade7953.Ade7953Register.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openami.hal.metering.PhaseCalibration;

/**
 * Maps chip-neutral calibration onto ADE7953 channel-A registers, in integers.
 * <ul>
 *   <li>Gains: {@code 0x400000} is x1.0, linear. AVGAIN and AIGAIN act on the waveforms, so
 *       they scale the powers too; AWGAIN and AVARGAIN are therefore set to
 *       {@code P / (V x I)} so that the net power gain is exactly the calibrated one.</li>
 *   <li>Phase: PHCALA is a time shift of 4/CLKIN (about 1.117 us) per LSB, sign-magnitude
 *       (bit 9 = negative, 9-bit magnitude, at most 383), positive cancelling a current lag;
 *       converted from degrees at the line frequency measured when it is written (LSB size
 *       and sign convention from secondary sources, see the package notes).</li>
 *   <li>Active power offset: AWATTOS, 1/512 of an AWATT LSB (datasheet, offset calibration),
 *       so energy gets the offset too.</li>
 *   <li>Current offset: the chip's AIRMSOS acts on the mean square, not linearly; the driver
 *       adds it to the reading in software instead (RMS current does not feed energy).</li>
 * </ul>
 */
final class Ade7953CalibrationMap {

    /** PHCALA clock: CLKIN 3.579545 MHz / 4. */
    static final long PHCAL_CLOCK_HZ = 894_886;
    static final int PHCAL_MAX_MAGNITUDE = 383;
    private static final long MAX_UNSIGNED_24 = 0xFFFFFF;
    private static final long MAX_SIGNED_24 = 0x7FFFFF;

    private Ade7953CalibrationMap() {
    }

    /** Register values for {@code p}, in write order. */
    static Map<Ade7953Register, Long> registers(PhaseCalibration p, Ade7953Config config, int lineMilliHz) {
        Map<Ade7953Register, Long> r = new LinkedHashMap<>();
        r.put(AVGAIN, gain(p.voltageGainPpm()));
        r.put(AIGAIN, gain(p.currentGainPpm()));
        r.put(AWGAIN, powerGain(p.activePowerGainPpm(), p.voltageGainPpm(), p.currentGainPpm()));
        r.put(AVARGAIN, powerGain(p.reactivePowerGainPpm(), p.voltageGainPpm(), p.currentGainPpm()));
        r.put(AVAGAIN, UNITY_GAIN);
        r.put(PHCALA, phase(p.phaseCorrectionMilliDeg(), lineMilliHz));
        r.put(AWATTOS, wattOffset(p.activePowerOffsetMw(), config.nanoWattsPerPowerLsb()));
        r.put(AVAROS, 0L);
        r.put(AVAOS, 0L);
        r.put(AIRMSOS, 0L);
        r.put(VRMSOS, 0L);
        return r;
    }

    static long gain(int ppm) {
        return Ade7953Scaling.divRound(UNITY_GAIN * ppm, 1_000_000);
    }

    /** The register that makes the net power gain {@code powerPpm} given the V and I gains. */
    static long powerGain(int powerPpm, int voltagePpm, int currentPpm) {
        long num = Math.multiplyExact(Math.multiplyExact(UNITY_GAIN, powerPpm), 1_000_000L);
        long code = Ade7953Scaling.divRound(num, (long) voltagePpm * currentPpm);
        if (code > MAX_UNSIGNED_24) {
            throw new IllegalArgumentException("power gain " + powerPpm + " ppm with V " + voltagePpm + " and I "
                    + currentPpm + " ppm exceeds the ADE7953 gain register");
        }
        return code;
    }

    /** PHCALA for a correction of {@code milliDeg} at {@code lineMilliHz}: sign-magnitude. */
    static long phase(int milliDeg, int lineMilliHz) {
        long magnitude = Ade7953Scaling.divRound(Math.abs((long) milliDeg) * PHCAL_CLOCK_HZ, 360L * lineMilliHz);
        if (magnitude > PHCAL_MAX_MAGNITUDE) {
            throw new IllegalArgumentException("phase correction " + milliDeg + " mdeg exceeds PHCALA's range");
        }
        return milliDeg < 0 && magnitude != 0 ? 0x200 | magnitude : magnitude;
    }

    /** AWATTOS (24-bit two's complement) for an offset in mW. */
    static long wattOffset(int offsetMw, long nanoWattsPerPowerLsb) {
        long code = Ade7953Scaling.divRound(Math.multiplyExact((long) offsetMw, 512_000_000L), nanoWattsPerPowerLsb);
        if (Math.abs(code) > MAX_SIGNED_24) {
            throw new IllegalArgumentException("active power offset " + offsetMw + " mW exceeds AWATTOS's range");
        }
        return code & MAX_UNSIGNED_24;
    }
}
