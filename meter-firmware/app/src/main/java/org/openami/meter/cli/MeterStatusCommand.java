package org.openami.meter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.event.EventType;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.register.Tariff;
import org.openami.meter.storage.SyncPolicy;
import org.openami.meter.store.FileMeterJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ami meter status --data-dir DIR}: what a stopped meter's data directory holds. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the registers, freezes and events stored in a meter's data directory (the meter must be stopped).")
final class MeterStatusCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--zone", description = "time zone to show times in (default: ${DEFAULT-VALUE})")
    ZoneId zone = ZoneId.of("Asia/Shanghai");

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dataDir)) {
            System.err.println("status: " + dataDir + " is not a directory");
            return 1;
        }
        try (FileMeterJournal j = FileMeterJournal.open(dataDir, SyncPolicy.NONE)) {
            var params = j.loadParameters();
            var state = MeterEngine.inspect(j);
            if (params.isEmpty() || state.isEmpty()) {
                System.out.println("no meter state in " + dataDir);
                return 1;
            }
            System.out.printf("meter %s, last sample %s%n", params.get().address(), state.get().lastTick().atZone(zone));
            var r = state.get().registers();
            for (EnergyKind k : EnergyKind.values()) {
                StringBuilder sb = new StringBuilder(String.format("  %-16s total %14.3f", k, r.total(k) / 1e6));
                for (Tariff t : Tariff.values()) {
                    sb.append(String.format("  T%d %12.3f", t.number(), r.tariff(k, t) / 1e6));
                }
                System.out.println(sb.append("  kWh/kvarh"));
            }
            System.out.println("  relay: " + state.get().relay());
            for (FreezeKind k : FreezeKind.values()) {
                var f = j.freezes(k);
                System.out.printf("  %s freezes: %d%s%n", k.name().toLowerCase(), f.size(),
                        f.isEmpty() ? "" : ", latest " + f.get(0).at().atZone(zone));
            }
            System.out.println("  load profile points: " + j.profile().size());
            for (EventType t : EventType.values()) {
                long n = j.eventCount(t);
                if (n > 0) {
                    System.out.printf("  events %-14s %d%n", t, n);
                }
            }
            return 0;
        }
    }
}
