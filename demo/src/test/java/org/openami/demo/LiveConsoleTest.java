package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static LiveStatus status(LiveStatus.Phase phase, Optional<Instant> day) {
        CloudProbe.Counts c = new CloudProbe.Counts(1_234, 25, 24, day.isPresent() ? 26 : -1, 3, 2, 1, 0, 0);
        return new LiveStatus(phase, Duration.ofSeconds(75), Duration.ofMinutes(3), Instant.parse("2026-11-20T16:31:00Z"),
                120, 24, 2, 3, c, Optional.of(Instant.parse("2026-11-20T16:15:00Z")), day,
                Instant.parse("2026-11-21T16:05:00Z"), 12.5, Map.of("rs485-1", 345L), "bundles: 34/34 active; components: 6/6 up");
    }

    @Test
    void theScreenSaysWhatEachNumberIs() {
        LiveConsole console = new LiveConsole(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                false, ZONE);
        String s = console.screen(status(LiveStatus.Phase.COLLECTING, Optional.of(Instant.parse("2026-11-19T16:00:00Z"))));
        assertThat(s).contains("simulated time   2026-11-21 00:31:00 Asia/Shanghai")
                .contains("1:15 of 3:00 min of collection; now collecting")
                .contains("meters heard from        25 / 26")
                .contains("24 / 26 meters have the curve point of 00:15")
                .contains("26 / 26 meters have the freeze of 2026-11-20")
                .contains("readings in PostgreSQL   1,234")
                .contains("low-credit alarms 3   trips 2   reconnects 1   top-ups sent 0")
                .contains("quarantined messages     0")
                .contains("rs485-1 345")
                .contains("components: 6/6 up");
    }

    @Test
    void beforeTheFirstFreezeItSaysWhenItComes() {
        LiveConsole console = new LiveConsole(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                false, ZONE);
        assertThat(console.screen(status(LiveStatus.Phase.COLLECTING, Optional.empty())))
                .contains("none due yet; next window opens 2026-11-22 00:05");
    }

    @Test
    void plainModePrintsALineAtMostEveryFewSecondsAndOnEveryPhaseChange() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveConsole console = new LiveConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, ZONE);
        console.show(status(LiveStatus.Phase.COLLECTING, Optional.empty()));
        console.show(status(LiveStatus.Phase.COLLECTING, Optional.empty()));
        console.show(status(LiveStatus.Phase.DRAINING, Optional.empty()));
        console.show(status(LiveStatus.Phase.DRAINING, Optional.empty()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(2);
        assertThat(text).doesNotContain("\033[");
        assertThat(text.lines().findFirst().orElseThrow())
                .isEqualTo("[1:15/3:00] collecting | sim 2026-11-21 00:31 | meters heard 25/26 | quarter 00:15 24/26"
                        + " | freeze - | cloud 1,234 readings | prepay alarms 3 trips 2 reconnects 1 top-ups 0 | quarantined 0");
    }

    @Test
    void aTerminalGetsTheScreenRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveConsole console = new LiveConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, ZONE);
        console.show(status(LiveStatus.Phase.COLLECTING, Optional.empty()));
        console.show(status(LiveStatus.Phase.COLLECTING, Optional.empty()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\033[H\033[2J\033[H");
        assertThat(text.split("\033\\[H", -1)).hasSize(4); // home, clear; home per frame
    }
}
