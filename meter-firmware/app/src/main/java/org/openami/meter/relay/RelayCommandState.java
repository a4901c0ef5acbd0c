package org.openami.meter.relay;

/**
 * What the meter's control commands (1CH) have set, persisted with the registers so a
 * restart restores it: the commanded contact position, keep-power (保电), the alarm, and
 * whether a close was allowed but is still waiting for the customer.
 *
 * @param tripped      the relay is commanded open
 * @param keepPower    keep-power in force: trips are refused
 * @param alarm        the pre-trip alarm is on
 */
public record RelayCommandState(boolean tripped, boolean keepPower, boolean alarm) {

    public static final RelayCommandState SUPPLY_ON = new RelayCommandState(false, false, false);

    int toBits() {
        return (tripped ? 1 : 0) | (keepPower ? 2 : 0) | (alarm ? 4 : 0);
    }

    static RelayCommandState fromBits(int b) {
        return new RelayCommandState((b & 1) != 0, (b & 2) != 0, (b & 4) != 0);
    }

    public RelayCommandState withTripped(boolean t) {
        return new RelayCommandState(t, keepPower, alarm);
    }

    public RelayCommandState withKeepPower(boolean k) {
        return new RelayCommandState(tripped, k, alarm);
    }

    public RelayCommandState withAlarm(boolean a) {
        return new RelayCommandState(tripped, keepPower, a);
    }

    /** One byte, for storage. */
    public byte encode() {
        return (byte) toBits();
    }

    public static RelayCommandState decode(byte b) {
        if ((b & ~7) != 0) {
            throw new IllegalArgumentException("stored relay state has unknown bits: " + b);
        }
        return fromBits(b);
    }
}
