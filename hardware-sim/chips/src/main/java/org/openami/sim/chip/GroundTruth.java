package org.openami.sim.chip;

/**
 * Energy that really flowed, summed per phase and split by sign, in watt-hours: what an
 * ideal meter would have registered. Thread-safe.
 */
public final class GroundTruth {

    private double importWh;
    private double exportWh;
    private double importVarh;
    private double exportVarh;

    synchronized void add(double activeWh, double reactiveVarh) {
        if (activeWh >= 0) {
            importWh += activeWh;
        } else {
            exportWh -= activeWh;
        }
        if (reactiveVarh >= 0) {
            importVarh += reactiveVarh;
        } else {
            exportVarh -= reactiveVarh;
        }
    }

    public synchronized double importActiveWh() {
        return importWh;
    }

    public synchronized double exportActiveWh() {
        return exportWh;
    }

    public synchronized double importReactiveVarh() {
        return importVarh;
    }

    public synchronized double exportReactiveVarh() {
        return exportVarh;
    }
}
