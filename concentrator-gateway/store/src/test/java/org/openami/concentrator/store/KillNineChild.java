package org.openami.concentrator.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.openami.concentrator.model.Reading;

/**
 * The process {@link KillNineTest} kills: writes numbered readings ({@link Fixtures#numbered})
 * from a start index, forever, and prints a confirmation after each call returned:
 * {@code P <highest index stored> .} after a put, {@code D <seq>,<seq>... .} after
 * markDelivered, {@code HK .} before and {@code H .} after housekeeping. Lines end with " ." so a line cut by the kill
 * is recognisable. Not a test.
 */
public final class KillNineChild {

    /** Settings of the store under test: a limit the test never reaches (no eviction), compaction in most housekeeping runs. */
    static StoreSettings settings() {
        return StoreSettings.defaults().withMaxBytes(64L << 20).withRetention(Duration.ofDays(3650))
                .withCompactFillPercent(90);
    }

    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        Random rnd = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        try (ForwardStore store = ForwardStore.open(file, settings(), Clock.systemUTC())) {
            out.println("OPEN .");
            out.flush();
            for (long puts = 1; ; puts++) {
                int n = 1 + rnd.nextInt(8);
                List<Reading> batch = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    batch.add(Fixtures.numbered(next + k));
                }
                store.putReadings(batch);
                next += n;
                out.println("P " + (next - 1) + " .");
                out.flush();
                if (puts % 20 == 0) {
                    List<StoredEntry> pending = store.nextBatch(1 + rnd.nextInt(60));
                    List<Long> chosen = new ArrayList<>();
                    for (int k = 0; k < pending.size(); k += 2) {
                        chosen.add(pending.get(k).seq());
                    }
                    store.markDelivered(chosen);
                    out.println("D " + chosen.stream().map(String::valueOf).collect(Collectors.joining(",")) + " .");
                    out.flush();
                }
                if (puts % 60 == 0) {
                    out.println("HK .");
                    out.flush();
                    store.housekeeping();
                    out.println("H .");
                    out.flush();
                }
            }
        }
    }
}
