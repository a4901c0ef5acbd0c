package org.openami.sim.demo;

import org.openami.hal.HalException;
import org.openami.hal.io.EnergyPulser;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.CalibrationReport;
import org.openami.hal.metering.Calibrator;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;
import org.openami.sim.board.SimulatedBoard;
import org.openami.sim.load.LoadModel;

/** One simulated meter in the demo: its board, its running energy totals, its pulse LED. */
final class DemoMeter implements AutoCloseable {

    private static final int METER_CONSTANT_IMP_PER_KWH = 1000;

    final String name;
    final String description;
    final SimulatedBoard sim;
    private final LoadModel customerLoad;
    private final EnergyPulser pulser = new EnergyPulser(METER_CONSTANT_IMP_PER_KWH);
    private volatile EnergyDelta total = EnergyDelta.ZERO;
    private volatile FrontEndReading last;
    private double trueImportAtStartWh;
    private double trueExportAtStartWh;

    DemoMeter(String name, String description, SimulatedBoard sim, LoadModel customerLoad) {
        this.name = name;
        this.description = description;
        this.sim = sim;
        this.customerLoad = customerLoad;
    }

    MeteringFrontEnd frontEnd() {
        return sim.board().frontEnd();
    }

    /** Calibrates against the simulated test bench, then hands the board its customer. */
    CalibrationReport calibrate(HalClock clock, int basicCurrentMa) throws HalException, InterruptedException {
        frontEnd().initialize(CalibrationCoefficients.identity(frontEnd().phaseCount()));
        CalibrationReport report = new Calibrator(clock).calibrate(frontEnd(), sim.load(), CalibrationPlan.standard(basicCurrentMa));
        frontEnd().readEnergy(); // energy drawn on the bench is not the customer's
        sim.load().use(customerLoad);
        trueImportAtStartWh = sim.chip().groundTruth().importActiveWh();
        trueExportAtStartWh = sim.chip().groundTruth().exportActiveWh();
        return report;
    }

    /**
     * Reads instantaneous values and energy, and flashes the LED for the energy that flowed.
     * Called by this meter's poller thread only.
     */
    void poll() throws HalException, InterruptedException {
        last = frontEnd().read();
        EnergyDelta d = frontEnd().readEnergy();
        total = total.plus(d);
        int pulses = pulser.add(d.importActiveMwh() + d.exportActiveMwh());
        for (int i = 0; i < pulses; i++) {
            sim.board().pulseLed().pulse();
        }
    }

    /** Energy that really flowed to the customer since calibration, Wh. */
    double trueImportWh() {
        return sim.chip().groundTruth().importActiveWh() - trueImportAtStartWh;
    }

    double trueExportWh() {
        return sim.chip().groundTruth().exportActiveWh() - trueExportAtStartWh;
    }

    FrontEndReading last() {
        return last;
    }

    EnergyDelta total() {
        return total;
    }

    /** What the relay's feedback contact says, and a mark if it disagrees with the command. */
    String relayText() {
        var relay = sim.board().relay();
        try {
            var sensed = relay.sensed();
            return sensed == relay.commanded() ? sensed.name() : sensed.name() + "!";
        } catch (HalException e) {
            return "ERROR";
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
