package org.openami.concentrator.bench.bus;

import java.util.List;
import org.openami.dlt645.MeterAddress;

/**
 * Simulated meters on one RS-485 bus behind a pseudo-terminal, wherever they run (in this
 * JVM or in a child process). Closing stops them.
 */
public interface MeterBus extends AutoCloseable {

    /** The {@code /dev/pts/N} the master opens. */
    String path();

    /** The meters' addresses. */
    List<MeterAddress> addresses();

    /** CPU time the meters' process used so far, ns; -1 when they run in this JVM. */
    long childCpuNanos();

    /** Stops the meters. Idempotent; never throws. */
    @Override
    void close();
}
