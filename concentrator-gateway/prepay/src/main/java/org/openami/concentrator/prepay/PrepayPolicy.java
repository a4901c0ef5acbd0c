package org.openami.concentrator.prepay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prepayment rules of the concentrator, in integer fen. Immutable and validated on
 * construction ({@link PolicyException} naming the field).
 *
 * <ul>
 *   <li>Balance at or below {@code alarm1Fen}: {@link Action#ALARM} (level 1); at or below
 *       {@code alarm2Fen}: {@link Action#ALARM} (level 2). {@code alarm1Fen >= alarm2Fen}. Back
 *       above {@code alarm1Fen}: {@link Action#ALARM_RELEASE}.</li>
 *   <li>Balance at or below the {@link #tripLevelFen() trip level}: {@link Action#TRIP}, unless
 *       the account is keep-power (never tripped) or the instant is in one of the
 *       {@link #windows()} (the trip is then carried out when the window ends, if still
 *       warranted). The trip level is {@code alarm2Fen}, 0 or {@code -overdraftLimitFen} by
 *       {@link #tripAt()}.</li>
 *   <li>A tripped account whose balance rises above {@code reconnectAboveFen} (which is at least
 *       the trip level) gets {@link Action#RECONNECT} with mode {@link #reconnect()}.</li>
 *   <li>A top-up that would lift the balance above {@code hoardingLimitFen} is refused.</li>
 *   <li>A register that falls by more than {@code resetThresholdWh} was reset or rolled over:
 *       its new value is a new baseline. A smaller fall is a reading out of step with the
 *       others (a meter clock a little off, a freeze read late) and is ignored; see
 *       {@link PrepayEngine}.</li>
 * </ul>
 *
 * <h2>File and map format</h2>
 * <pre>{@code
 * {"alarm1Fen": 2000, "alarm2Fen": 500, "overdraftLimitFen": 0, "tripAt": "ZERO",
 *  "hoardingLimitFen": 1000000, "reconnect": "CLOSE_ALLOWED", "reconnectAboveFen": 0, "resetThresholdWh": 5000,
 *  "windows": {"zone": "Asia/Shanghai", "night": "22:00-07:00", "weekends": true,
 *              "holidays": ["2025-10-01", "2025-10-02"]}}
 * }</pre>
 * Required: {@code alarm1Fen}, {@code alarm2Fen}, {@code windows.zone}. Defaults:
 * {@code overdraftLimitFen} 0, {@code tripAt} ZERO, {@code hoardingLimitFen} none,
 * {@code reconnect} CLOSE_ALLOWED, {@code reconnectAboveFen} the trip level,
 * {@code resetThresholdWh} {@value #DEFAULT_RESET_THRESHOLD_WH}, no night window, no weekends, no
 * holidays. {@code night} may also be {@code {"from": "22:00", "to": "07:00"}}; {@code holidays}
 * may also be one string of dates separated by commas or blanks. Amounts are integers (JSON
 * numbers or strings). Files reject unknown fields; {@link #fromMap} (OSGi configuration)
 * ignores them and also takes the window fields as {@code windows.zone}, {@code windows.night}...
 *
 * @param alarm1Fen         first alarm amount
 * @param alarm2Fen         second alarm amount, at most {@code alarm1Fen}
 * @param overdraftLimitFen how far below 0 supply may run with {@link TripAt#OVERDRAFT}, at least 0
 * @param tripAt            which level trips
 * @param hoardingLimitFen  highest balance a top-up may reach ({@link #NO_HOARDING_LIMIT} for none)
 * @param reconnect         how supply is restored
 * @param reconnectAboveFen balance above which a tripped account is reconnected, at least the trip level
 * @param windows           when trips are withheld; its zone is also the zone of tier periods and freezes
 * @param resetThresholdWh  a register fall larger than this is a reset, a smaller one a stale reading
 */
public record PrepayPolicy(long alarm1Fen, long alarm2Fen, long overdraftLimitFen, TripAt tripAt,
                           long hoardingLimitFen, ReconnectMode reconnect, long reconnectAboveFen,
                           ProtectedWindows windows, long resetThresholdWh) {

    /** {@code hoardingLimitFen} for no limit. */
    public static final long NO_HOARDING_LIMIT = Long.MAX_VALUE;
    /** Largest amount (absolute) in a policy, a top-up or an adjustment: 10<sup>12</sup> fen. */
    public static final long MAX_AMOUNT_FEN = 1_000_000_000_000L;
    /** Default {@link #resetThresholdWh()}: 5 kWh. */
    public static final long DEFAULT_RESET_THRESHOLD_WH = 5_000;
    /** Largest {@link #resetThresholdWh()}. */
    public static final long MAX_RESET_THRESHOLD_WH = 1_000_000_000L;

    private static final Set<String> FIELDS = Set.of("alarm1Fen", "alarm2Fen", "overdraftLimitFen", "tripAt",
            "hoardingLimitFen", "reconnect", "reconnectAboveFen", "windows", "resetThresholdWh");
    private static final Set<String> WINDOW_FIELDS = Set.of("zone", "night", "weekends", "holidays");

    public PrepayPolicy {
        amount("alarm1Fen", alarm1Fen);
        amount("alarm2Fen", alarm2Fen);
        amount("reconnectAboveFen", reconnectAboveFen);
        if (overdraftLimitFen < 0 || overdraftLimitFen > MAX_AMOUNT_FEN) {
            throw new PolicyException("overdraftLimitFen", "must be 0.." + MAX_AMOUNT_FEN + ", got " + overdraftLimitFen);
        }
        if (alarm1Fen < alarm2Fen) {
            throw new PolicyException("alarm2Fen", "alarm amount 2 (" + alarm2Fen + ") is above alarm amount 1 ("
                    + alarm1Fen + "); alarm 1 must be at least alarm 2");
        }
        if (tripAt == null) {
            throw new PolicyException("tripAt", "missing (ALARM2, ZERO or OVERDRAFT)");
        }
        if (reconnect == null) {
            throw new PolicyException("reconnect", "missing (CLOSE_ALLOWED or DIRECT_CLOSE)");
        }
        if (windows == null) {
            throw new PolicyException("windows", "missing");
        }
        long trip = level(tripAt, alarm2Fen, overdraftLimitFen);
        if (reconnectAboveFen < trip) {
            throw new PolicyException("reconnectAboveFen", reconnectAboveFen + " is below the trip level " + trip
                    + ": a reconnected account would be tripped again at once");
        }
        if (hoardingLimitFen != NO_HOARDING_LIMIT && (hoardingLimitFen < 1 || hoardingLimitFen > MAX_AMOUNT_FEN)) {
            throw new PolicyException("hoardingLimitFen", "must be 1.." + MAX_AMOUNT_FEN + " (or absent for none), got "
                    + hoardingLimitFen);
        }
        if (hoardingLimitFen <= reconnectAboveFen) {
            throw new PolicyException("hoardingLimitFen", hoardingLimitFen + " is not above the reconnect level "
                    + reconnectAboveFen + ": no top-up could restore supply");
        }
        if (resetThresholdWh < 0 || resetThresholdWh > MAX_RESET_THRESHOLD_WH) {
            throw new PolicyException("resetThresholdWh", "must be 0.." + MAX_RESET_THRESHOLD_WH + ", got " + resetThresholdWh);
        }
    }

    /** A policy with the default {@link #resetThresholdWh()}. */
    public PrepayPolicy(long alarm1Fen, long alarm2Fen, long overdraftLimitFen, TripAt tripAt, long hoardingLimitFen,
                        ReconnectMode reconnect, long reconnectAboveFen, ProtectedWindows windows) {
        this(alarm1Fen, alarm2Fen, overdraftLimitFen, tripAt, hoardingLimitFen, reconnect, reconnectAboveFen, windows,
                DEFAULT_RESET_THRESHOLD_WH);
    }

    /** The balance at or below which supply is cut: alarm 2, 0 or minus the overdraft limit. */
    public long tripLevelFen() {
        return level(tripAt, alarm2Fen, overdraftLimitFen);
    }

    /** The zone of protected windows, tier periods and freeze times. */
    public ZoneId zone() {
        return windows.zone();
    }

    /** This policy with other protected windows. */
    public PrepayPolicy withWindows(ProtectedWindows w) {
        return new PrepayPolicy(alarm1Fen, alarm2Fen, overdraftLimitFen, tripAt, hoardingLimitFen, reconnect,
                reconnectAboveFen, w, resetThresholdWh);
    }

    private static long level(TripAt tripAt, long alarm2, long overdraft) {
        return switch (tripAt) {
            case ALARM2 -> alarm2;
            case ZERO -> 0;
            case OVERDRAFT -> -overdraft;
        };
    }

    private static void amount(String field, long v) {
        if (v < -MAX_AMOUNT_FEN || v > MAX_AMOUNT_FEN) {
            throw new PolicyException(field, "must be within ±" + MAX_AMOUNT_FEN + " fen, got " + v);
        }
    }

    /** Reads a policy file (format in the class comment); unknown fields are errors. */
    public static PrepayPolicy load(Path json) {
        JsonNode root = JsonInput.read(json, (field, reason, cause) ->
                new PolicyException(field, "policy file " + json + ": " + reason, cause));
        return fromTree(root, true);
    }

    /** Parses a policy document (format in the class comment); unknown fields are errors. */
    public static PrepayPolicy parse(byte[] json) {
        return fromTree(JsonInput.parse(json, PolicyException::new), true);
    }

    /**
     * A policy from configuration properties (e.g. OSGi ConfigAdmin): the fields of the class
     * comment, with the windows either nested under {@code windows} or as {@code windows.zone},
     * {@code windows.night}, {@code windows.weekends}, {@code windows.holidays} (a string array
     * or one string). Unknown keys are ignored.
     */
    public static PrepayPolicy fromMap(Map<String, ?> properties) {
        Map<String, Object> top = new LinkedHashMap<>();
        Map<String, Object> windows = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String k = e.getKey();
            if (k == null) {
                continue;
            }
            if (k.startsWith("windows.") && WINDOW_FIELDS.contains(k.substring(8))) {
                windows.put(k.substring(8), e.getValue());
            } else if (FIELDS.contains(k)) {
                top.put(k, e.getValue());
            }
        }
        if (!windows.isEmpty()) {
            if (top.get("windows") instanceof Map<?, ?> nested) {
                for (Map.Entry<?, ?> e : nested.entrySet()) {
                    windows.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
                }
            }
            top.put("windows", windows);
        }
        JsonNode tree;
        try {
            tree = JsonInput.mapper().valueToTree(top);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(null, "configuration values are not plain numbers, strings and lists: " + e.getMessage(), e);
        }
        return fromTree(tree, false);
    }

    private static PrepayPolicy fromTree(JsonNode root, boolean strict) {
        JsonInput.Failure fail = PolicyException::new;
        if (!root.isObject()) {
            throw new PolicyException(null, "an object is expected, got " + JsonInput.kindOf(root));
        }
        if (strict) {
            unknown(root, FIELDS, "");
        }
        long alarm1 = JsonInput.integer(required(root, "alarm1Fen", ""), "alarm1Fen", fail);
        long alarm2 = JsonInput.integer(required(root, "alarm2Fen", ""), "alarm2Fen", fail);
        long overdraft = present(root, "overdraftLimitFen") ? JsonInput.integer(root.get("overdraftLimitFen"), "overdraftLimitFen", fail) : 0;
        TripAt tripAt = present(root, "tripAt") ? JsonInput.enumValue(root.get("tripAt"), TripAt.class, "tripAt", fail) : TripAt.ZERO;
        long hoarding = present(root, "hoardingLimitFen")
                ? JsonInput.integer(root.get("hoardingLimitFen"), "hoardingLimitFen", fail) : NO_HOARDING_LIMIT;
        ReconnectMode mode = present(root, "reconnect")
                ? JsonInput.enumValue(root.get("reconnect"), ReconnectMode.class, "reconnect", fail) : ReconnectMode.CLOSE_ALLOWED;
        long reconnectAbove = present(root, "reconnectAboveFen")
                ? JsonInput.integer(root.get("reconnectAboveFen"), "reconnectAboveFen", fail)
                : level(tripAt, alarm2, overdraft);
        long reset = present(root, "resetThresholdWh")
                ? JsonInput.integer(root.get("resetThresholdWh"), "resetThresholdWh", fail) : DEFAULT_RESET_THRESHOLD_WH;
        ProtectedWindows w = windows(required(root, "windows", ""), strict, fail);
        return new PrepayPolicy(alarm1, alarm2, overdraft, tripAt, hoarding, mode, reconnectAbove, w, reset);
    }

    private static ProtectedWindows windows(JsonNode n, boolean strict, JsonInput.Failure fail) {
        if (!n.isObject()) {
            throw new PolicyException("windows", "an object is expected, got " + JsonInput.kindOf(n));
        }
        if (strict) {
            unknown(n, WINDOW_FIELDS, "windows.");
        }
        String zoneText = JsonInput.text(required(n, "zone", "windows."), "windows.zone", fail);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText.strip());
        } catch (DateTimeException e) {
            throw new PolicyException("windows.zone", "not a time zone: \"" + JsonInput.clip(zoneText) + "\"", e);
        }
        LocalTime from = null;
        LocalTime to = null;
        if (present(n, "night")) {
            JsonNode night = n.get("night");
            if (night.isObject()) {
                if (strict) {
                    unknown(night, Set.of("from", "to"), "windows.night.");
                }
                from = time(JsonInput.text(required(night, "from", "windows.night."), "windows.night.from", fail), "windows.night.from");
                to = time(JsonInput.text(required(night, "to", "windows.night."), "windows.night.to", fail), "windows.night.to");
            } else {
                String s = JsonInput.text(night, "windows.night", fail).strip();
                if (!s.isEmpty()) {
                    int dash = s.indexOf('-');
                    if (dash < 0) {
                        throw new PolicyException("windows.night", "\"from-to\" such as \"22:00-07:00\" is expected, got \""
                                + JsonInput.clip(s) + "\"");
                    }
                    from = time(s.substring(0, dash).strip(), "windows.night");
                    to = time(s.substring(dash + 1).strip(), "windows.night");
                }
            }
        }
        boolean weekends = present(n, "weekends") && JsonInput.bool(n.get("weekends"), "windows.weekends", fail);
        Set<LocalDate> holidays = new TreeSet<>();
        if (present(n, "holidays")) {
            JsonNode h = n.get("holidays");
            if (h.isArray()) {
                if (h.size() > ProtectedWindows.MAX_HOLIDAYS) {
                    throw new PolicyException("windows.holidays", h.size() + " dates; at most " + ProtectedWindows.MAX_HOLIDAYS);
                }
                for (int i = 0; i < h.size(); i++) {
                    holidays.add(date(JsonInput.text(h.get(i), "windows.holidays[" + i + "]", fail), "windows.holidays[" + i + "]"));
                }
            } else {
                String[] parts = JsonInput.text(h, "windows.holidays", fail).strip().split("[,\\s]+");
                if (parts.length > ProtectedWindows.MAX_HOLIDAYS) {
                    throw new PolicyException("windows.holidays", parts.length + " dates; at most " + ProtectedWindows.MAX_HOLIDAYS);
                }
                for (String p : parts) {
                    if (!p.isEmpty()) {
                        holidays.add(date(p, "windows.holidays"));
                    }
                }
            }
        }
        return new ProtectedWindows(zone, from, to, weekends, holidays);
    }

    private static LocalTime time(String s, String field) {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new PolicyException(field, "a local time HH:mm is expected, got \"" + JsonInput.clip(s) + "\"", e);
        }
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new PolicyException(field, "a date yyyy-MM-dd is expected, got \"" + JsonInput.clip(s) + "\"", e);
        }
    }

    private static boolean present(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && !v.isNull();
    }

    private static JsonNode required(JsonNode n, String field, String prefix) {
        if (!present(n, field)) {
            throw new PolicyException(prefix + field, "missing");
        }
        return n.get(field);
    }

    private static void unknown(JsonNode n, Set<String> known, String prefix) {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!known.contains(f)) {
                throw new PolicyException(prefix + f, "unknown field");
            }
        }
    }
}
