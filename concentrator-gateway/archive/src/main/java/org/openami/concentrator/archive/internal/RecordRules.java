package org.openami.concentrator.archive.internal;

import java.util.regex.Pattern;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.archive.internal.Column.Naming;
import org.openami.dlt645.MeterAddress;

/**
 * The rules a value must follow to be in an archive, shared by the file readers and by
 * {@link org.openami.concentrator.archive.MeterArchive} (so that every archive that can be
 * built can also be written and read back unchanged). Each check returns a message, or null
 * when the value is fine. Stateless.
 */
public final class RecordRules {

    /** Longest text value, in characters (code points). */
    public static final int MAX_TEXT = 64;
    /** Largest CT or PT ratio. */
    public static final int MAX_RATIO = 1_000_000;

    private static final Pattern REGISTER_MAP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private RecordRules() {
    }

    /** Length and characters, for every value of every field. */
    public static String textProblem(String v) {
        int unsafe = Printable.firstUnsafe(v);
        if (unsafe >= 0) {
            return "contains the control character " + Printable.name(v.codePointAt(unsafe))
                    + " at position " + (v.codePointCount(0, unsafe) + 1);
        }
        int length = v.codePointCount(0, v.length());
        if (length > MAX_TEXT) {
            return "is " + length + " characters long; at most " + MAX_TEXT + " are allowed";
        }
        return null;
    }

    /** Free text that a spreadsheet must not take for a formula (CSV injection). */
    public static String formulaProblem(String v) {
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            return "must not start with =, +, - or @ (a spreadsheet would run it as a formula)";
        }
        return null;
    }

    /** Values are kept as given; surrounding spaces would not survive a round trip. */
    public static String spacesProblem(String v) {
        return v.strip().equals(v) ? null : "has leading or trailing spaces";
    }

    /** A DL/T 645-2007 address of one meter: 12 BCD digits, neither wildcard nor broadcast. */
    public static String dltAddressProblem(String v) {
        MeterAddress address;
        try {
            address = MeterAddress.parse(v);
        } catch (IllegalArgumentException e) {
            if (v.length() != 12 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "a DL/T 645 address has 12 digits, not " + v.length()
                        + (v.length() < 12 ? " (did a spreadsheet drop the leading zeros?)" : "");
            }
            return "a DL/T 645 address is 12 decimal (BCD) digits, like 000000000001";
        }
        if (address.isBroadcast()) {
            return "999999999999 is the broadcast address; give the meter's own address";
        }
        if (address.isWildcard()) {
            return "AA is a wildcard; give the meter's own address";
        }
        return null;
    }

    /**
     * A Modbus unit id 1..247 written in decimal.
     *
     * @return the unit id, or -1 with a problem's message in {@code message[0]}
     */
    public static int modbusUnit(String v, String[] message) {
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            message[0] = "a Modbus address is the unit id, a number 1..247";
            return -1;
        }
        int unit = Integer.parseInt(v);
        if (unit == 0) {
            message[0] = "unit id 0 is the Modbus broadcast address; use 1..247";
            return -1;
        }
        if (unit > 247) {
            message[0] = "Modbus unit id " + unit + " is outside 1..247";
            return -1;
        }
        return unit;
    }

    /** The register map given for a meter of {@code protocol} ({@code v} may be ""). */
    public static String registerMapProblem(MeterProtocol protocol, String v) {
        if (protocol == MeterProtocol.MODBUS_RTU) {
            if (v.isEmpty()) {
                return "a modbus-rtu meter needs a register map (e.g. sdm630)";
            }
            if (!REGISTER_MAP.matcher(v).matches()) {
                return "a register map name is letters, digits, '.', '_' and '-', starting with a letter or digit";
            }
            return null;
        }
        return v.isEmpty() ? null : "a " + protocol.label() + " meter takes no register map; leave it empty";
    }

    /** A CT or PT ratio: a whole number 1..{@link #MAX_RATIO}. */
    public static String ratioProblem(long ratio) {
        if (ratio < 1) {
            return "a ratio is at least 1 (1 for a direct-connected meter)";
        }
        return ratio > MAX_RATIO ? "a ratio is at most " + MAX_RATIO : null;
    }

    /**
     * Checks a record built in code against the file rules that its constructor does not
     * check, naming fields in {@code naming}.
     */
    public static void check(MeterRecord r, int line, Naming naming, Problems problems) {
        text(r.address(), Column.ADDRESS, false, line, naming, problems);
        if (r.protocol() == MeterProtocol.MODBUS_RTU
                && !Integer.toString(Integer.parseInt(r.address())).equals(r.address())) {
            problems.add(line, Column.ADDRESS.name(naming), r.address(),
                    "write the Modbus unit id without leading zeros");
        }
        if (r.channel().isEmpty()) {
            problems.add(line, Column.CHANNEL.name(naming), "", "a meter needs a channel");
        } else {
            text(r.channel(), Column.CHANNEL, true, line, naming, problems);
        }
        text(r.area(), Column.AREA, true, line, naming, problems);
        text(r.account(), Column.ACCOUNT, true, line, naming, problems);
        text(r.tariff(), Column.TARIFF, true, line, naming, problems);
        if (text(r.registerMap(), Column.REGISTER_MAP, false, line, naming, problems)) {
            add(registerMapProblem(r.protocol(), r.registerMap()), Column.REGISTER_MAP, r.registerMap(),
                    line, naming, problems);
        }
        add(ratioProblem(r.ctRatio()), Column.CT, Integer.toString(r.ctRatio()), line, naming, problems);
        add(ratioProblem(r.ptRatio()), Column.PT, Integer.toString(r.ptRatio()), line, naming, problems);
    }

    private static boolean text(String v, Column c, boolean free, int line, Naming naming, Problems problems) {
        String message = textProblem(v);
        if (message == null) {
            message = spacesProblem(v);
        }
        if (message == null && free) {
            message = formulaProblem(v);
        }
        return !add(message, c, v, line, naming, problems);
    }

    private static boolean add(String message, Column c, String v, int line, Naming naming, Problems problems) {
        if (message != null) {
            problems.add(line, c.name(naming), v, message);
            return true;
        }
        return false;
    }
}
