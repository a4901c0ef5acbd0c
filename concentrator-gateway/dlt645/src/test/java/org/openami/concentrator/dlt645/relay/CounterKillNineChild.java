package org.openami.concentrator.dlt645.relay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.openami.dlt645.MeterAddress;

/**
 * The process {@link FileControlCounterKillNineTest} kills: takes counters for meters 1..3 in
 * turn, forever, from a counter file with a fixed clock (so only the file keeps them growing),
 * and prints {@code V <meter> <value> .} after each {@code next} returned. A line cut by the
 * kill lacks the final " ." and is ignored. Not a test.
 */
public final class CounterKillNineChild {

    static final Instant CLOCK = Instant.parse("2026-03-01T00:00:00Z");

    private CounterKillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int block = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        try (FileControlCounter c = FileControlCounter.open(file, block, Clock.fixed(CLOCK, ZoneOffset.UTC))) {
            out.println("OPEN .");
            out.flush();
            for (long i = 0; ; i++) {
                int m = (int) (i % 3) + 1;
                long v = c.next(MeterAddress.of(m));
                out.println("V " + m + " " + v + " .");
                out.flush();
            }
        }
    }
}
