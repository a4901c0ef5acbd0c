package org.openami.concentrator.modbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Quantity;

/**
 * Reads every quantity of a {@link RegisterMap} from one meter: one request per {@link
 * ReadBlock} of the map's {@link RegisterMap#plan() plan}, all queued at once on the master's
 * channel, then each entry decoded and scaled to its quantity's integer unit.
 *
 * <p>Failures stay per quantity: a block that times out or is refused fails only its own
 * quantities; a NaN or infinite float fails only its quantity. The returned future therefore
 * always completes normally with a {@link MeterReadout} (never exceptionally), so a poller
 * can store what it got. Thread-safe; never blocks.
 */
public final class ModbusMeterReader {

    private final ModbusRtuMaster master;
    private final Clock clock;

    /** @param clock stamps {@link MeterReadout#readAt()} */
    public ModbusMeterReader(ModbusRtuMaster master, Clock clock) {
        this.master = Objects.requireNonNull(master, "master");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads {@code map} from {@code unit}.
     *
     * @param line     framing, or {@code null} for the channel's default
     * @throws IllegalArgumentException if {@code unit} is outside 1..247
     */
    public CompletableFuture<MeterReadout> read(int unit, RegisterMap map, LineSettings line, Priority priority) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(priority, "priority");
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit id " + unit + " is outside 1..247");
        }
        List<ReadBlock> plan = map.plan();
        List<CompletableFuture<BlockResult>> pending = new ArrayList<>(plan.size());
        for (ReadBlock block : plan) {
            pending.add(master.read(block.function(), unit, block.start(), block.count(), line, priority)
                    .handle((regs, error) -> new BlockResult(block, regs, error)));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> assemble(unit, map, pending.stream().map(CompletableFuture::join).toList()));
    }

    private MeterReadout assemble(int unit, RegisterMap map, List<BlockResult> results) {
        Map<Quantity, Long> values = new EnumMap<>(Quantity.class);
        Map<Quantity, QuantityFailure> failures = new EnumMap<>(Quantity.class);
        for (BlockResult r : results) {
            if (r.error != null) {
                ExchangeException e = exchangeFailure(r.error);
                for (RegisterEntry entry : r.block.entries()) {
                    failures.put(entry.quantity(), new QuantityFailure(entry.quantity(), QuantityFailure.Cause.EXCHANGE,
                            e.reason(), r.block + ": " + e.getMessage()));
                }
                continue;
            }
            for (RegisterEntry entry : r.block.entries()) {
                try {
                    values.put(entry.quantity(), entry.convert(r.registers, entry.address() - r.block.start()));
                } catch (RegisterEntry.InvalidValueException e) {
                    failures.put(entry.quantity(), new QuantityFailure(entry.quantity(), e.failureCause(), null,
                            e.getMessage()));
                }
            }
        }
        List<QuantityFailure> ordered = new ArrayList<>();
        for (RegisterEntry entry : map.entries()) {
            QuantityFailure f = failures.get(entry.quantity());
            if (f != null) {
                ordered.add(f);
            }
        }
        return new MeterReadout(unit, map.model(), values, ordered, clock.millis());
    }

    private static ExchangeException exchangeFailure(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof ExchangeException e) {
            return e;
        }
        return new ExchangeException(FailureReason.IO_ERROR, "unexpected failure: " + t, t);
    }

    private record BlockResult(ReadBlock block, int[] registers, Throwable error) {
    }
}
