package org.openami.hal.board;

import java.util.Objects;
import org.openami.hal.io.PulseOutput;
import org.openami.hal.io.TamperSwitch;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.relay.Relay;

/**
 * Everything on a meter board that the meter application drives, as assembled by a
 * composition root (real Pi4J/jSerialComm buses, or the simulator behind the same paths).
 * Closing the board closes every part; the parts keep their own thread contracts.
 */
public record MeterBoard(MeteringFrontEnd frontEnd, Relay relay, TamperSwitch tamper, PulseOutput pulseLed)
        implements AutoCloseable {

    public MeterBoard {
        Objects.requireNonNull(frontEnd, "frontEnd");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(tamper, "tamper");
        Objects.requireNonNull(pulseLed, "pulseLed");
    }

    @Override
    public void close() {
        pulseLed.close();
        tamper.close();
        relay.close();
        frontEnd.close();
    }
}
