package org.openami.hal.metering;

/**
 * What the calibration procedure needs from the test bench: apply a known load to every
 * phase. The bench (or the simulator) is expected to hold the load until the next call.
 * Blocking: returns once the load is applied; the procedure then waits its settle time.
 */
public interface ReferenceSource {

    void apply(ReferenceLoad load) throws Exception;
}
