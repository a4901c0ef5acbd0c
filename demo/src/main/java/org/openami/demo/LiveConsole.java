package org.openami.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The demo's live view. On a terminal it redraws one screen in place (ANSI cursor home and
 * clear-to-end); with {@code plain} (logs, CI, a pipe) it prints one status line every
 * {@link #PLAIN_EVERY} of real time instead. Lines say what each number is, so a person can
 * follow the run without the logs. Used from one thread.
 */
public final class LiveConsole {

    /** How often plain mode prints a line. */
    public static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private static final String HOME = "\033[H";
    private static final String CLEAR_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String CLEAR_SCREEN = "\033[2J";
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final PrintStream out;
    private final boolean plain;
    private final ZoneId zone;
    private boolean cleared;
    private long lastPlainNanos;
    private LiveStatus.Phase lastPhase;

    public LiveConsole(PrintStream out, boolean plain, ZoneId zone) {
        this.out = Objects.requireNonNull(out, "out");
        this.plain = plain;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Shows {@code s}: redraws the screen, or prints a line if one is due in plain mode. */
    public void show(LiveStatus s) {
        if (plain) {
            long now = System.nanoTime();
            if (s.phase() != lastPhase || now - lastPlainNanos >= PLAIN_EVERY.toNanos()) {
                lastPhase = s.phase();
                lastPlainNanos = now;
                out.println(line(s));
                out.flush();
            }
            return;
        }
        StringBuilder b = new StringBuilder();
        if (!cleared) {
            b.append(HOME).append(CLEAR_SCREEN);
            cleared = true;
        }
        b.append(HOME);
        for (String l : screen(s).split("\n", -1)) {
            b.append(l).append(CLEAR_LINE).append('\n');
        }
        b.append(CLEAR_BELOW);
        out.print(b);
        out.flush();
    }

    /** Prints a message under the screen (or as its own line in plain mode). */
    public void message(String text) {
        out.println(text);
        out.flush();
    }

    /** The full screen, without escape codes. */
    String screen(LiveStatus s) {
        CloudProbe.Counts c = s.counts();
        StringBuilder b = new StringBuilder();
        b.append("OpenAMI demo: meters -> RS-485 -> concentrator (OSGi) -> MQTT/TLS -> cloud -> PostgreSQL\n");
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  simulated time   %s %s   (x%d: a quarter hour every %.1f s)%n",
                FULL.format(s.simulatedNow().atZone(zone)), zone.getId(), s.speed(), 900.0 / s.speed()));
        b.append(String.format(Locale.ROOT, "  real time        %s of %s min of collection; now %s%n",
                clock(s.elapsed()), clock(s.collection()), s.phase().text()));
        b.append(String.format(Locale.ROOT, "  meters           %d DL/T 645 on %d RS-485 bus(es) at 2400 baud%s%n",
                s.dltMeters(), s.dltBuses(),
                s.modbusMeters() > 0 ? " + " + s.modbusMeters() + " Modbus (SDM630) at 9600 baud" : ""));
        if (!s.gateway().isEmpty()) {
            b.append("  concentrator     ").append(s.gateway()).append('\n');
        }
        b.append('\n');
        b.append("  COLLECTION (what reached the cloud)\n");
        b.append(String.format(Locale.ROOT, "  meters heard from        %s%n", ofTotal(c.metersSeen(), s.totalMeters())));
        b.append(String.format(Locale.ROOT, "  last quarter hour        %s%n", quarter(s)));
        b.append(String.format(Locale.ROOT, "  last daily freeze        %s%n", day(s)));
        b.append(String.format(Locale.ROOT, "  readings in PostgreSQL   %,d   (%,.0f per second lately)%n", c.delivered(), s.perSecond()));
        b.append('\n');
        b.append("  PREPAYMENT (events and commands in the cloud)\n");
        b.append(String.format(Locale.ROOT, "  low-credit alarms %,d   trips %,d   reconnects %,d   top-ups sent %,d%n",
                c.alarms(), c.trips(), c.reconnects(), c.topUps()));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  quarantined messages     %,d%s%n", c.quarantined(),
                c.quarantined() == 0 ? "   (refused by the cloud: should stay 0)" : "   <- the cloud refused messages"));
        if (!s.replies().isEmpty()) {
            b.append("  bus replies              ").append(replies(s.replies())).append('\n');
        }
        b.append('\n');
        b.append("  Ctrl-C stops everything cleanly; logs are in the data folder.");
        return b.toString();
    }

    /** The plain status line. */
    String line(LiveStatus s) {
        CloudProbe.Counts c = s.counts();
        return String.format(Locale.ROOT, "[%s/%s] %s | sim %s | meters heard %d/%d | quarter %s | freeze %s"
                        + " | cloud %,d readings | prepay alarms %d trips %d reconnects %d top-ups %d | quarantined %d",
                clock(s.elapsed()), clock(s.collection()), s.phase().name().toLowerCase(Locale.ROOT),
                FULL.format(s.simulatedNow().atZone(zone)).substring(0, 16), c.metersSeen(), s.totalMeters(),
                quarterShort(s), dayShort(s), c.delivered(), c.alarms(), c.trips(), c.reconnects(), c.topUps(),
                c.quarantined());
    }

    private String quarter(LiveStatus s) {
        if (s.lastQuarter().isEmpty()) {
            return "none complete yet (a quarter is read 1 min after it ends)";
        }
        return ofTotal(s.counts().lastQuarterMeters(), s.totalMeters()) + " meters have the curve point of "
                + HM.format(s.lastQuarter().get().atZone(zone));
    }

    private String quarterShort(LiveStatus s) {
        return s.lastQuarter().isEmpty() ? "-" : HM.format(s.lastQuarter().get().atZone(zone)) + " "
                + s.counts().lastQuarterMeters() + "/" + s.totalMeters();
    }

    private String day(LiveStatus s) {
        String next = "next window opens " + FULL.format(s.nextFreeze().atZone(zone)).substring(0, 16);
        if (s.lastDay().isEmpty()) {
            return "none due yet; " + next;
        }
        return ofTotal(s.counts().lastDayMeters(), s.totalMeters()) + " meters have the freeze of "
                + DAY.format(s.lastDay().get().atZone(zone)) + "; " + next;
    }

    private String dayShort(LiveStatus s) {
        return s.lastDay().isEmpty() ? "-" : DAY.format(s.lastDay().get().atZone(zone)) + " "
                + s.counts().lastDayMeters() + "/" + s.totalMeters();
    }

    private static String ofTotal(long n, int total) {
        return String.format(Locale.ROOT, "%d / %d", n, total);
    }

    private static String replies(Map<String, Long> replies) {
        StringBuilder b = new StringBuilder();
        replies.forEach((bus, n) -> b.append(b.length() == 0 ? "" : "   ").append(bus).append(' ')
                .append(String.format(Locale.ROOT, "%,d", n)));
        return b.toString();
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A simulated instant in the demo's zone, for messages. */
    String time(Instant t) {
        return FULL.format(t.atZone(zone));
    }
}
