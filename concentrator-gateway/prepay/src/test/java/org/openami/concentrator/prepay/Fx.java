package org.openami.concentrator.prepay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/** Shared test fixtures: zone, times, readings, a plain policy and tariff book. */
public final class Fx {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2025-05-06 (a Tuesday) 10:00 in Shanghai. */
    public static final long T0 = at(2025, 5, 6, 10, 0);
    public static final long HOUR = 3_600_000L;
    public static final long QUARTER = 900_000L;

    public static final Quantity TOTAL = Quantity.ENERGY_FORWARD_ACTIVE_TOTAL;
    public static final Quantity T1 = Quantity.ENERGY_FORWARD_ACTIVE_T1;
    public static final Quantity T2 = Quantity.ENERGY_FORWARD_ACTIVE_T2;
    public static final Quantity T3 = Quantity.ENERGY_FORWARD_ACTIVE_T3;
    public static final Quantity T4 = Quantity.ENERGY_FORWARD_ACTIVE_T4;

    private Fx() {
    }

    public static long at(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    public static Reading total(String meter, long time, long wh) {
        return new Reading(1, meter, ReadingKind.REALTIME, TOTAL, time, wh, time);
    }

    public static Reading reading(String meter, ReadingKind kind, Quantity q, long time, long wh) {
        return new Reading(1, meter, kind, q, time, wh, time);
    }

    /** Total and T1..T4 of one meter at one time (total = the sum of the tariff registers). */
    public static List<Reading> block(String meter, ReadingKind kind, long time, long t1, long t2, long t3, long t4) {
        List<Reading> out = new ArrayList<>(5);
        out.add(reading(meter, kind, TOTAL, time, t1 + t2 + t3 + t4));
        out.add(reading(meter, kind, T1, time, t1));
        out.add(reading(meter, kind, T2, time, t2));
        out.add(reading(meter, kind, T3, time, t3));
        out.add(reading(meter, kind, T4, time, t4));
        return out;
    }

    /** Alarm 1 at 20 yuan, alarm 2 at 5 yuan, trip at zero, no hoarding limit, close allowed, no protected windows. */
    public static PrepayPolicy policy() {
        return new PrepayPolicy(2000, 500, 0, TripAt.ZERO, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.CLOSE_ALLOWED, 0,
                ProtectedWindows.none(SHANGHAI));
    }

    /** FLAT 50 fen/kWh from the epoch under "FLAT". */
    public static TariffBook flatBook() {
        return TariffBook.of(List.of(TariffTable.flat("FLAT", 1, 0, 50, 0)));
    }

    public static AccountSpec spec(String account, String meter, String tariff) {
        return new AccountSpec(account, 1, meter, tariff, false);
    }

    public static Path tempFile(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            return dir.resolve("prepay.mv.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path file) {
        Path dir = file.getParent();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
