package org.openami.concentrator.collector;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Reading;

/**
 * Reads one {@link ReadTask} from one meter: the scheduler's view of the protocol masters
 * (DL/T 645-2007, Modbus RTU). Implemented by adapters at the edge, which build the frames,
 * submit them to the meter's channel and turn the reply into readings.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Never blocks.</b> {@code read} queues the work and returns a future at once; it may
 *       be called from the scheduler's tick thread or from a channel thread that just completed
 *       another read. It may complete the future before returning (a reader that already knows
 *       the answer).</li>
 *   <li><b>Success</b>: the future completes with the readings, in the model's integer units
 *       ({@link org.openami.concentrator.model.Quantity#unit()}), each with
 *       {@code point = meter.point()}, {@code meter = meter.address()}, and the
 *       {@link ReadTask#kind() kind} and {@link ReadTask#dataTime data time} of the task. For a
 *       collection task the list should contain the {@link ReadTask#KEY_QUANTITY} reading: it is
 *       how the store later tells that the task's data is collected. The list is not modified
 *       afterwards.</li>
 *   <li><b>Failure</b>: the future completes exceptionally, preferably with an
 *       {@link ExchangeException} whose {@link ExchangeException#reason() reason} says how
 *       (timeout, refused...). Any other exception counts as a failure too. The scheduler
 *       retries failed tasks in later rounds of the task's window.</li>
 *   <li><b>Not supported</b>: if the meter cannot do this kind of task at all (a Modbus meter
 *       has no freezes) the future completes exceptionally with an
 *       {@link UnsupportedTaskException}. That is not a failure: the meter is left out of the
 *       window and not retried in it.</li>
 *   <li>The priority is passed to the channel unchanged ({@link Priority#SCHEDULED} for
 *       curves and freezes, {@link Priority#BULK} for back-fill, {@link Priority#ON_DEMAND}
 *       for on-demand reads).</li>
 *   <li>{@code attempts} is how many times the channel may send each request before it gives
 *       up (the channel's own retries with backoff); the scheduler's retries come on top, in
 *       later rounds.</li>
 * </ul>
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface MeterReader {

    /**
     * Starts reading {@code task} from {@code meter}.
     *
     * @param meter    the meter, as the archive has it (channel, address, protocol, line)
     * @param task     what to read
     * @param priority the channel priority of the requests
     * @param attempts attempts per request on the channel, at least 1
     * @return a future of the readings, completed as described in the type's contract; never null
     */
    CompletableFuture<List<Reading>> read(MeterRecord meter, ReadTask task, Priority priority, int attempts);
}
