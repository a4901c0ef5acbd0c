package org.openami.meter.update.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.FirmwareManifest;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.PayloadFile;
import org.openami.meter.update.keys.KeyId;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.TestJars;

/** The real health check against child JVMs running {@link org.openami.meter.update.testing.TestFirmwareMain}. */
class ProcessHealthCheckTest {

    @TempDir
    Path slot;

    @BeforeEach
    void unpack() throws Exception {
        TestJars.firmwareJar(slot.resolve("app"));
    }

    static FirmwareManifest manifest(String mainClass, List<String> args) {
        return new FirmwareManifest(1, "ami-meter", FirmwareVersion.parse("1.0.0"), Packages.BUILD_TIME, mainClass, args,
                KeyId.parse("0011223344556677"), List.of(new PayloadFile("app/ami-meter.jar", 1, "0".repeat(64))));
    }

    @Test
    void builds_java_cp_app_star_main_class_and_the_health_args() {
        ProcessHealthCheck check = new ProcessHealthCheck(Duration.ofSeconds(5), Path.of("/opt/jdk/bin/java"));
        assertThat(check.command(slot, manifest("a.B", List.of("--self-test", "x y"))))
                .containsExactly("/opt/jdk/bin/java", "-cp", slot.toAbsolutePath().resolve("app") + File.separator + "*",
                        "a.B", "--self-test", "x y");
        assertThat(ProcessHealthCheck.currentJava()).exists();
    }

    @Test
    void exit_code_zero_is_healthy() {
        HealthResult r = new ProcessHealthCheck(Duration.ofSeconds(60)).check(slot, manifest(Packages.MAIN,
                List.of("--self-test")));
        assertThat(r.healthy()).as(r.detail()).isTrue();
        assertThat(r.detail()).isEqualTo("exit code 0; last output: self-test ok");
    }

    @Test
    void a_non_zero_exit_is_unhealthy_and_keeps_only_the_last_lines() {
        HealthResult r = new ProcessHealthCheck(Duration.ofSeconds(60)).check(slot, manifest(Packages.MAIN,
                List.of("--lines", "50", "--exit", "3")));
        assertThat(r.healthy()).isFalse();
        assertThat(r.detail()).startsWith("exit code 3; last output: ").contains("line 49")
                .endsWith("self-test failed with 3").doesNotContain("line 30 ");
        assertThat(r.detail().split(" \\| ")).hasSize(ProcessHealthCheck.TAIL_LINES);
    }

    @Test
    void a_hanging_process_is_killed_at_the_timeout() throws Exception {
        Path pidFile = slot.resolve("pid");
        long start = System.nanoTime();
        HealthResult r = new ProcessHealthCheck(Duration.ofSeconds(3)).check(slot, manifest(Packages.MAIN,
                List.of("--pid-file", pidFile.toString(), "--hang")));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertThat(r.healthy()).isFalse();
        assertThat(r.detail()).startsWith("no exit within 3 s, killed").contains("self-test ok");
        assertThat(seconds).isBetween(2L, 20L);
        long pid = Long.parseLong(Files.readString(pidFile));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void a_missing_main_class_or_java_is_unhealthy_not_an_exception() {
        HealthResult noClass = new ProcessHealthCheck(Duration.ofSeconds(60)).check(slot, manifest("no.such.Main",
                List.of()));
        assertThat(noClass.healthy()).isFalse();
        assertThat(noClass.detail()).startsWith("exit code 1").contains("no.such.Main");
        HealthResult noJava = new ProcessHealthCheck(Duration.ofSeconds(5), slot.resolve("no-java"))
                .check(slot, manifest(Packages.MAIN, List.of()));
        assertThat(noJava.healthy()).isFalse();
        assertThat(noJava.detail()).startsWith("could not start");
    }
}
