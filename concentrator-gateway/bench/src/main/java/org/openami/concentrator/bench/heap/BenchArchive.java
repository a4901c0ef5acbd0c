package org.openami.concentrator.bench.heap;

import java.util.ArrayList;
import java.util.List;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.LineSettings;
import org.openami.dlt645.MeterAddress;

/**
 * The heap benchmark's meter archive, shared by the process that simulates the meters and the
 * concentrator under test: measurement point {@code p} (1..2040) is meter
 * {@code 310000000000 + p} on bus {@code (p - 1) mod buses}, DL/T 645-2007 at 2400-8E1.
 */
public final class BenchArchive {

    private static final long FIRST_ADDRESS = 310_000_000_000L;

    private BenchArchive() {
    }

    public static MeterAddress address(int point) {
        return MeterAddress.of(FIRST_ADDRESS + point);
    }

    /** 0-based bus of a point. */
    public static int bus(int point, int buses) {
        return (point - 1) % buses;
    }

    /** The channel id of a 0-based bus. */
    public static String channelId(int bus) {
        return "rs485-" + (bus + 1);
    }

    /** Points 1..meters, spread over the buses. */
    public static List<MeterRecord> records(int meters, int buses) {
        List<MeterRecord> out = new ArrayList<>(meters);
        for (int p = 1; p <= meters; p++) {
            out.add(new MeterRecord(p, address(p).toString(), MeterProtocol.DLT645_2007, channelId(bus(p, buses)),
                    LineSettings.DLT645_DEFAULT, 1, 1, "TA-BENCH", "", "", false, ""));
        }
        return out;
    }
}
