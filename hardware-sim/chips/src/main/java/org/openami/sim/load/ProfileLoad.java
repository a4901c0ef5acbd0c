package org.openami.sim.load;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A customer's load over the day: a {@link DailyProfile} scaled to a peak power, a power
 * factor (inductive loads lag), optional rooftop PV that can push net power negative
 * (export), and seeded noise on current, voltage and frequency (slow drift around nominal).
 * Immutable and thread-safe; build with the static factories and {@code with...} methods.
 */
public final class ProfileLoad implements LoadModel {

    private final DailyProfile profile;
    private final double peakW;
    private final double lagDeg;
    private final double pvPeakW;
    private final double nominalV;
    private final double nominalHz;
    private final double noise;
    private final ZoneOffset zone;
    private final long seed;
    private final SeededNoise rng;

    private ProfileLoad(DailyProfile profile, double peakW, double lagDeg, double pvPeakW, double nominalV,
                        double nominalHz, double noise, ZoneOffset zone, long seed) {
        if (peakW < 0 || pvPeakW < 0 || noise < 0 || noise > 0.2 || Math.abs(lagDeg) > 89) {
            throw new IllegalArgumentException("implausible load parameters");
        }
        this.profile = profile;
        this.peakW = peakW;
        this.lagDeg = lagDeg;
        this.pvPeakW = pvPeakW;
        this.nominalV = nominalV;
        this.nominalHz = nominalHz;
        this.noise = noise;
        this.zone = zone;
        this.seed = seed;
        this.rng = new SeededNoise(seed);
    }

    /** A household: evening peak of {@code peakW}, PF 0.95 lagging, 230 V 50 Hz, 2% noise. */
    public static ProfileLoad residential(double peakW, long seed) {
        return new ProfileLoad(DailyProfile.RESIDENTIAL, peakW, 18.2, 0, 230, 50, 0.02, ZoneOffset.ofHours(8), seed);
    }

    /** A shop or office: daytime plateau, PF 0.85 lagging (motors, lighting ballasts). */
    public static ProfileLoad commercial(double peakW, long seed) {
        return new ProfileLoad(DailyProfile.COMMERCIAL, peakW, 31.8, 0, 230, 50, 0.02, ZoneOffset.ofHours(8), seed);
    }

    public ProfileLoad withPv(double pvPeakW) {
        return new ProfileLoad(profile, peakW, lagDeg, pvPeakW, nominalV, nominalHz, noise, zone, seed);
    }

    public ProfileLoad withPowerFactorLagDeg(double lag) {
        return new ProfileLoad(profile, peakW, lag, pvPeakW, nominalV, nominalHz, noise, zone, seed);
    }

    public ProfileLoad withNoise(double fraction) {
        return new ProfileLoad(profile, peakW, lagDeg, pvPeakW, nominalV, nominalHz, fraction, zone, seed);
    }

    public ProfileLoad withGrid(double volts, double hertz) {
        return new ProfileLoad(profile, peakW, lagDeg, pvPeakW, volts, hertz, noise, zone, seed);
    }

    @Override
    public PhaseState at(Instant t, int phase) {
        double secondOfDay = t.atOffset(zone).toLocalTime().toSecondOfDay() + t.getNano() / 1e9;
        int stream = phase * 8;
        double demand = peakW * profile.at(secondOfDay) * (1 + noise * rng.gaussian(stream, t, 1000));
        double pv = pvPeakW * DailyProfile.SOLAR.at(secondOfDay) * (1 + noise * rng.smooth(stream + 1, t, 60_000));
        double p = Math.max(0, demand) - Math.max(0, pv);
        double q = Math.max(0, demand) * Math.tan(Math.toRadians(lagDeg));
        double volts = nominalV * (1 + 0.02 * rng.smooth(stream + 2, t, 300_000) + noise * 0.1 * rng.gaussian(stream + 3, t, 1000));
        double hz = nominalHz + 0.05 * rng.smooth(7, t, 120_000);
        return PhaseState.ofPower(volts, p, q, hz);
    }
}
