package org.openami.concentrator.bench.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.openami.meter.link.LinkStatistics;
import org.openami.meter.link.MultiDropBus;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.serial.VirtualSerialLine;

/**
 * A benchmark bus of {@link LightMeters} behind a real pseudo-terminal: a {@link MultiDropBus}
 * on a {@link VirtualSerialLine}, like {@link org.openami.meter.link.SimulatedBus} but allowed to
 * run unpaced ({@code baud} 0) with any turnaround, so that a heap benchmark running simulated
 * days in minutes is not bound by the wire time of a real 2400-baud bus. Meters send 4 FE
 * bytes before each reply. Threads and failures are those of {@link VirtualSerialLine}.
 */
public final class LightBus implements AutoCloseable {

    private final LightMeters meters;
    private final MultiDropBus bus;
    private final VirtualSerialLine line;

    private LightBus(LightMeters meters, MultiDropBus bus, VirtualSerialLine line) {
        this.meters = meters;
        this.bus = bus;
        this.line = line;
    }

    /**
     * @param meters     the meters on the bus
     * @param baud       pacing of replies and requests at 8E1, or 0 for none
     * @param turnaround meters' reply delay after a request, zero or more
     * @throws IOException if the pseudo-terminal cannot be made
     */
    public static LightBus open(LightMeters meters, int baud, Duration turnaround) throws IOException {
        MultiDropBus bus = new MultiDropBus(List.of(meters), turnaround, 4, Duration.ofMillis(500));
        return new LightBus(meters, bus, VirtualSerialLine.open(bus, baud, LineTiming.BITS_8E1, baud > 0));
    }

    /** The {@code /dev/pts/N} a master opens. */
    public String path() {
        return line.path();
    }

    public LightMeters meters() {
        return meters;
    }

    public LinkStatistics statistics() {
        return bus.statistics();
    }

    @Override
    public void close() {
        line.close();
    }
}
