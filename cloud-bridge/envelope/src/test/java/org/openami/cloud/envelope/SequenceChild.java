package org.openami.cloud.envelope;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link SequenceCounterTest} kills: takes numbers from a counter forever and prints
 * each one after {@code next()} returned, as {@code N <number> .} (a line cut by the kill lacks
 * the final " ."). Not a test.
 */
public final class SequenceChild {

    private SequenceChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        SequenceCounter counter = SequenceCounter.open(Path.of(args[0]), Integer.parseInt(args[1]));
        out.println("OPEN .");
        while (true) {
            out.println("N " + counter.next() + " .");
        }
    }
}
