package org.openami.concentrator.collector;

import java.util.ArrayList;
import java.util.List;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.LineSettings;

/** Archive records for tests. */
final class Meters {

    private Meters() {
    }

    static MeterRecord dlt645(int point, String channel) {
        return new MeterRecord(point, String.format("%012d", 210_000_000_000L + point), MeterProtocol.DLT645_2007,
                channel, LineSettings.DLT645_DEFAULT, 1, 1, "TA-01", "", "", false, "");
    }

    static MeterRecord modbus(int point, int unit, String channel) {
        return new MeterRecord(point, Integer.toString(unit), MeterProtocol.MODBUS_RTU, channel,
                LineSettings.MODBUS_DEFAULT, 1, 1, "TA-01", "", "", false, "sdm630");
    }

    /** Meters 1..n, DL/T 645, spread round-robin over {@code channels} channels "rs485-1".. */
    static List<MeterRecord> fleet(int n, int channels) {
        List<MeterRecord> out = new ArrayList<>(n);
        for (int p = 1; p <= n; p++) {
            out.add(dlt645(p, "rs485-" + (1 + (p - 1) % channels)));
        }
        return out;
    }
}
