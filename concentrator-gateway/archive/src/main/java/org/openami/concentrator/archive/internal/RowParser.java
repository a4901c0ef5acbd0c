package org.openami.concentrator.archive.internal;

import java.util.Set;
import java.util.stream.Collectors;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.archive.internal.Column.Naming;
import org.openami.concentrator.channel.LineSettings;

/**
 * Turns the values of one row into a {@link MeterRecord}, reporting every field that is wrong.
 * Cross-row rules (duplicates, count) are {@link ArchiveBuilder}'s. Not thread-safe: one per read.
 */
final class RowParser {

    /** What could be read from a row; the fields are null/0 when unknown. */
    record Parsed(int point, int pointLine, String channel, String address, int addressLine, MeterRecord record) {
    }

    private final Set<String> channels;
    private final Naming naming;
    private final Problems problems;
    private final Interner interner = new Interner();

    RowParser(Set<String> channels, Naming naming, Problems problems) {
        this.channels = Set.copyOf(channels);
        this.naming = naming;
        this.problems = problems;
    }

    Parsed parse(Row row, boolean rowBroken) {
        int before = problems.count();
        boolean[] bad = new boolean[Column.values().length];
        String[] v = new String[Column.values().length];
        int[] lines = new int[Column.values().length];
        for (Column c : Column.all()) {
            Cell cell = row.cell(c);
            lines[c.ordinal()] = cell == null ? row.line() : cell.line();
            if (cell != null && cell.broken()) {
                bad[c.ordinal()] = true;
                continue;
            }
            String text = cell == null ? "" : cell.text();
            String message = RecordRules.textProblem(text);
            if (message != null) {
                report(c, lines, text, message);
                bad[c.ordinal()] = true;
            } else if (text.isEmpty()) {
                if (c.required() && (cell != null || row.reportMissing())) {
                    report(c, lines, "", cell == null ? "is missing" : "is required");
                }
                if (c.required()) {
                    bad[c.ordinal()] = true;
                }
            } else {
                v[c.ordinal()] = text;
            }
        }

        int point = 0;
        String pointText = v[Column.POINT.ordinal()];
        if (pointText != null) {
            long n = number(pointText);
            if (n == Long.MIN_VALUE) {
                report(Column.POINT, lines, pointText, "a point is a whole number 1.." + MeterRecord.MAX_POINT);
            } else if (n < 1 || n > MeterRecord.MAX_POINT) {
                report(Column.POINT, lines, pointText, "point " + n + " is outside 1.." + MeterRecord.MAX_POINT);
            } else {
                point = (int) n;
            }
        }

        MeterProtocol protocol = null;
        String protocolText = v[Column.PROTOCOL.ordinal()];
        if (protocolText != null) {
            try {
                protocol = MeterProtocol.fromLabel(protocolText);
            } catch (IllegalArgumentException e) {
                report(Column.PROTOCOL, lines, protocolText, "unknown protocol; use dlt645-2007 or modbus-rtu");
            }
        }

        String address = v[Column.ADDRESS.ordinal()];
        if (address != null && protocol != null) {
            if (protocol == MeterProtocol.DLT645_2007) {
                address = check(Column.ADDRESS, lines, address, RecordRules.dltAddressProblem(address));
            } else {
                String[] message = new String[1];
                int unit = RecordRules.modbusUnit(address, message);
                address = unit < 0 ? check(Column.ADDRESS, lines, address, message[0]) : Integer.toString(unit);
            }
        } else {
            address = null;
        }

        String channel = v[Column.CHANNEL.ordinal()];
        if (channel != null) {
            channel = check(Column.CHANNEL, lines, channel, RecordRules.formulaProblem(channel));
        }
        if (channel != null && !channels.isEmpty() && !channels.contains(channel)) {
            report(Column.CHANNEL, lines, channel, "unknown channel; the configured channels are "
                    + channels.stream().sorted().limit(10).collect(Collectors.joining(", "))
                    + (channels.size() > 10 ? ", …" : ""));
            channel = null;
        }

        LineSettings line = null;
        String serial = v[Column.SERIAL.ordinal()];
        if (serial != null) {
            try {
                line = interner.intern(LineSettings.parse(serial));
            } catch (IllegalArgumentException e) {
                report(Column.SERIAL, lines, serial, e.getMessage());
            }
        } else if (!bad[Column.SERIAL.ordinal()] && protocol != null) {
            line = protocol == MeterProtocol.DLT645_2007 ? LineSettings.DLT645_DEFAULT : LineSettings.MODBUS_DEFAULT;
        }

        int ct = ratio(Column.CT, v, bad, lines);
        int pt = ratio(Column.PT, v, bad, lines);
        String area = freeText(Column.AREA, v, lines);
        String account = freeText(Column.ACCOUNT, v, lines);
        String tariff = freeText(Column.TARIFF, v, lines);

        Boolean keepPower = null;
        String keep = v[Column.KEEP_POWER.ordinal()];
        if (keep == null) {
            keepPower = bad[Column.KEEP_POWER.ordinal()] ? null : Boolean.FALSE;
        } else if (keep.equalsIgnoreCase("true") || keep.equalsIgnoreCase("false")) {
            keepPower = Boolean.valueOf(keep.equalsIgnoreCase("true"));
        } else {
            report(Column.KEEP_POWER, lines, keep, "keep power (保电) is true or false");
        }

        String registerMap = null;
        if (!bad[Column.REGISTER_MAP.ordinal()] && protocol != null) {
            String map = v[Column.REGISTER_MAP.ordinal()] == null ? "" : v[Column.REGISTER_MAP.ordinal()];
            registerMap = check(Column.REGISTER_MAP, lines, map, RecordRules.registerMapProblem(protocol, map));
        }

        MeterRecord record = null;
        if (!rowBroken && problems.count() == before && point > 0 && address != null && channel != null
                && line != null && ct > 0 && pt > 0 && area != null && account != null && tariff != null
                && keepPower != null && registerMap != null) {
            try {
                record = new MeterRecord(point, address, protocol, interner.intern(channel), line, ct, pt,
                        interner.intern(area), account, interner.intern(tariff), keepPower,
                        interner.intern(registerMap));
            } catch (IllegalArgumentException e) {
                // every rule of the constructor was checked above; keep a problem rather than a crash
                problems.add(row.line(), "", "", e.getMessage());
            }
        }
        return new Parsed(point, lines[Column.POINT.ordinal()], channel, address, lines[Column.ADDRESS.ordinal()],
                record);
    }

