package org.openami.cloud.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.uplink.CommandGuard.Admission;

class CommandGuardTest {

    @TempDir
    Path dir;

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void anIdIsAdmittedOnceAndRememberedAcrossARestart() throws Exception {
        Path f = dir.resolve("accepted");
        try (CommandGuard g = CommandGuard.open(f, at(1_000), 10)) {
            assertThat(g.admit("cmd-1", 5_000)).isEqualTo(Admission.ADMITTED);
            assertThat(g.admit("cmd-1", 5_000)).isEqualTo(Admission.REPLAYED);
            assertThat(g.admit("cmd-2", 5_000)).isEqualTo(Admission.ADMITTED);
        }
        // not closed cleanly is the same as closed: every admit was forced to the device
        try (CommandGuard g = CommandGuard.open(f, at(2_000), 10)) {
            assertThat(g.size()).isEqualTo(2);
            assertThat(g.admit("cmd-1", 5_000)).isEqualTo(Admission.REPLAYED);
        }
    }

    @Test
    void expiredIdsAreForgottenWhenOpened() throws Exception {
        Path f = dir.resolve("accepted");
        try (CommandGuard g = CommandGuard.open(f, at(1_000), 10)) {
            g.admit("old", 2_000);
            g.admit("young", 9_000);
        }
        try (CommandGuard g = CommandGuard.open(f, at(3_000), 10)) {
            assertThat(g.size()).isEqualTo(1);
            assertThat(Files.readString(f)).doesNotContain("old").contains("young");
        }
    }

    @Test
    void aTornLastLineIsSkippedAndCounted() throws Exception {
        Path f = dir.resolve("accepted");
        try (CommandGuard g = CommandGuard.open(f, at(1_000), 10)) {
            g.admit("whole", 9_000);
        }
        Files.write(f, "90".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
        try (CommandGuard g = CommandGuard.open(f, at(1_000), 10)) {
            assertThat(g.skippedLines()).isEqualTo(1);
            assertThat(g.admit("whole", 9_000)).isEqualTo(Admission.REPLAYED);
        }
    }

    @Test
    void whenFullOfLiveIdsNewCommandsAreRefusedNotOldOnesForgotten() throws Exception {
        try (CommandGuard g = CommandGuard.open(dir.resolve("accepted"), at(1_000), 2)) {
            g.admit("a", 9_000);
            g.admit("b", 9_000);
            assertThat(g.admit("c", 9_000)).isEqualTo(Admission.FULL);
            assertThat(g.admit("a", 9_000)).isEqualTo(Admission.REPLAYED);
        }
    }
}
