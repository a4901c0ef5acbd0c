package org.openami.concentrator.archive;

import org.openami.concentrator.channel.LineSettings;

/** Small record factories for tests. */
final class Meters {

    private Meters() {
    }

    static MeterRecord dlt(int point, String address, String channel) {
        return new MeterRecord(point, address, MeterProtocol.DLT645_2007, channel, LineSettings.DLT645_DEFAULT,
                1, 1, "台区01", "A-" + point, "T1", false, "");
    }

    static MeterRecord modbus(int point, int unit, String channel) {
        return new MeterRecord(point, Integer.toString(unit), MeterProtocol.MODBUS_RTU, channel,
                LineSettings.MODBUS_DEFAULT, 40, 1, "台区01", "C-" + point, "C1", false, "sdm630");
    }

    static String address(long n) {
        return String.format("%012d", n);
    }
}
