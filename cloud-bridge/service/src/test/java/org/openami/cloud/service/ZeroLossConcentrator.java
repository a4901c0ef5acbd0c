package org.openami.cloud.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.service.sim.SimulatedConcentrator;
import org.openami.cloud.uplink.CommandExecutor.CommandOutcome;

/**
 * The concentrator process of {@link ZeroLossTest}: produces readings 0..N-1 of a
 * {@link ReadingGenerator} into its store in chunks, as collection would, while its uplink
 * publishes them; runs until killed. After a restart it produces from 0 again: readings already
 * stored are idempotent no-ops, exactly like a collector reading a meter twice.
 * Arguments: folder, concentrator id, broker URI, N, chunk, pause between chunks (ms).
 */
public final class ZeroLossConcentrator {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String id = args[1];
        String broker = args[2];
        int n = Integer.parseInt(args[3]);
        int chunk = Integer.parseInt(args[4]);
        long pause = Long.parseLong(args[5]);
        ReadingGenerator gen = ZeroLossTest.generator();
        SimulatedConcentrator c = SimulatedConcentrator.start(dir, id, broker, CloudFixture.uplink(id),
                cmd -> CompletableFuture.completedFuture(CommandOutcome.ok("")), Clock.systemUTC());
        for (int i = 0; i < n; i += chunk) {
            c.produce(gen.range(i, Math.min(n, i + chunk)));
            Thread.sleep(pause);
        }
        System.out.println("PRODUCED " + n);
        while (true) {
            Thread.sleep(1_000);
            System.out.println("BACKLOG " + c.store().undeliveredCount());
        }
    }
}
