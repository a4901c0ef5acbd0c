package org.openami.concentrator.bench.sim;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.SlaveReply;

/**
 * Many light simulated meters behind one {@link FrameHandler}: the DL/T 645-2007 slaves of a
 * benchmark bus, answering reads (11H) from their {@link MeterModel}s at the clock's time
 * ({@link DataItems}). Requests to other addresses, wildcards and broadcasts get no answer;
 * an identifier the meter does not hold gets the abnormal reply "no requested data"; other
 * functions get "other error".
 *
 * <p>Called on the simulated line's reader thread ({@link FrameHandler}'s contract); answers in
 * microseconds and never blocks. Thread-safe.
 */
public final class LightMeters implements FrameHandler {

    private final Map<MeterAddress, MeterModel> meters;
    private final Clock clock;
    private final LongAdder answered = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * @param meters the meters on this bus by address (copied, in order)
     * @param clock  the meters' common clock
     */
    public LightMeters(Map<MeterAddress, MeterModel> meters, Clock clock) {
        this.meters = new LinkedHashMap<>(meters);
        this.clock = clock;
    }

    /** The addresses on this bus, in order. */
    public List<MeterAddress> addresses() {
        return List.copyOf(meters.keySet());
    }

    /** Normal replies sent. */
    public long answered() {
        return answered.sum();
    }

    /** Abnormal replies sent ("no requested data", "other error"). */
    public long refused() {
        return refused.sum();
    }

    @Override
    public Optional<SlaveReply> handle(Dlt645Frame request) {
        MeterAddress a = request.address();
        if (!a.isSpecific()) {
            return Optional.empty();
        }
        MeterModel m = meters.get(a);
        if (m == null) {
            return Optional.empty();
        }
        Optional<DataIdentifier> di = request.dataIdentifier();
        if (request.function() != Function.READ_DATA || di.isEmpty()) {
            refused.increment();
            return Optional.of(SlaveReply.of(Dlt645Frame.abnormalReply(a, request.function(), EnumSet.of(ErrorFlag.OTHER))));
        }
        byte[] data = request.data();
        byte[] extra = Arrays.copyOfRange(data, DataIdentifier.SIZE, data.length);
        Optional<byte[]> value = DataItems.read(m, a, di.get(), extra, clock.instant());
        if (value.isEmpty()) {
            refused.increment();
            return Optional.of(SlaveReply.of(Dlt645Frame.abnormalReply(a, Function.READ_DATA,
                    EnumSet.of(ErrorFlag.NO_REQUESTED_DATA))));
        }
        answered.increment();
        return Optional.of(SlaveReply.of(Dlt645Frame.readReply(a, di.get(), value.get())));
    }
}
