package org.openami.meter.protocol;

import java.time.Instant;
import java.time.ZoneId;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;

/**
 * The DL/T 645 layout of one event record per type (the data of {@code countDi + n}).
 * Times are YYMMDDhhmmss, energies XXXXXX.XX kWh, operator codes 4 bytes as sent.
 */
final class EventRecords {

    private EventRecords() {
    }

    static int size(EventType t) {
        return switch (t) {
            case POWER_DOWN -> 12;
            case COVER_OPEN -> 16;
            case METER_CLEAR, EVENT_CLEAR, PROGRAMMING -> 14;
            case DEMAND_RESET -> 13;
            case CLOCK_CHANGE -> 16;
            case RELAY_TRIP, RELAY_CLOSE -> 15;
            case AUTH_FAILURE -> 8;
        };
    }

    static byte[] encode(MeterEvent e, ZoneId zone) {
        byte[] out = new byte[size(e.type())];
        switch (e.type()) {
            case POWER_DOWN -> {
                Formats.dateTime(e.start(), zone, out, 0);
                Formats.dateTime(e.end(), zone, out, 6);
            }
            case COVER_OPEN -> {
                Formats.dateTime(e.start(), zone, out, 0);
                Formats.dateTime(e.end(), zone, out, 6);
                Formats.energy(e.value1(), out, 12);
            }
            case METER_CLEAR -> {
                timeAndOperator(e, zone, out);
                Formats.energy(e.value1(), out, 10);
            }
            case EVENT_CLEAR, PROGRAMMING -> {
                timeAndOperator(e, zone, out);
                int di = (int) e.value1();
                for (int i = 0; i < 4; i++) {
                    out[10 + i] = (byte) (di >>> (8 * i));
                }
            }
            case DEMAND_RESET -> {
                timeAndOperator(e, zone, out);
                Formats.power(e.value1(), out, 10);
            }
            case CLOCK_CHANGE -> {
                operator(e.operator(), out, 0);
                Formats.dateTime(Instant.ofEpochSecond(e.value1()), zone, out, 4);
                Formats.dateTime(Instant.ofEpochSecond(e.value2()), zone, out, 10);
            }
            case RELAY_TRIP, RELAY_CLOSE -> {
                timeAndOperator(e, zone, out);
                Formats.energy(e.value1(), out, 10);
                out[14] = (byte) e.value2();
            }
            case AUTH_FAILURE -> {
                Formats.dateTime(e.start(), zone, out, 0);
                out[6] = (byte) e.value1();
                out[7] = (byte) e.value2();
            }
        }
        return out;
    }

    private static void timeAndOperator(MeterEvent e, ZoneId zone, byte[] out) {
        Formats.dateTime(e.start(), zone, out, 0);
        operator(e.operator(), out, 6);
    }

    private static void operator(long code, byte[] out, int off) {
        for (int i = 0; i < 4; i++) {
            out[off + i] = (byte) (code >>> (8 * i));
        }
    }
}
