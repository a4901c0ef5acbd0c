package org.openami.hal.driver.atm90e32;

import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;
import static org.openami.hal.driver.atm90e32.IntMath.clamp;
import static org.openami.hal.driver.atm90e32.IntMath.roundDiv;

import java.util.ArrayList;
import java.util.List;
import org.openami.hal.HalException;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;

/**
 * Reads the instantaneous registers of the three phases and converts them to the HAL's
 * integer units: Urms 0.01 V plus 8 fraction bits from UrmsLSB -> mV; Irms 0.001 A rounded
 * with IrmsLSB -> mA; P/Q/S 32-bit at 0.32 mW -> mW/mvar/mVA; PF 0.001; Freq 0.01 Hz -> mHz.
 * The software share of the calibration (current offset remainder, active/reactive gain
 * remainders) is applied here. About 86 SPI frames per call. Blocks; not thread-safe.
 */
final class Atm90e32InstantReader {

    private final Atm90e32Bus bus;

    Atm90e32InstantReader(Atm90e32Bus bus) {
        this.bus = bus;
    }

    FrontEndReading read(PhaseSettings[] phases) throws HalException {
        List<PhaseReading> readings = new ArrayList<>(3);
        for (int p = 0; p < 3; p++) {
            readings.add(phase(p, phases[p]));
        }
        int freqMilliHz = bus.read(FREQ) * 10;
        return new FrontEndReading(readings, freqMilliHz);
    }

    private PhaseReading phase(int p, PhaseSettings s) throws HalException {
        long u24 = ((long) bus.read(URMS_A + p) << 8) | (bus.read(URMS_A_LSB + p) >>> 8);
        int voltageMv = (int) roundDiv(u24 * 10, 256);
        long i24 = ((long) bus.read(IRMS_A + p) << 8) | (bus.read(IRMS_A_LSB + p) >>> 8);
        int currentMa = (int) Math.max(0, roundDiv(i24, 256) + s.currentResidualMa());
        long activeMw = softGain(milli(bus.readSigned32(PMEAN_T + 1 + p, PMEAN_T_LSB + 1 + p)), s.activeSoftPpm());
        long reactiveMvar = softGain(milli(bus.readSigned32(QMEAN_T + 1 + p, QMEAN_T_LSB + 1 + p)), s.reactiveSoftPpm());
        long apparentMva = Math.max(0, milli(bus.readSigned32(SMEAN_T + 1 + p, SMEAN_T_LSB + 1 + p)));
        int pf = (int) clamp((short) bus.read(PFMEAN_T + 1 + p), -1000, 1000);
        return new PhaseReading(voltageMv, currentMa, activeMw, reactiveMvar, apparentMva, pf);
    }

    /** A 32-bit power value of 0.32 mW per LSB in milli-units. */
    private static long milli(long raw) {
        return roundDiv(raw * 32, 100);
    }

    private static long softGain(long value, long ppm) {
        return roundDiv(value * ppm, CalibrationMapper.PPM);
    }
}
