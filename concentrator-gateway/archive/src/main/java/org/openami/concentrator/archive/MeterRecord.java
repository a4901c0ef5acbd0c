package org.openami.concentrator.archive;

import java.util.Objects;
import org.openami.concentrator.channel.LineSettings;

/**
 * One meter in the concentrator's archive (档案): where it hangs, how to talk to it, and
 * whose it is. Immutable; constructed only with values that passed validation (the compact
 * constructor re-checks the invariants and throws {@link IllegalArgumentException}).
 *
 * @param point       measurement point number (测量点号), 1..2040, unique in the archive
 * @param address     the meter's protocol address: 12 BCD digits for DL/T 645-2007,
 *                    the unit id 1..247 (decimal) for Modbus RTU; unique per channel
 * @param protocol    how the concentrator talks to it
 * @param channel     the id of the channel it is reached through ("rs485-1")
 * @param line        serial framing for this meter (meters on one bus may differ in baud)
 * @param ctRatio     current-transformer ratio, 1 for direct-connected meters
 * @param ptRatio     voltage-transformer ratio, 1 for direct-connected meters
 * @param area        transformer area (台区) code
 * @param account     customer account number, "" if none
 * @param tariff      tariff code the marketing system bills with, "" if none
 * @param keepPower   the customer must not be disconnected (保电): no trip commands
 * @param registerMap Modbus register map name ("sdm630"); "" for DL/T 645
 */
public record MeterRecord(int point, String address, MeterProtocol protocol, String channel,
                          LineSettings line, int ctRatio, int ptRatio, String area, String account,
                          String tariff, boolean keepPower, String registerMap) {

    /** Most measurement points a concentrator holds (Q/GDW 1376.1). */
    public static final int MAX_POINT = 2040;

    public MeterRecord {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(registerMap, "registerMap");
        if (point < 1 || point > MAX_POINT) {
            throw new IllegalArgumentException("point " + point + " is outside 1.." + MAX_POINT);
        }
        if (ctRatio < 1 || ptRatio < 1) {
            throw new IllegalArgumentException("CT/PT ratios must be at least 1");
        }
        if (!protocol.isValidAddress(address)) {
            throw new IllegalArgumentException("address '" + address + "' is not a " + protocol.label() + " address");
        }
    }
}
