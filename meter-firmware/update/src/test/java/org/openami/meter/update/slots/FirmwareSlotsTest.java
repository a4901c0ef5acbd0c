package org.openami.meter.update.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.FirmwarePackageException;
import org.openami.meter.update.FirmwarePackageException.Reason;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.keys.SigningKey;
import org.openami.meter.update.keys.TrustedKeys;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.ZipEdit;

/** The slot state machine with a scripted health check (the real one is in {@link FirmwareInstallerTest}). */
class FirmwareSlotsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private final SigningKey key = Keys.key(31);
    private final FirmwareVerifier verifier = new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<HealthResult> verdicts = new ArrayList<>();
    private final List<Path> checkedDirs = new ArrayList<>();
    private Path installDir;
    private FirmwareSlots slots;
    private FirmwareInstaller installer;

    @BeforeEach
    void setUp() {
        installDir = dir.resolve("install");
        slots = new FirmwareSlots(installDir, clock);
        installer = new FirmwareInstaller(slots, verifier, (slotDir, m) -> {
            checkedDirs.add(slotDir);
            return verdicts.isEmpty() ? HealthResult.healthy("ok") : verdicts.remove(0);
        });
    }

    private Path pkg(String version) throws IOException {
        Path payload = Packages.file(dir.resolve("src-" + version), "meter.jar", "firmware " + version);
        return Packages.pack(key, dir.resolve("pkgs"), version, List.of("--self-test"), payload);
    }

    private static FirmwareVersion v(String s) {
        return FirmwareVersion.parse(s);
    }

    @Test
    void a_fresh_directory_has_nothing_to_boot_or_roll_back() throws IOException {
        assertThat(slots.state()).isEqualTo(SlotState.INITIAL);
        assertThat(slots.selectForBoot()).isEmpty();
        assertThat(slots.markHealthy()).isFalse();
        assertThatThrownBy(() -> slots.rollback("test")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_first_install_goes_to_slot_a_and_is_committed_when_healthy() throws Exception {
        InstallResult r = installer.install(pkg("1.0.0"));
        assertThat(r.committed()).isTrue();
        assertThat(r.slot()).isEqualTo(Slot.A);
        assertThat(checkedDirs).containsExactly(installDir.resolve("slot-a"));
        SlotState s = slots.state();
        assertThat(s.active()).contains(Slot.A);
        assertThat(s.info(Slot.A)).isEqualTo(new SlotInfo(SlotStatus.ACTIVE, v("1.0.0"), "", NOW));
        assertThat(s.highest()).contains(v("1.0.0"));
        assertThat(s.lastResult()).hasValueSatisfying(l -> {
            assertThat(l.event()).isEqualTo(SlotEvent.COMMITTED);
            assertThat(l.at()).isEqualTo(NOW);
        });
        assertThat(installDir.resolve("slot-a/app/meter.jar")).hasContent("firmware 1.0.0");
        assertThat(installDir.resolve("slot-a/manifest.properties")).exists();
        assertThat(installDir.resolve("slot-a/manifest.sig")).exists();
        assertThat(installDir.resolve(".staging")).doesNotExist();
        assertThat(slots.content(Slot.A)).hasValueSatisfying(c -> assertThat(c.manifest().version()).isEqualTo(v("1.0.0")));
    }

    @Test
    void the_next_install_uses_the_other_slot_and_keeps_the_old_one_as_previous() throws Exception {
        installer.install(pkg("1.0.0"));
        InstallResult r = installer.install(pkg("1.1.0"));
        assertThat(r.slot()).isEqualTo(Slot.B);
        SlotState s = r.state();
        assertThat(s.active()).contains(Slot.B);
        assertThat(s.info(Slot.A).status()).isEqualTo(SlotStatus.PREVIOUS);
        assertThat(s.highest()).contains(v("1.1.0"));
        InstallResult third = installer.install(pkg("1.2.0"));
        assertThat(third.slot()).isEqualTo(Slot.A);
        assertThat(installDir.resolve("slot-a/app/meter.jar")).hasContent("firmware 1.2.0");
        assertThat(third.state().info(Slot.B).status()).isEqualTo(SlotStatus.PREVIOUS);
    }

    @Test
    void an_unhealthy_install_is_rolled_back_and_the_active_slot_is_untouched() throws Exception {
        installer.install(pkg("1.0.0"));
        verdicts.add(HealthResult.unhealthy("exit code 3; last output: boom"));
        InstallResult r = installer.install(pkg("2.0.0"));
        assertThat(r.committed()).isFalse();
        assertThat(r.describe()).startsWith("ROLLED BACK: ami-meter 2.0.0 in slot-b").contains("boom")
                .contains("active: slot-a (1.0.0)");
        SlotState s = slots.state();
        assertThat(s.active()).contains(Slot.A);
        assertThat(s.info(Slot.A).status()).isEqualTo(SlotStatus.ACTIVE);
        assertThat(s.info(Slot.B).status()).isEqualTo(SlotStatus.FAILED);
        assertThat(s.info(Slot.B).reason()).contains("exit code 3").contains("boom");
        assertThat(s.highest()).contains(v("1.0.0"));
        assertThat(s.lastResult().orElseThrow().event()).isEqualTo(SlotEvent.ROLLED_BACK);
        assertThat(installDir.resolve("slot-a/app/meter.jar")).hasContent("firmware 1.0.0");
        // a failed trial does not raise the anti-rollback floor: a fixed build may reuse its version
        assertThat(installer.install(pkg("2.0.0")).committed()).isTrue();
    }

    @Test
    void a_health_check_that_throws_counts_as_unhealthy() throws Exception {
        FirmwareInstaller throwing = new FirmwareInstaller(slots, verifier, (d, m) -> {
            throw new IllegalStateException("probe broke");
        });
        InstallResult r = throwing.install(pkg("1.0.0"));
        assertThat(r.committed()).isFalse();
        assertThat(r.health().detail()).contains("probe broke");
        assertThat(slots.state().active()).isEmpty();
    }

    @Test
    void equal_and_older_versions_are_refused_and_nothing_is_unpacked() throws Exception {
        installer.install(pkg("1.5.0"));
        for (String old : new String[] {"1.5.0", "1.4.9", "0.9.0"}) {
            assertThatThrownBy(() -> installer.install(pkg(old))).asInstanceOf(type(FirmwarePackageException.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_NEWER);
                        assertThat(e.getMessage()).contains(old).contains("1.5.0");
                    });
            assertThat(installDir.resolve("slot-b")).doesNotExist();
            assertThat(installDir.resolve(".staging")).doesNotExist();
            SlotState s = slots.state();
            assertThat(s.active()).contains(Slot.A);
            assertThat(s.lastResult().orElseThrow().event()).isEqualTo(SlotEvent.REFUSED);
            assertThat(s.lastResult().orElseThrow().detail()).startsWith("VERSION_NOT_NEWER");
        }
    }

    @Test
    void a_manual_rollback_keeps_the_anti_rollback_floor() throws Exception {
        installer.install(pkg("1.0.0"));
        installer.install(pkg("2.0.0"));
        SlotState after = slots.rollback("field report");
        assertThat(after.active()).contains(Slot.A);
        assertThat(after.info(Slot.B).status()).isEqualTo(SlotStatus.FAILED);
        assertThat(after.info(Slot.B).reason()).contains("field report");
        assertThat(after.highest()).contains(v("2.0.0"));
        assertThat(slots.selectForBoot()).hasValueSatisfying(b -> assertThat(b.slot()).isEqualTo(Slot.A));
        assertThatThrownBy(() -> installer.install(pkg("1.5.0"))).asInstanceOf(type(FirmwarePackageException.class))
                .extracting(FirmwarePackageException::reason).isEqualTo(Reason.VERSION_NOT_NEWER);
        assertThatThrownBy(() -> slots.rollback("again")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to roll back to");
        assertThat(installer.install(pkg("2.0.1")).slot()).isEqualTo(Slot.B);
    }

    @Test
    void a_trial_that_never_reports_healthy_is_rolled_back_after_its_boot_attempts() throws Exception {
        installer.install(pkg("1.0.0"));
        SlotContent staged = slots.stage(pkg("2.0.0"), verifier);
        assertThat(staged.slot()).isEqualTo(Slot.B);
        for (int attempt = 1; attempt <= 3; attempt++) {
            BootSelection boot = new FirmwareSlots(installDir, clock).selectForBoot().orElseThrow();
            assertThat(boot.trial()).isTrue();
            assertThat(boot.attempt()).isEqualTo(attempt);
            assertThat(boot.slot()).isEqualTo(Slot.B);
            assertThat(boot.content().manifest().version()).isEqualTo(v("2.0.0"));
            assertThat(slots.state().trialBootAttempts()).isEqualTo(attempt);
        }
        BootSelection fourth = slots.selectForBoot().orElseThrow();
        assertThat(fourth.trial()).isFalse();
        assertThat(fourth.slot()).isEqualTo(Slot.A);
        SlotState s = slots.state();
        assertThat(s.trial()).isEmpty();
        assertThat(s.info(Slot.B).status()).isEqualTo(SlotStatus.FAILED);
        assertThat(s.info(Slot.B).reason()).contains("3 boot attempts");
        assertThat(s.lastResult().orElseThrow().event()).isEqualTo(SlotEvent.ROLLED_BACK);
        assertThat(s.highest()).contains(v("1.0.0"));
    }

    @Test
    void a_trial_that_reports_healthy_after_booting_is_committed() throws Exception {
        installer.install(pkg("1.0.0"));
        slots.stage(pkg("2.0.0"), verifier);
        assertThat(slots.selectForBoot().orElseThrow().trial()).isTrue();
        assertThat(slots.markHealthy()).isTrue();
        SlotState s = slots.state();
        assertThat(s.active()).contains(Slot.B);
        assertThat(s.trialBootAttempts()).isZero();
        assertThat(s.highest()).contains(v("2.0.0"));
        assertThat(slots.selectForBoot().orElseThrow().trial()).isFalse();
        assertThat(slots.markHealthy()).isFalse();
    }

    @Test
    void nothing_can_be_staged_while_a_trial_is_pending_but_it_can_be_rolled_back() throws Exception {
        installer.install(pkg("1.0.0"));
        slots.stage(pkg("2.0.0"), verifier);
        assertThatThrownBy(() -> installer.install(pkg("3.0.0"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slot-b holds a trial of 2.0.0");
        SlotState s = slots.rollback("operator");
        assertThat(s.info(Slot.B).status()).isEqualTo(SlotStatus.FAILED);
        assertThat(s.active()).contains(Slot.A);
        assertThat(installer.install(pkg("3.0.0")).committed()).isTrue();
    }

    @Test
    void commit_and_reject_insist_on_the_pending_trial() throws Exception {
        installer.install(pkg("1.0.0"));
        assertThatThrownBy(() -> slots.commitTrial(Slot.B)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> slots.rejectTrial(Slot.A, "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_refused_package_writes_nothing_into_the_slots() throws Exception {
        Path tampered = ZipEdit.edit(pkg("1.0.0"), dir.resolve("t.fwpkg"), m -> m.get("app/meter.jar")[0] ^= 1);
        assertThatThrownBy(() -> installer.install(tampered)).asInstanceOf(type(FirmwarePackageException.class))
                .extracting(FirmwarePackageException::reason).isEqualTo(Reason.HASH_MISMATCH);
        assertThat(installDir.resolve("slot-a")).doesNotExist();
        assertThat(installDir.resolve(".staging")).doesNotExist();
        assertThat(slots.state().active()).isEmpty();
        assertThat(slots.state().lastResult().orElseThrow().detail()).contains("HASH_MISMATCH").contains("app/meter.jar");
    }

    @Test
    void the_state_survives_a_crash_that_left_a_temp_file_and_a_staging_directory() throws Exception {
        installer.install(pkg("1.0.0"));
        SlotState before = slots.state();
        // a crash while writing the next state, and while unpacking the next package
        Files.writeString(installDir.resolve("state.properties.tmp"), "slot.a.status=FAI");
        Files.createDirectories(installDir.resolve(".staging/app"));
        Files.writeString(installDir.resolve(".staging/app/half.jar"), "half");

        FirmwareSlots restarted = new FirmwareSlots(installDir, clock);
        assertThat(restarted.state()).isEqualTo(before);
        assertThat(restarted.selectForBoot().orElseThrow().slot()).isEqualTo(Slot.A);
        InstallResult r = new FirmwareInstaller(restarted, verifier, (d, m) -> HealthResult.healthy("ok"))
                .install(pkg("1.1.0"));
        assertThat(r.committed()).isTrue();
        assertThat(installDir.resolve("slot-b/app/half.jar")).doesNotExist();
        assertThat(installDir.resolve("state.properties.tmp")).doesNotExist();
        assertThat(new FirmwareSlots(installDir, clock).state().activeVersion()).contains(v("1.1.0"));
    }

    @Test
    void a_crash_between_unpacking_and_marking_the_trial_leaves_a_consistent_state() throws Exception {
        installer.install(pkg("1.0.0"));
        // the slot directory exists but the state still says EMPTY (crash after the rename)
        Files.createDirectories(installDir.resolve("slot-b/app"));
        Files.writeString(installDir.resolve("slot-b/app/stale.jar"), "stale");
        assertThat(slots.state().info(Slot.B).status()).isEqualTo(SlotStatus.EMPTY);
        assertThat(installer.install(pkg("1.1.0")).committed()).isTrue();
        assertThat(installDir.resolve("slot-b/app/stale.jar")).doesNotExist();
    }

    @Test
    void a_corrupt_state_file_is_an_error_not_a_silent_reset() throws Exception {
        installer.install(pkg("1.0.0"));
        Files.writeString(installDir.resolve("state.properties"), "format=1\nslot.a.status=BROKEN\n");
        assertThatThrownBy(() -> slots.state()).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void the_state_file_round_trips_reasons_with_any_characters() throws Exception {
        installer.install(pkg("1.0.0"));
        verdicts.add(HealthResult.unhealthy("exit code 1; last output: Zähler \\ = : # ! \u0001 | next"));
        installer.install(pkg("1.1.0"));
        SlotState reread = new FirmwareSlots(installDir, clock).state();
        assertThat(reread.info(Slot.B).reason()).contains("Zähler \\ = : # ! \u0001 | next");
        assertThat(reread).isEqualTo(slots.state());
    }
}
