package org.openami.concentrator.dlt645.relay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.dlt645.relay.FileControlCounter;
import org.openami.concentrator.dlt645.relay.RelayActuator;
import org.openami.concentrator.dlt645.relay.RelayListener;
import org.openami.concentrator.dlt645.relay.RelayOutcome;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlType;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;

/**
 * Latency of relay actuation against simulated meters on a pseudo-terminal at 2400 baud:
 * from {@code apply} to the frame handed to the channel (counter, signing), to the frame
 * handed to the transport (the channel's queue and line turnaround), and to the confirmed state
 * (command, relay switching, status read back). Twice: on an idle bus, and on a bus kept busy
 * by scheduled reads (a control waits for the exchange in flight, then goes first). Prints
 * p50 / p95 / max in ms. Each command comes 0..300 ms after the previous outcome, so it meets
 * the busy bus at a random point of an exchange. Not a test: figures depend on the machine.
 *
 * <p>Arguments (optional): rounds per scenario (default 20), meters (default 3).
 */
public final class RelayLatencyBench {

    private static final LineSettings LINE = LineSettings.DLT645_DEFAULT;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private RelayLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int meters = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("relay-bench");
        try (SimulatedMeterFleet fleet = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(meters,
                dir.resolve("meters")).withSync(SyncPolicy.NONE));
             FileControlCounter counter = FileControlCounter.open(dir.resolve("counters"), Clock.systemUTC())) {
            WriteTimingTransport transport = new WriteTimingTransport(new SerialTransport(fleet.path(),
                    Rs485Options.plain()));
            try (BusChannel channel = new BusChannel("rs485-1", transport, LINE, BusTiming.dlt645(), Clock.systemUTC())) {
                Dlt645Master master = new Dlt645Master(channel);
                AtomicLong sentNanos = new AtomicLong();
                RelayActuator act = new RelayActuator(master, MeterKeyStore.DEMO_MASTER_KEY, new Password(2, 123456),
                        1, counter, Clock.system(ZONE), Duration.ofMinutes(5)).withListener(new RelayListener() {
                            @Override
                            public void sent(MeterAddress m, RelayControlType t, int attempt, Duration since) {
                                sentNanos.set(since.toNanos());
                            }
                        });
                // warm up: class loading, JIT, first counter reservations
                for (MeterAddress a : fleet.addresses()) {
                    act.apply(a, LINE, RelayControlType.ALARM).get(30, TimeUnit.SECONDS);
                    act.apply(a, LINE, RelayControlType.ALARM_RELEASE).get(30, TimeUnit.SECONDS);
                }
                System.out.printf("relay actuation, %d meters at %s, %d rounds (trip + direct close) per scenario%n",
                        meters, LINE, rounds);
                scenario("idle bus", rounds, fleet, act, transport, sentNanos, null);
                AtomicBoolean busy = new AtomicBoolean(true);
                Thread load = new Thread(() -> keepBusy(master, fleet.addresses(), busy), "bench-reads");
                load.start();
                try {
                    scenario("busy bus", rounds, fleet, act, transport, sentNanos, channel);
                } finally {
                    busy.set(false);
                    load.join(10_000);
                }
            }
        }
    }

    private static void scenario(String name, int rounds, SimulatedMeterFleet fleet, RelayActuator act,
            WriteTimingTransport transport, AtomicLong sentNanos, BusChannel busy) throws Exception {
        List<Double> toChannel = new ArrayList<>();
        List<Double> toWire = new ArrayList<>();
        List<Double> toConfirmed = new ArrayList<>();
        int notFollowed = 0;
        java.util.Random jitter = new java.util.Random(1);
        long readsBefore = busy == null ? 0 : busy.statistics().succeeded();
        for (int i = 0; i < rounds; i++) {
            MeterAddress a = fleet.addresses().get(i % fleet.addresses().size());
            for (RelayControlType t : List.of(RelayControlType.TRIP, RelayControlType.DIRECT_CLOSE)) {
                // arrive at a random moment, not just as the bus frees up
                Thread.sleep(jitter.nextInt(300));
                long t0 = System.nanoTime();
                RelayOutcome o = act.apply(a, LINE, t).get(60, TimeUnit.SECONDS);
                long done = System.nanoTime();
                long wire = transport.firstControlWriteSince(t0);
                toChannel.add(sentNanos.get() / 1e6);
                if (wire > 0) {
                    toWire.add((wire - t0) / 1e6);
                }
                toConfirmed.add((done - t0) / 1e6);
                if (!o.followed()) {
                    notFollowed++;
                }
            }
        }
        System.out.printf("%-9s apply -> channel   %s%n", name, stats(toChannel));
        System.out.printf("%-9s apply -> transport %s%n", name, stats(toWire));
        System.out.printf("%-9s apply -> confirmed %s%n", name, stats(toConfirmed));
        System.out.printf("%-9s not followed: %d of %d%s%n", name, notFollowed, toConfirmed.size(),
                busy == null ? "" : ", scheduled reads meanwhile: " + (busy.statistics().succeeded() - readsBefore));
    }

    /** Keeps two scheduled reads queued at all times. */
    private static void keepBusy(Dlt645Master master, List<MeterAddress> meters, AtomicBoolean busy) {
        int i = 0;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2);
        while (busy.get()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            master.read(meters.get(i++ % meters.size()), DataIdentifier.FORWARD_ACTIVE_TOTAL, LINE, Priority.SCHEDULED)
                    .whenComplete((v, e) -> inFlight.release());
        }
    }

    private static String stats(List<Double> ms) {
        if (ms.isEmpty()) {
            return "no samples";
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (n=%d)", v[v.length / 2],
                v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.95) - 1)], v[v.length - 1], v.length);
    }
}
