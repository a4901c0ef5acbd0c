package org.openami.concentrator.bench.bus;

import java.nio.file.Path;
import java.util.List;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.storage.SyncPolicy;

/**
 * Whole simulated meters ({@link SimulatedMeterFleet}: the firmware on simulated chips, 1 Hz
 * metrology) in this JVM, with their journals unsynchronised ({@link SyncPolicy#NONE}) to keep
 * the disk out of the measurement.
 */
public final class InProcessFleet implements MeterBus {

    private final SimulatedMeterFleet fleet;

    private InProcessFleet(SimulatedMeterFleet fleet) {
        this.fleet = fleet;
    }

    /**
     * @param meters  how many meters (1..256)
     * @param first   the first meter's address; the others count up
     * @param link    baud, turnaround and preamble of the meters
     * @param dataDir one sub-directory per meter is created in it
     * @throws Exception if a meter or the pty cannot start
     */
    public static InProcessFleet start(int meters, MeterAddress first, LinkSettings link, Path dataDir) throws Exception {
        return new InProcessFleet(SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(meters, dataDir)
                .withFirst(first).withLink(link).withSync(SyncPolicy.NONE)));
    }

    @Override
    public String path() {
        return fleet.path();
    }

    @Override
    public List<MeterAddress> addresses() {
        return fleet.addresses();
    }

    @Override
    public long childCpuNanos() {
        return -1;
    }

    @Override
    public void close() {
        fleet.close();
    }
}
