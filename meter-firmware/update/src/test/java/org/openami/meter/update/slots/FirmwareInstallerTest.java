package org.openami.meter.update.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.keys.SigningKey;
import org.openami.meter.update.keys.TrustedKeys;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.TestJars;

/** End-to-end installs with the real {@link ProcessHealthCheck} and real child JVMs. */
class FirmwareInstallerTest {

    @TempDir
    Path dir;

    private final SigningKey key = Keys.key(41);
    private Path jar;
    private FirmwareSlots slots;
    private FirmwareInstaller installer;

    @BeforeEach
    void setUp() throws Exception {
        jar = TestJars.firmwareJar(dir.resolve("build"));
        slots = new FirmwareSlots(dir.resolve("install"), Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC));
        installer = new FirmwareInstaller(slots, new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter"),
                new ProcessHealthCheck(Duration.ofSeconds(3)));
    }

    private InstallResult install(String version, String... healthArgs) throws Exception {
        return installer.install(Packages.pack(key, dir.resolve("pkgs"), version, List.of(healthArgs), jar));
    }

    @Test
    void a_firmware_whose_self_test_exits_0_is_committed() throws Exception {
        InstallResult r = install("1.0.0", "--self-test");
        assertThat(r.committed()).as(r.health().detail()).isTrue();
        assertThat(r.health().detail()).contains("self-test ok");
        assertThat(r.describe()).isEqualTo("COMMITTED: ami-meter 1.0.0 is active in slot-a");
        assertThat(slots.state().active()).contains(Slot.A);
        assertThat(dir.resolve("install/slot-a/app/ami-meter.jar")).hasSameBinaryContentAs(jar);
    }

    @Test
    void a_firmware_that_exits_non_zero_is_rolled_back() throws Exception {
        install("1.0.0", "--self-test");
        InstallResult r = install("1.1.0", "--self-test", "--exit", "2");
        assertThat(r.committed()).isFalse();
        assertThat(r.health().detail()).contains("exit code 2").contains("self-test failed with 2");
        SlotState s = slots.state();
        assertThat(s.active()).contains(Slot.A);
        assertThat(s.activeVersion().orElseThrow()).hasToString("1.0.0");
        assertThat(s.info(Slot.B).status()).isEqualTo(SlotStatus.FAILED);
        assertThat(s.info(Slot.B).reason()).contains("exit code 2");
    }

    @Test
    void a_firmware_that_hangs_past_the_timeout_is_killed_and_rolled_back() throws Exception {
        install("1.0.0", "--self-test");
        Path pidFile = dir.resolve("hang.pid");
        InstallResult r = install("1.1.0", "--pid-file", pidFile.toString(), "--hang");
        assertThat(r.committed()).isFalse();
        assertThat(r.health().detail()).startsWith("no exit within 3 s, killed");
        assertThat(slots.state().activeVersion().orElseThrow()).hasToString("1.0.0");
        long pid = Long.parseLong(Files.readString(pidFile));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
