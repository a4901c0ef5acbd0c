package org.openami.meter.update.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny "firmware" for health-check tests, packed into a jar from its own class bytes. It
 * must stay a single class without nested classes: only this class file goes into the jar.
 *
 * <p>Arguments: {@code --exit N} (exit code, default 0), {@code --hang} (never exit),
 * {@code --pid-file P} (write the own pid), {@code --lines N} (print N numbered lines first),
 * anything else (e.g. {@code --self-test}) is ignored.
 */
public final class TestFirmwareMain {

    private TestFirmwareMain() {
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        boolean hang = false;
        int lines = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exit" -> exit = Integer.parseInt(args[++i]);
                case "--hang" -> hang = true;
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--pid-file" -> Files.writeString(Path.of(args[++i]), Long.toString(ProcessHandle.current().pid()));
                default -> {
                    // ignored
                }
            }
        }
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
        System.out.println(exit == 0 ? "self-test ok" : "self-test failed with " + exit);
        System.out.flush();
        if (hang) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.exit(exit);
    }
}
