package org.openami.sim.load;

/**
 * Typical daily shapes of demand, as a fraction of peak (0..1) by hour of day, with linear
 * interpolation. Shapes follow published residential and commercial load curves in outline:
 * residential peaks in the morning and evening, commercial holds a daytime plateau.
 */
public enum DailyProfile {
    RESIDENTIAL(new double[] {0.25, 0.2, 0.18, 0.17, 0.17, 0.2, 0.35, 0.6, 0.55, 0.4, 0.35, 0.35,
        0.4, 0.35, 0.32, 0.33, 0.4, 0.6, 0.85, 1.0, 0.95, 0.8, 0.55, 0.35}),
    COMMERCIAL(new double[] {0.15, 0.15, 0.15, 0.15, 0.15, 0.18, 0.25, 0.5, 0.85, 0.95, 1.0, 1.0,
        0.9, 0.95, 1.0, 0.98, 0.9, 0.7, 0.45, 0.3, 0.25, 0.2, 0.18, 0.15}),
    /** Photovoltaic generation: zero at night, a bell around noon. */
    SOLAR(new double[] {0, 0, 0, 0, 0, 0, 0.02, 0.1, 0.3, 0.55, 0.78, 0.93,
        1.0, 0.93, 0.78, 0.55, 0.3, 0.1, 0.02, 0, 0, 0, 0, 0});

    private final double[] hourly;

    DailyProfile(double[] hourly) {
        this.hourly = hourly;
    }

    /** Fraction of peak at {@code secondOfDay} (0..86399). */
    public double at(double secondOfDay) {
        double h = secondOfDay / 3600.0;
        int i = (int) Math.floor(h) % 24;
        double frac = h - Math.floor(h);
        return hourly[i] + (hourly[(i + 1) % 24] - hourly[i]) * frac;
    }
}
