package org.openami.concentrator.dlt645.relay;

import java.io.IOException;
import org.openami.dlt645.MeterAddress;

/**
 * The anti-replay counters of authenticated control commands (1CH), one sequence per meter.
 * A meter accepts a command only if its counter is greater than every counter it accepted
 * before, so a counter must never be handed out twice for the same meter, not even after a
 * crash. Implementations are thread-safe.
 */
public interface ControlCounter {

    /**
     * The next counter for {@code meter}: 1..FFFFFFFF, greater than every value returned for
     * that meter before (by this instance or an earlier one on the same storage). Durable
     * before it returns.
     *
     * @throws IOException if the value cannot be made durable, or the meter's counters are used up;
     *                     no value is handed out then
     */
    long next(MeterAddress meter) throws IOException;
}
