package org.openami.concentrator.bench.prepay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.Dlt645Collection;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.dlt645.relay.FileControlCounter;
import org.openami.concentrator.dlt645.relay.RelayActuator;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.prepay.AccountSpec;
import org.openami.concentrator.prepay.Action;
import org.openami.concentrator.prepay.Decision;
import org.openami.concentrator.prepay.PrepayEngine;
import org.openami.concentrator.prepay.PrepayPolicy;
import org.openami.concentrator.prepay.ProtectedWindows;
import org.openami.concentrator.prepay.ReconnectMode;
import org.openami.concentrator.prepay.TariffBook;
import org.openami.concentrator.prepay.TariffTable;
import org.openami.concentrator.prepay.TripAt;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlType;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami bench prepay}: local prepayment's reaction time on a real bus. Firmware meters on
 * a pseudo-terminal at 2400 8E1, the bus kept busy by scheduled reads (two queued at all times, as
 * the collector does), the real prepayment engine (ledger committed with fsync) and the real relay
 * actuator. Each round sets the account just above its trip level; the next read of its meter
 * (the poll that exhausts the balance) is handed to the engine in the read's completion, the
 * engine decides TRIP and the actuator queues the signed 1CH. Measured: from the poll's end
 * (its completion) to the trip frame handed to the transport; then from a top-up's arrival to
 * the close frame handed to the transport.
 */
@Command(name = "bench prepay", mixinStandardHelpOptions = true)
public final class PrepayLatencyBench implements Callable<Integer> {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Option(names = "--rounds", defaultValue = "30", description = "Trip and reconnect rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--baud", defaultValue = "2400", description = "Bus speed, 8E1 (default: ${DEFAULT-VALUE})")
    int baud;

    private LineSettings line;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrepayLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (baud != 1200 && baud != 2400 && baud != 4800 && baud != 9600) {
            System.err.println("bench prepay: --baud must be 1200, 2400, 4800 or 9600");
            return 2;
        }
        line = LineSettings.parse(baud + "-8E1");
        Path dir = Files.createTempDirectory("ami-bench-prepay");
        Clock clock = Clock.systemUTC();
        // meters on simulated time x600 so their 10 Wh register steps come every fraction of a second
        try (SimulatedMeterFleet fleet = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(3, dir.resolve("meters"))
                .withClock(Instant.now(), 600).withSync(SyncPolicy.NONE)
                .withLink(org.openami.meter.link.LinkSettings.dlt645Default().withBaud(baud)));
             FileControlCounter counter = FileControlCounter.open(dir.resolve("counters"), clock);
             PrepayEngine engine = PrepayEngine.open(dir.resolve("ledger.mv.db"),
                     TariffBook.of(List.of(TariffTable.flat("BENCH", 1, 0, 1_000_000, 0))),
                     new PrepayPolicy(0, 0, 0, TripAt.ZERO, 1_000_000_000_000L, ReconnectMode.DIRECT_CLOSE, 0,
                             ProtectedWindows.none(ZONE)), clock, true)) {
            ControlWriteClock wire = new ControlWriteClock(new SerialTransport(fleet.path(), Rs485Options.plain()));
            try (BusChannel channel = new BusChannel("rs485-1", wire, line, BusTiming.dlt645(), clock)) {
                Dlt645Master master = new Dlt645Master(channel);
                Dlt645Collection reads = new Dlt645Collection(master, clock, ZONE);
                RelayActuator actuator = new RelayActuator(master, MeterKeyStore.DEMO_MASTER_KEY,
                        new Password(2, 123456), 1, counter, Clock.system(ZONE), Duration.ofMinutes(5));
                MeterAddress target = fleet.addresses().get(0);
                AccountSpec account = new AccountSpec("BENCH-1", 1, target.toString(), "BENCH", false);
                engine.setAccounts(List.of(account));
                engine.openAccount("BENCH-1", 1_000_000_000L, "open");
                AtomicBoolean busy = new AtomicBoolean(true);
                Thread load = new Thread(() -> keepBusy(master, fleet.addresses().subList(1, 3), busy), "bench-reads");
                load.start();
                List<Double> trip = new ArrayList<>();
                List<Double> close = new ArrayList<>();
                try {
                    for (int r = 0; r < rounds + 3; r++) {
                        long balance = engine.account("BENCH-1").balanceFen();
                        engine.adjust("round-" + r, "BENCH-1", 1 - balance, "bench: just above the trip level");
                        long[] pollEnd = {0};
                        CompletableFuture<Void> tripped = new CompletableFuture<>();
                        while (!tripped.isDone()) {
                            reads.realtime(1, target, line, Set.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL), Priority.SCHEDULED)
                                    .thenAccept(readings -> {
                                        long end = System.nanoTime();
                                        for (Decision d : engine.onReadings(account, readings)) {
                                            if (d.action() == Action.TRIP) {
                                                pollEnd[0] = end;
                                                actuator.apply(target, line, RelayControlType.TRIP)
                                                        .whenComplete((o, e) -> tripped.complete(null));
                                            }
                                        }
                                    }).get(30, TimeUnit.SECONDS);
                        }
                        tripped.get(60, TimeUnit.SECONDS);
                        long tripWire = wire.firstSince(pollEnd[0]);
                        long arrival = System.nanoTime();
                        CompletableFuture<Void> closed = new CompletableFuture<>();
                        for (Decision d : engine.topUp("topup-" + r, "BENCH-1", 500_000_000L).decisions()) {
                            if (d.action() == Action.RECONNECT) {
                                actuator.apply(target, line, RelayControlType.DIRECT_CLOSE)
                                        .whenComplete((o, e) -> closed.complete(null));
                            }
                        }
                        closed.get(60, TimeUnit.SECONDS);
                        long closeWire = wire.firstSince(arrival);
                        if (r >= 3 && tripWire > 0 && closeWire > 0) { // the first rounds warm up
                            trip.add((tripWire - pollEnd[0]) / 1e6);
                            close.add((closeWire - arrival) / 1e6);
                        }
                    }
                } finally {
                    busy.set(false);
                    load.join(10_000);
                }
                System.out.printf("local prepayment on a busy %d-baud bus (two scheduled reads always queued), %d rounds:%n",
                        baud, trip.size());
                System.out.printf("  end of the exhausting poll -> trip frame handed to the transport: %s%n", stats(trip));
                System.out.printf("  top-up arrival -> close frame handed to the transport:           %s%n", stats(close));
                System.out.printf("  target <= 100 ms: %s (a frame cannot interrupt an exchange already on the half-duplex"
                        + " bus: a read here takes about %.0f ms)%n",
                        max(trip) <= 100 && max(close) <= 100 ? "met (max)" : "NOT met at max", 44 * 11 * 1000.0 / baud + 20);
            }
        }
        return 0;
    }

    /** Keeps two scheduled reads of the other meters queued at all times. */
    private void keepBusy(Dlt645Master master, List<MeterAddress> meters, AtomicBoolean busy) {
        Semaphore inFlight = new Semaphore(2);
        int i = 0;
        while (busy.get()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            master.read(meters.get(i++ % meters.size()), DataIdentifier.FORWARD_ACTIVE_TOTAL, line, Priority.SCHEDULED)
                    .whenComplete((v, e) -> inFlight.release());
        }
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.MAX_VALUE);
    }

    private static String stats(List<Double> ms) {
        if (ms.isEmpty()) {
            return "no samples";
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms", v[v.length / 2],
                v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.95) - 1)], v[v.length - 1]);
    }
}
