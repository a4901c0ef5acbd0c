package org.openami.hal.driver.ade7953;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * What the driver needs to know about the board around an ADE7953: the analog front end's
 * nominal values, the PGA settings, and the register scales derived from them, plus the
 * driver's retry policy. Immutable; build with {@link #referenceBoard()} or {@link #builder()}.
 *
 * <p><b>Reference board</b> ({@link #referenceBoard()}): 230 V / 50 Hz single phase, Ib 5 A,
 * Imax 60 A. Voltage through a 1 MOhm + 1 kOhm divider (ratio 1001) into V, PGA_V x1: full scale
 * 353.9 V rms. Current through a 250 uOhm manganin shunt into IA, PGA_IA x16: full scale
 * 88.39 A rms (60 A uses 68%, with peak headroom for 120% Imax). That gives
 * 39.18 uV per VRMS LSB, 9.786 uA per IRMS LSB, 6.433 mW per AWATT/AVAR/AVA LSB and
 * 41,997 nWh per energy-register count.
 *
 * <p>The derivation uses the chip's full-scale figures: RMS full scale (0.5 V peak at the pins
 * after the PGA) reads {@value #RMS_FULL_SCALE_CODE}; full-scale voltage and current at PF 1
 * read {@value #POWER_FULL_SCALE_CODE} in AWATT; the energy registers count at
 * {@value #ENERGY_FULL_SCALE_RATE_HZ} Hz at full scale. The RMS figure is from the datasheet;
 * the power figure and the energy rate are from the datasheet's offset and energy sections as
 * quoted by secondary sources and are unverified against the PDF. Calibration removes any
 * common error in them, but the power-to-energy ratio must be right, since calibration is
 * done on power and energy is counted in chip counts.
 *
 * @param voltageDividerRatio    line volts per volt at the V pins
 * @param shuntMicroOhms         channel-A shunt, micro-ohms
 * @param voltagePga             PGA_V gain: 1, 2, 4, 8 or 16
 * @param currentPga             PGA_IA gain: 1, 2, 4, 8, 16 or 22
 * @param picoVoltsPerVrmsLsb    derived: line voltage of one VRMS LSB
 * @param picoAmpsPerIrmsLsb     derived: line current of one IRMSA LSB
 * @param nanoWattsPerPowerLsb   derived: one AWATT / AVAR / AVA LSB
 * @param nanoWhPerEnergyCount   derived: one AENERGYA / RENERGYA count (nWh, nvarh)
 * @param nominalFrequencyMilliHz used for the phase correction when the chip cannot measure the line
 * @param retryAttempts          attempts per bus operation (1..10)
 * @param retryPause             wait between attempts
 */
public record Ade7953Config(int voltageDividerRatio, int shuntMicroOhms, int voltagePga, int currentPga,
                            long picoVoltsPerVrmsLsb, long picoAmpsPerIrmsLsb, long nanoWattsPerPowerLsb,
                            long nanoWhPerEnergyCount, int nominalFrequencyMilliHz, int retryAttempts,
                            Duration retryPause) {

    /** 0.5 V peak / sqrt 2, in pV: the RMS full scale at the ADC inputs after the PGA. */
    public static final long FULL_SCALE_RMS_PICOVOLTS = 353_553_390_593L;
    public static final int RMS_FULL_SCALE_CODE = 9_032_007;
    public static final int POWER_FULL_SCALE_CODE = 4_862_401;
    public static final int ENERGY_FULL_SCALE_RATE_HZ = 206_900;

    public Ade7953Config {
        if (voltageDividerRatio < 1 || shuntMicroOhms < 1) {
            throw new IllegalArgumentException("divider ratio and shunt must be positive");
        }
        Ade7953Register.pgaCode(voltagePga, false);
        Ade7953Register.pgaCode(currentPga, true);
        if (picoVoltsPerVrmsLsb <= 0 || picoAmpsPerIrmsLsb <= 0 || nanoWattsPerPowerLsb <= 0 || nanoWhPerEnergyCount <= 0) {
            throw new IllegalArgumentException("register scales must be positive");
        }
        if (nominalFrequencyMilliHz < 45_000 || nominalFrequencyMilliHz > 66_000) {
            throw new IllegalArgumentException("nominal frequency out of 45..66 Hz: " + nominalFrequencyMilliHz);
        }
        if (retryAttempts < 1 || retryAttempts > 10 || retryPause.isNegative()) {
            throw new IllegalArgumentException("retries out of range");
        }
    }

    /** The reference board described above, 3 attempts 5 ms apart. */
    public static Ade7953Config referenceBoard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another retry policy. */
    public Ade7953Config withRetries(int attempts, Duration pause) {
        return new Ade7953Config(voltageDividerRatio, shuntMicroOhms, voltagePga, currentPga, picoVoltsPerVrmsLsb,
                picoAmpsPerIrmsLsb, nanoWattsPerPowerLsb, nanoWhPerEnergyCount, nominalFrequencyMilliHz, attempts, retryPause);
    }

    /** Shunt in ohms, for handing the board to a simulator model (not used by the driver). */
    public double shuntOhms() {
        return shuntMicroOhms / 1e6;
    }

    /** Builds a config from the board's components; the register scales are derived in integers. */
    public static final class Builder {
        private int divider = 1001;
        private int shunt = 250;
        private int vPga = 1;
        private int iPga = 16;
        private int nominalMilliHz = 50_000;
        private int attempts = 3;
        private Duration pause = Duration.ofMillis(5);

        public Builder voltageDividerRatio(int ratio) {
            this.divider = ratio;
            return this;
        }

        public Builder shuntMicroOhms(int microOhms) {
            this.shunt = microOhms;
            return this;
        }

        public Builder pga(int voltage, int current) {
            this.vPga = voltage;
            this.iPga = current;
            return this;
        }

        public Builder nominalFrequencyMilliHz(int milliHz) {
            this.nominalMilliHz = milliHz;
            return this;
        }

        public Builder retries(int attempts, Duration pause) {
            this.attempts = attempts;
            this.pause = pause;
            return this;
        }

        public Ade7953Config build() {
            if (divider < 1 || shunt < 1 || vPga < 1 || iPga < 1) {
                throw new IllegalArgumentException("divider, shunt and PGA gains must be positive");
            }
            BigInteger fs = BigInteger.valueOf(FULL_SCALE_RMS_PICOVOLTS);
            BigInteger rmsCode = BigInteger.valueOf(RMS_FULL_SCALE_CODE);
            BigInteger vFullPv = fs.multiply(BigInteger.valueOf(divider)).divide(BigInteger.valueOf(vPga));
            // pV / uOhm = uA; times 1e6 = pA
            BigInteger iFullPa = fs.multiply(BigInteger.TEN.pow(6)).divide(BigInteger.valueOf((long) iPga * shunt));
            BigInteger pFullNw = vFullPv.multiply(iFullPa).divide(BigInteger.TEN.pow(15)); // pV*pA = 1e-24 W
            long pV = round(vFullPv, rmsCode);
            long pA = round(iFullPa, rmsCode);
            long nW = round(pFullNw, BigInteger.valueOf(POWER_FULL_SCALE_CODE));
            long nWh = round(pFullNw, BigInteger.valueOf((long) ENERGY_FULL_SCALE_RATE_HZ * 3600));
            return new Ade7953Config(divider, shunt, vPga, iPga, pV, pA, nW, nWh, nominalMilliHz, attempts, pause);
        }

        private static long round(BigInteger num, BigInteger den) {
            return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), 0, RoundingMode.HALF_UP).longValueExact();
        }
    }
}
