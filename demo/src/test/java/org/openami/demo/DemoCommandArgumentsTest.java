package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad arguments end with exit code 2 and one line naming the problem, before anything starts. */
class DemoCommandArgumentsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cl = DemoCommand.commandLine(new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), false));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void assertOneLine(String contains) {
        String text = err.toString().strip();
        assertThat(text).startsWith("ami demo: ").contains(contains);
        assertThat(text.lines()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aValueOutOfRange() {
        assertThat(run("--meters", "0")).isEqualTo(2);
        assertOneLine("--meters 0 is outside 1..512");
    }

    @Test
    void notANumber() {
        assertThat(run("--speed", "fast")).isEqualTo(2);
        assertOneLine("--speed");
    }

    @Test
    void anUnknownOption() {
        assertThat(run("--turbo")).isEqualTo(2);
        assertOneLine("--turbo");
    }

    @Test
    void aBadStart() {
        assertThat(run("--start", "tomorrow noon")).isEqualTo(2);
        assertOneLine("--start 'tomorrow noon' is not an ISO-8601 date-time");
    }

    @Test
    void aDataFolderInUse() throws Exception {
        Files.writeString(dir.resolve("something"), "x");
        assertThat(run("--data-dir", dir.toString())).isEqualTo(2);
        assertOneLine("is not empty");
    }

    @Test
    void aSpeedTheBusesCannotFollow() {
        assertThat(run("--meters", "40", "--buses", "1", "--speed", "120")).isEqualTo(2);
        assertOneLine("lower --speed or add --buses");
    }
}
