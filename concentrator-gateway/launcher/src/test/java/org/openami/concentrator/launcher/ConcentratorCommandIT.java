package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ami concentrator} end to end, in process: {@code --check}, {@code --list-metatype}
 * and run mode against the real bundle set plus the probe bundle, with exit codes and output.
 */
class ConcentratorCommandIT {

    @TempDir
    static Path bundles;

    private static final String GOOD = """
            {"configurations":[
              {"pid":"org.openami.test.probe","properties":{"file":"meters.csv"}},
              {"factoryPid":"org.openami.test.probe.channel","name":"rs485-1","properties":{"port":"/dev/ttyUSB0","baud":2400}}
            ]}""";

    /** A bundle directory as an installer would lay it out: the runtime set and the probe bundle. */
    @BeforeAll
    static void bundleDirectory() throws Exception {
        for (Path jar : TestBundles.runtimeSet()) {
            Files.copy(jar, bundles.resolve(jar.getFileName()));
        }
        ProbeBundle.write(bundles.resolve("probe.jar"));
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(ConcentratorCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private static Path write(Path dir, String json) throws Exception {
        return Files.writeString(dir.resolve("gateway.json"), json);
    }

    @Test
    void check_accepts_a_good_file(@TempDir Path dir) throws Exception {
        Path file = write(dir, GOOD);
        Outcome o = run(new ConcentratorCommand(), "--check", "--config", file.toString(), "--bundles", bundles.toString());
        assertThat(o.err()).doesNotContain("ami concentrator:");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains(file + ": OK, 2 configurations match the bundles' Metatype");
    }

    @Test
    void check_refuses_a_bad_file_with_exit_2_and_a_one_line_reason(@TempDir Path dir) throws Exception {
        Path file = write(dir, GOOD.replace("\"baud\":2400", "\"baud\":4800"));
        Outcome o = run(new ConcentratorCommand(), "--check", "--config", file.toString(), "--bundles", bundles.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err().strip().lines()).containsExactly("ami concentrator: bad configuration file " + file
                + ": configurations[1] (factoryPid org.openami.test.probe.channel, name rs485-1): property \"baud\":"
                + " 4800 is not one of [1200, 2400, 9600]");
    }

    @Test
    void run_mode_refuses_a_bad_file_before_any_component_runs(@TempDir Path dir) throws Exception {
        Path file = write(dir, GOOD.replace("\"file\":\"meters.csv\"", "\"fiel\":\"meters.csv\""));
        Outcome o = run(new ConcentratorCommand(), "--config", file.toString(), "--bundles", bundles.toString(),
                "--data-dir", dir.resolve("data").toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith("ami concentrator: bad configuration file " + file
                + ": configurations[0] (pid org.openami.test.probe): property \"fiel\": not defined");
        assertThat(o.out()).doesNotContain("running");
        assertThat(dir.resolve("data/config")).as("nothing was written to ConfigAdmin").isEmptyDirectory();
    }

    @Test
    void a_file_that_is_not_of_the_expected_shape_exits_2_before_the_framework_boots(@TempDir Path dir) throws Exception {
        Path file = write(dir, "{\"configurations\":[{\"pid\":\"a\"}],\"extra\":1}");
        Outcome o = run(new ConcentratorCommand(), "--config", file.toString(), "--bundles", dir.resolve("none").toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith("ami concentrator: bad configuration file " + file
                + ": unknown top-level key \"extra\" (only \"configurations\" is allowed)");
    }

    @Test
    void list_metatype_prints_every_configurable_property() {
        Outcome o = run(new ConcentratorCommand(), "--list-metatype", "--bundles", bundles.toString());
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("pid org.openami.test.probe").contains("factoryPid org.openami.test.probe.channel")
                .containsPattern("port +String +required");
    }

    @Test
    void a_missing_bundle_directory_exits_1_naming_it(@TempDir Path dir) throws Exception {
        Path file = write(dir, GOOD);
        Outcome o = run(new ConcentratorCommand(), "--check", "--config", file.toString(), "--bundles", dir.resolve("none").toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("bundle directory " + dir.resolve("none"));
    }

    @Test
    void no_config_and_no_listing_is_a_usage_error() {
        Outcome o = run(new ConcentratorCommand(), "--bundles", bundles.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("--config FILE is needed");
    }

    @Test
    void runs_applies_the_file_reports_status_and_stops_cleanly(@TempDir Path dir) throws Exception {
        Path file = write(dir, GOOD);
        ConcentratorCommand command = new ConcentratorCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = pool.submit(() -> cli.execute("--config", file.toString(), "--bundles", bundles.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--status-interval", "200ms"));
            assertThat(command.awaitRunning(Duration.ofSeconds(30))).isTrue();
            // let at least one periodic status line out (bounded wait, not a timing assertion)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (out.toString().split("bundles: ", -1).length < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            command.requestStop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            pool.shutdownNow();
        }
        String text = out.toString();
        assertThat(err.toString()).doesNotContain("ami concentrator:");
        assertThat(text).contains("configuration " + file + ": 2 created, 0 updated, 0 unchanged, 0 deleted")
                .containsPattern("bundles: (\\d+)/\\1 active; components: 2/8 up")
                .contains("component org.openami.concentrator.prepay: waiting for configuration")
                .contains("component org.openami.concentrator.uplink: waiting for configuration")
                .contains("component org.openami.concentrator.collector: waiting for configuration")
                .contains("component org.openami.test.probe.clocked: unsatisfied reference, missing clock")
                .contains("component org.openami.test.probe.channel (pid org.openami.test.probe.channel~rs485-1): active")
                .contains("running; Ctrl-C or SIGTERM stops the gateway")
                .endsWith("stopped" + System.lineSeparator());
        assertThat(text.split("bundles: ", -1).length).as("first status and at least one periodic").isGreaterThanOrEqualTo(3);
        assertThat(dir.resolve("data/config")).isDirectory();
    }
}
