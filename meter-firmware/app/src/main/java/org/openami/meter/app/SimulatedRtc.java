package org.openami.meter.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.openami.hal.time.HalClock;

/**
 * The battery-backed RTC of a simulated meter: simulated time runs {@code speed} times
 * faster than real time from a start instant, and keeps running while the meter process is
 * down, like a real RTC through a power cut. The anchor (start, real time at start, speed)
 * is kept in {@code sim-rtc.properties} in the data directory, so a restarted meter
 * continues the same timeline. Thread-safe.
 */
public final class SimulatedRtc implements HalClock {

    static final String FILE = "sim-rtc.properties";

    private final Instant start;
    private final long realStartMillis;
    private final double speed;
    private final long nanoBase = System.nanoTime();

    SimulatedRtc(Instant start, long realStartMillis, double speed) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be in (0, 100000], was " + speed);
        }
        this.start = start;
        this.realStartMillis = realStartMillis;
        this.speed = speed;
    }

    /**
     * The RTC of the meter in {@code dataDir}: the stored timeline if there is one (its
     * speed wins over {@code speed}), otherwise a new one from {@code start}.
     */
    public static SimulatedRtc load(Path dataDir, Instant start, double speed) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (Files.exists(f)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
                return new SimulatedRtc(Instant.parse(p.getProperty("start")), Long.parseLong(p.getProperty("realStartMillis")),
                        Double.parseDouble(p.getProperty("speed")));
            } catch (RuntimeException e) {
                throw new IOException("simulated RTC file " + f + " is damaged (" + e.getMessage() + "); delete it to start a new timeline", e);
            }
        }
        SimulatedRtc rtc = new SimulatedRtc(start, System.currentTimeMillis(), speed);
        Properties p = new Properties();
        p.setProperty("start", start.toString());
        p.setProperty("realStartMillis", Long.toString(rtc.realStartMillis));
        p.setProperty("speed", Double.toString(speed));
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "simulated meter RTC timeline");
        }
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return rtc;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant now() {
        long realNanos = (System.currentTimeMillis() - realStartMillis) * 1_000_000L;
        return start.plusNanos((long) (realNanos * speed));
    }

    @Override
    public long nanoTime() {
        return (long) ((System.nanoTime() - nanoBase) * speed);
    }

    @Override
    public void sleep(Duration span) throws InterruptedException {
        long realNanos = (long) (span.toNanos() / speed);
        if (realNanos > 0) {
            Thread.sleep(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
        }
    }
}