    private int ratio(Column c, String[] v, boolean[] bad, int[] lines) {
        String text = v[c.ordinal()];
        if (text == null) {
            return bad[c.ordinal()] ? 0 : 1;
        }
        long n = number(text);
        if (n == Long.MIN_VALUE) {
            report(c, lines, text, "a ratio is a whole number, 1 for a direct-connected meter");
            return 0;
        }
        return check(c, lines, text, RecordRules.ratioProblem(n)) == null ? 0 : (int) n;
    }

    private String freeText(Column c, String[] v, int[] lines) {
        String text = v[c.ordinal()];
        return text == null ? "" : check(c, lines, text, RecordRules.formulaProblem(text));
    }

    /** A whole number of at most 10 digits with an optional sign, or {@link Long#MIN_VALUE}. */
    private static long number(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start || text.length() - start > 10) {
            return Long.MIN_VALUE;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return Long.MIN_VALUE;
            }
        }
        return Long.parseLong(text);
    }

    /** {@code value}, or null after reporting {@code message} if there is one. */
    private String check(Column c, int[] lines, String value, String message) {
        if (message == null) {
            return value;
        }
        report(c, lines, value, message);
        return null;
    }

    private void report(Column c, int[] lines, String value, String message) {
        problems.add(lines[c.ordinal()], c.name(naming), value, message);
    }
}
