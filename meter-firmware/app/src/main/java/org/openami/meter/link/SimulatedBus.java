package org.openami.meter.link;

import java.io.IOException;
import java.util.List;
import org.openami.sim.serial.VirtualSerialLine;

/**
 * Meters on a simulated RS-485 bus behind a real pseudo-terminal: a {@link MultiDropBus} on
 * a {@link VirtualSerialLine} whose requests and replies are paced at the settings' baud rate and
 * character size (11 bits a byte in 8E1). A master (the concentrator under test) opens
 * {@link #path()} with jSerialComm as it would open an RS-485 adapter.
 *
 * <p>Threads, blocking and failures are those of {@link VirtualSerialLine} (one reader
 * thread, {@code vserial-pts/N}, on which the handlers run) and {@link MultiDropBus}.
 * All methods are thread-safe.
 */
public final class SimulatedBus implements AutoCloseable {

    private final VirtualSerialLine line;
    private final MultiDropBus bus;
    private final LinkSettings settings;

    private SimulatedBus(VirtualSerialLine line, MultiDropBus bus, LinkSettings settings) {
        this.line = line;
        this.bus = bus;
        this.settings = settings;
    }

    /**
     * Makes the pseudo-terminal and starts the line.
     *
     * @param meters   the meters' handlers (copied)
     * @param settings baud rate and character size for pacing, turnaround, preamble and
     *                 inter-byte timeout of every meter
     * @return the open bus; the caller must {@link #close()} it
     * @throws IOException if the pseudo-terminal cannot be made
     */
    public static SimulatedBus open(List<FrameHandler> meters, LinkSettings settings) throws IOException {
        MultiDropBus bus = new MultiDropBus(meters, settings.turnaround(), settings.preamble(),
                settings.interByteTimeout());
        return new SimulatedBus(VirtualSerialLine.open(bus, settings.baud(), settings.bitsPerByte(), true), bus, settings);
    }

    /** The {@code /dev/pts/N} a master opens. */
    public String path() {
        return line.path();
    }

    /** The settings the bus was opened with. */
    public LinkSettings settings() {
        return settings;
    }

    /** The bus counters: frames seen, replies sent, collisions, handler errors... */
    public LinkStatistics statistics() {
        return bus.statistics();
    }

    /** The underlying line, to inject faults ({@link VirtualSerialLine#corruptNextReplyBytes} ...). */
    public VirtualSerialLine line() {
        return line;
    }

    /** Closes the line (a master then reads end-of-file or an error). Idempotent. */
    @Override
    public void close() {
        line.close();
    }

    @Override
    public String toString() {
        return "SimulatedBus[" + path() + ", " + settings + "]";
    }
}
