package org.openami.meter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.SimulatedHardwareFactory;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.board.SimChip;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.time.ManualClock;
import picocli.CommandLine.Command;

/**
 * {@code ami meter self-test}: the start-up health check a new firmware image must pass
 * before it is committed: starts a meter on simulated chips in a scratch directory, takes
 * samples, answers DL/T 645 reads through the slave, restarts from its journal. Exit code
 * 0 when healthy.
 */
@Command(name = "self-test", mixinStandardHelpOptions = true, description = "Start-up health check of this firmware (exit 0 = healthy).")
final class SelfTestCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("ami-meter-selftest");
        MeterAddress addr = MeterAddress.parse("000000000001");
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        var settings = new MeterApplication.Settings(addr, dir, ZoneId.of("Asia/Shanghai"), SyncPolicy.NONE,
                MeterKeyStore.demoKey(addr), false, 1, Duration.ofHours(1));
        try {
            org.openami.meter.register.EnergyRegisters energy;
            try (MeterApplication app = MeterApplication.start(
                    SimulatedHardwareFactory.build(SimChip.ADE7953, ProfileLoad.residential(3000, 1), 1, clock, dir), clock, settings, null)) {
                for (int i = 0; i < 5; i++) {
                    clock.advance(Duration.ofSeconds(1));
                    app.sampleNow();
                }
                var reply = app.slave().handle(Dlt645Frame.readData(addr, DataIdentifier.FORWARD_ACTIVE_TOTAL))
                        .orElseThrow(() -> new IllegalStateException("no reply to a read"));
                if (reply.frame().control().isAbnormal()) {
                    throw new IllegalStateException("abnormal reply to a read: " + reply.frame());
                }
                var addrReply = app.slave().handle(Dlt645Frame.request(MeterAddress.ANY, Function.READ_ADDRESS, new byte[0]));
                if (addrReply.isEmpty() || !addrReply.get().frame().address().equals(addr)) {
                    throw new IllegalStateException("read-address failed");
                }
                energy = app.engine().registers();
                if (energy.total(org.openami.meter.register.EnergyKind.FORWARD_ACTIVE) <= 0 || !energy.isConsistent()) {
                    throw new IllegalStateException("no energy measured: " + energy);
                }
            }
            try (MeterApplication again = MeterApplication.start(
                    SimulatedHardwareFactory.build(SimChip.ADE7953, ProfileLoad.residential(3000, 1), 1, clock, dir), clock, settings, null)) {
                // the relay's coil pulse on start-up moves the simulated clock, so a little energy may have been added
                if (!again.engine().registers().isAtLeast(energy)) {
                    throw new IllegalStateException("registers did not survive a restart");
                }
            }
            System.out.println("self-test passed");
            return 0;
        } catch (Exception e) {
            System.out.println("self-test FAILED: " + e);
            return 1;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
