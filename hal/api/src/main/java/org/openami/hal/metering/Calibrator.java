package org.openami.hal.metering;

import java.util.ArrayList;
import java.util.List;
import org.openami.hal.HalException;
import org.openami.hal.time.HalClock;

/**
 * The calibration procedure against a reference source, as done on a meter test bench:
 * <ol>
 *   <li>clear the calibration (unity gains, no offsets, no phase correction);</li>
 *   <li>at Un, Ib, PF 1: voltage, current and active-power gains from the ratio of
 *       reference to measured values;</li>
 *   <li>at Un, Ib, PF 0.5 lagging: the phase error from the remaining active-power error
 *       ({@code P = U I cos(60deg + e)}); then at PF 1 again the active-power gain, which the
 *       first step had set with the phase error in it; then the reactive-power gain (skipped for
 *       chips that measure no reactive power);</li>
 *   <li>at Un, 5% Ib, PF 1: current and active-power offsets;</li>
 *   <li>re-measure every point and report the residual errors.</li>
 * </ol>
 * Every phase is calibrated at once (a bench drives all phases). Blocks for the whole
 * procedure: about 7 x (settle + samples x interval) of the given clock's time.
 */
public final class Calibrator {

    private final HalClock clock;

    public Calibrator(HalClock clock) {
        this.clock = clock;
    }

    public CalibrationReport calibrate(MeteringFrontEnd frontEnd, ReferenceSource source, CalibrationPlan plan)
            throws HalException, InterruptedException {
        int n = frontEnd.phaseCount();
        CalibrationCoefficients cal = CalibrationCoefficients.identity(n);
        frontEnd.applyCalibration(cal);

        ReferenceLoad unity = plan.unityAtIb();
        Average[] a = measure(frontEnd, source, unity, plan);
        for (int p = 0; p < n; p++) {
            cal = cal.with(p, cal.phase(p).withGains(
                    gain(unity.voltageMv(), a[p].voltage), gain(unity.currentMa(), a[p].current),
                    gain(unity.activePowerMw(), a[p].active), PhaseCalibration.IDENTITY.reactivePowerGainPpm()));
        }
        frontEnd.applyCalibration(cal);

        ReferenceLoad lagging = plan.halfLaggingAtIb();
        a = measure(frontEnd, source, lagging, plan);
        for (int p = 0; p < n; p++) {
            double apparent = (double) lagging.voltageMv() / 1000 * lagging.currentMa();
            double ratio = Math.max(-1, Math.min(1, a[p].active / apparent));
            double measuredLagDeg = Math.toDegrees(Math.acos(ratio));
            int errorMilliDeg = (int) Math.round((measuredLagDeg - lagging.lagMilliDeg() / 1000.0) * 1000);
            int correction = clampPhase(cal.phase(p).phaseCorrectionMilliDeg() + errorMilliDeg);
            cal = cal.with(p, cal.phase(p).withPhaseCorrection(correction));
        }
        frontEnd.applyCalibration(cal);
        // the first active gain also absorbed 1/cos(phase error); measure again now the phase is right
        a = measure(frontEnd, source, unity, plan);
        for (int p = 0; p < n; p++) {
            PhaseCalibration c = cal.phase(p);
            int pGain = scaleGain(c.activePowerGainPpm(), unity.activePowerMw(), a[p].active);
            cal = cal.with(p, c.withGains(c.voltageGainPpm(), c.currentGainPpm(), pGain, c.reactivePowerGainPpm()));
        }
        frontEnd.applyCalibration(cal);
        a = measure(frontEnd, source, lagging, plan);
        for (int p = 0; p < n; p++) {
            if (Math.abs(a[p].reactive) < 1) {
                continue; // a chip that measures no reactive power keeps its reactive gain
            }
            int qGain = scaleGain(cal.phase(p).reactivePowerGainPpm(), lagging.reactivePowerMvar(), a[p].reactive);
            cal = cal.with(p, cal.phase(p).withReactiveGain(qGain));
        }
        frontEnd.applyCalibration(cal);

        ReferenceLoad low = plan.unityAtLowCurrent();
        a = measure(frontEnd, source, low, plan);
        for (int p = 0; p < n; p++) {
            PhaseCalibration c = cal.phase(p);
            int currentOffset = c.currentOffsetMa() + (int) Math.round(low.currentMa() - a[p].current);
            int powerOffset = c.activePowerOffsetMw() + (int) Math.round(low.activePowerMw() - a[p].active);
            cal = cal.with(p, c.withOffsets(currentOffset, powerOffset));
        }
        frontEnd.applyCalibration(cal);

        List<CalibrationReport.PointError> errors = new ArrayList<>();
        for (ReferenceLoad point : List.of(unity, lagging, low)) {
            a = measure(frontEnd, source, point, plan);
            for (int p = 0; p < n; p++) {
                long ppm = Math.round((a[p].active - point.activePowerMw()) * 1e6 / point.activePowerMw());
                errors.add(new CalibrationReport.PointError(point, p, ppm));
            }
        }
        return new CalibrationReport(cal, errors);
    }

    private Average[] measure(MeteringFrontEnd fe, ReferenceSource source, ReferenceLoad load, CalibrationPlan plan)
            throws HalException, InterruptedException {
        try {
            source.apply(load);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new HalException("reference-source", "could not apply " + load + ": " + e.getMessage(), e);
        }
        clock.sleep(plan.settle());
        Average[] sums = new Average[fe.phaseCount()];
        for (int p = 0; p < sums.length; p++) {
            sums[p] = new Average();
        }
        for (int s = 0; s < plan.samples(); s++) {
            FrontEndReading r = fe.read();
            for (int p = 0; p < sums.length; p++) {
                sums[p].add(r.phases().get(p), plan.samples());
            }
            clock.sleep(plan.sampleInterval());
        }
        return sums;
    }

    private static int gain(long reference, double measured) {
        return scaleGain(1_000_000, reference, measured);
    }

    private static int scaleGain(int currentPpm, long reference, double measured) {
        if (measured == 0) {
            throw new IllegalStateException("front end measured zero at a reference point: check wiring");
        }
        long ppm = Math.round(currentPpm * (reference / measured));
        return (int) Math.max(PhaseCalibration.MIN_GAIN_PPM, Math.min(PhaseCalibration.MAX_GAIN_PPM, ppm));
    }

    private static int clampPhase(int milliDeg) {
        return Math.max(-PhaseCalibration.MAX_PHASE_MILLI_DEG, Math.min(PhaseCalibration.MAX_PHASE_MILLI_DEG, milliDeg));
    }

    private static final class Average {
        double voltage;
        double current;
        double active;
        double reactive;

        void add(PhaseReading r, int n) {
            voltage += (double) r.voltageMv() / n;
            current += (double) r.currentMa() / n;
            active += (double) r.activePowerMw() / n;
            reactive += (double) r.reactivePowerMvar() / n;
        }
    }
}
