package org.openami.meter.event;

/**
 * The events a meter records, each kept in its own ring of {@value #CAPACITY} records.
 * {@link #countDi()} is the DL/T 645-2007 identifier of the event's total count; record
 * {@code n} back (1 = latest) is {@code countDi() + n}. Identifiers marked "ours" have no
 * counterpart in the 2007 base standard and are this project's assignment (see
 * docs/meter-firmware.md).
 */
public enum EventType {
    /** 掉电: start = power lost, end = power back. */
    POWER_DOWN(0x03110000),
    /** 开表盖: terminal cover opened (start) and closed (end). */
    COVER_OPEN(0x03300D00),
    /** 电表清零 (1AH): value1 = forward active total before the clear, mWh. */
    METER_CLEAR(0x03300100),
    /** 需量清零 (19H): value1 = forward max demand before the reset, mW. */
    DEMAND_RESET(0x03300200),
    /** 事件清零 (1BH): value1 = the DI that was cleared (FFFFFFFF = all). */
    EVENT_CLEAR(0x03300300),
    /** 校时: clock set by 14H or broadcast 08H; value1 = old time, value2 = new time (epoch s). */
    CLOCK_CHANGE(0x03300400),
    /** 跳闸 (ours in this range): relay opened; value1 = forward active total, value2 = 1 if the contact followed. */
    RELAY_TRIP(0x1D000000),
    /** 合闸 (ours in this range): relay closed; value1 = forward active total, value2 = 1 if the contact followed. */
    RELAY_CLOSE(0x1E000000),
    /** Wrong password or unauthorised command (ours): value1 = control code, value2 = reason code. */
    AUTH_FAILURE(0x03301200),
    /** Parameter written by 14H (编程): value1 = the DI written. */
    PROGRAMMING(0x03300000);

    /** Records kept per type. */
    public static final int CAPACITY = 100;

    private final int countDi;

    EventType(int countDi) {
        this.countDi = countDi;
    }

    public int countDi() {
        return countDi;
    }
}
