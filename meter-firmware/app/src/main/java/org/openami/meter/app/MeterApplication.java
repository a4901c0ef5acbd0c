package org.openami.meter.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.openami.dlt645.MeterAddress;
import org.openami.hal.HalException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;
import org.openami.meter.engine.MeterClock;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterParameters;
import org.openami.meter.protocol.Dlt645Slave;
import org.openami.meter.relay.RelayController;
import org.openami.meter.storage.SyncPolicy;
import org.openami.meter.store.FileMeterJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running meter: the board, the journal in its data directory, the engine, the relay
 * controller, the metrology loop on its own thread, and the DL/T 645 slave (a
 * {@link org.openami.meter.link.FrameHandler} for whichever transport the caller attaches:
 * a serial port, or a simulated bus). {@link #close()} stops the loop, then releases the
 * journal and the board.
 */
public final class MeterApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeterApplication.class);

    private final MeterHardware hardware;
    private final FileMeterJournal journal;
    private final MeterEngine engine;
    private final RelayController relay;
    private final Dlt645Slave slave;
    private final MetrologyLoop loop;
    private final Thread thread;

    /** What a meter needs to start. */
    public record Settings(MeterAddress address, Path dataDir, ZoneId zone, SyncPolicy sync, byte[] controlKey,
                           boolean baudChangeable, double speed, Duration minRealSamplePeriod) {
    }

    private MeterApplication(MeterHardware hw, FileMeterJournal journal, MeterEngine engine, RelayController relay,
                             Dlt645Slave slave, MetrologyLoop loop) {
        this.hardware = hw;
        this.journal = journal;
        this.engine = engine;
        this.relay = relay;
        this.slave = slave;
        this.loop = loop;
        this.thread = new Thread(loop, "metrology-" + engine.parameters().address());
        this.thread.setDaemon(true);
    }

    /**
     * Opens the journal, restores the state (recording a power-down if the meter was off),
     * initialises the front end with the stored calibration and accumulator state, drives
     * the relay to its commanded position and starts sampling.
     *
     * @param listener told after every persisted sample, or null
     */
    public static MeterApplication start(MeterHardware hw, HalClock rtc, Settings s, TickListener listener)
            throws IOException, HalException, InterruptedException {
        FileMeterJournal journal = FileMeterJournal.open(s.dataDir(), s.sync());
        try {
            MeterEngine engine = MeterEngine.start(journal, MeterParameters.defaults(s.address()), s.zone(), new MeterClock(rtc));
            if (!engine.parameters().address().equals(s.address())) {
                throw new IOException("data directory " + s.dataDir() + " belongs to meter " + engine.parameters().address()
                        + ", not " + s.address());
            }
            MeteringFrontEnd fe = hw.board().frontEnd();
            engine.accumulatorState().ifPresent(fe::restoreEnergyState);
            CalibrationCoefficients cal = CalibrationFile.load(s.dataDir()).orElseGet(() -> {
                LOG.warn("no calibration.properties in {}: running UNCALIBRATED", s.dataDir());
                return CalibrationCoefficients.identity(fe.phaseCount());
            });
            fe.initialize(cal);
            RelayController relay = new RelayController(hw.board().relay(), engine);
            relay.restore();
            hw.board().tamper().addListener(open -> {
                try {
                    engine.coverChanged(open);
                } catch (IOException e) {
                    LOG.error("cannot record cover event: {}", e.getMessage());
                }
            });
            engine.coverChanged(hw.board().tamper().isOpen());
            Dlt645Slave slave = new Dlt645Slave(engine, relay, s.controlKey(), fe.phaseCount(), s.baudChangeable());
            MetrologyLoop loop = new MetrologyLoop(fe, hw.board().pulseLed(), engine, Duration.ofSeconds(1),
                    s.minRealSamplePeriod(), s.speed(), listener == null ? null : listener::ticked);
            MeterApplication app = new MeterApplication(hw, journal, engine, relay, slave, loop);
            app.thread.start();
            LOG.info("meter {} running: {} phase(s), data in {}", s.address(), fe.phaseCount(), s.dataDir());
            return app;
        } catch (IOException | HalException | InterruptedException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** Told after each persisted sample. */
    public interface TickListener {
        void ticked(MeterEngine engine);
    }

    public MeterEngine engine() {
        return engine;
    }

    public Dlt645Slave slave() {
        return slave;
    }

    public MeterHardware hardware() {
        return hardware;
    }

    public RelayController relay() {
        return relay;
    }

    /** Samples taken so far. */
    public long samples() {
        return loop.ticks();
    }

    /** Takes one sample now, on the caller's thread (tests). */
    public void sampleNow() {
        loop.step();
    }

    @Override
    public void close() {
        loop.stop();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
        hardware.close();
    }
}
