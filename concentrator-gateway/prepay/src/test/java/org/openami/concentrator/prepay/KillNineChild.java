package org.openami.concentrator.prepay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link KillNineTest} kills: opens the engine on a file and applies
 * {@link KillScript} from its first step, printing {@code S <index> .} after each step returned
 * and {@code DONE .} at the end, then exits. Lines end with " ." so a line cut by the kill is
 * recognisable. Commits are not forced to the device (a killed process loses nothing the
 * operating system has; power loss is not what this tests). Not a test.
 */
public final class KillNineChild {

    static final long SEED = 20250301L;

    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        List<KillScript.Op> ops = KillScript.build(SEED);
        TestClock clock = new TestClock(KillScript.START);
        try (PrepayEngine e = PrepayEngine.open(file, KillScript.book(), KillScript.policy(), clock, false)) {
            out.println("OPEN .");
            out.flush();
            for (int i = 0; i < ops.size(); i++) {
                KillScript.apply(e, clock, ops.get(i));
                out.println("S " + i + " .");
                out.flush();
            }
        }
        out.println("DONE .");
        out.flush();
    }
}
