package org.openami.meter.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.openami.dlt645.MeterAddress;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;
import org.openami.meter.storage.SyncPolicy;
import org.openami.meter.store.FileMeterJournal;
import org.openami.sim.time.ManualClock;

/** An engine on a real file journal in a temporary directory, fed with exact energy deltas on a manual clock. */
public final class EngineFixture implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final MeterAddress ADDRESS = MeterAddress.parse("000000000001");
    public static final FrontEndReading READING = new FrontEndReading(
            List.of(new PhaseReading(230_100, 4_350, 1_000_000, 50_000, 1_001_250, 998)), 50_010);
    private static final EnergyAccumulator.State ACC = new EnergyAccumulator(1000).state();

    public final ManualClock clock;
    public final Path dir;
    private final MeterAddress address;
    public FileMeterJournal journal;
    public MeterEngine engine;

    public EngineFixture(Path dir, Instant start) throws IOException {
        this(dir, start, ADDRESS);
    }

    public EngineFixture(Path dir, Instant start, MeterAddress address) throws IOException {
        this.dir = dir;
        this.address = address;
        this.clock = new ManualClock(start);
        open();
    }

    public void open() throws IOException {
        journal = FileMeterJournal.open(dir, SyncPolicy.NONE);
        engine = MeterEngine.start(journal, MeterParameters.defaults(address), ZONE, new MeterClock(clock));
    }

    /** Simulates a restart (after a crash: nothing is flushed beyond what the journal already wrote). */
    public void restart() throws IOException {
        journal.close();
        open();
    }

    /** {@code seconds} ticks of one second, each bringing {@code mwhPerSecond} forward active energy. */
    public void run(int seconds, long mwhPerSecond) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            engine.tick(new EnergyDelta(mwhPerSecond, 0, mwhPerSecond / 10, 0), READING, ACC);
        }
    }

    /** One tick after {@code span}, bringing {@code mwh}. */
    public void step(Duration span, long mwh) {
        clock.advance(span);
        engine.tick(new EnergyDelta(mwh, 0, 0, 0), READING, ACC);
    }

    @Override
    public void close() {
        journal.close();
    }
}
