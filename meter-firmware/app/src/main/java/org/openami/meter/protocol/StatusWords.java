package org.openami.meter.protocol;

import java.util.function.BooleanSupplier;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.relay.RelayCommandState;

/**
 * The meter's running status words ({@code 04000501..07}), two bytes each, sent low byte
 * first. Status word 3 reports the relay's <em>real</em> state from the feedback contact
 * (bit 4), the commanded state (bit 6), the pre-trip alarm (bit 7) and keep-power (bit 12,
 * this project's assignment). See docs/meter-firmware.md for every bit.
 */
final class StatusWords {

    static final int COUNT = 7;

    private final MeterEngine engine;
    /** True when the relay's contacts are open, read from the feedback contact. */
    private final BooleanSupplier contactOpen;

    StatusWords(MeterEngine engine, BooleanSupplier contactOpen) {
        this.engine = engine;
        this.contactOpen = contactOpen;
    }

    byte[] word(int n) {
        int w = switch (n) {
            case 1 -> word1();
            case 2 -> word2();
            case 3 -> word3();
            default -> 0;
        };
        return new byte[] {(byte) w, (byte) (w >>> 8)};
    }

    byte[] block() {
        byte[] out = new byte[2 * COUNT];
        for (int i = 1; i <= COUNT; i++) {
            System.arraycopy(word(i), 0, out, 2 * (i - 1), 2);
        }
        return out;
    }

    /** bit4 active power reverse, bit5 reactive power reverse. */
    private int word1() {
        FrontEndReading r = engine.lastReading().orElse(null);
        if (r == null) {
            return 0;
        }
        return (r.totalActivePowerMw() < 0 ? 1 << 4 : 0) | (r.totalReactivePowerMvar() < 0 ? 1 << 5 : 0);
    }

    /** bits 0..2 active power reverse on phase A..C, bits 4..6 reactive. */
    private int word2() {
        FrontEndReading r = engine.lastReading().orElse(null);
        if (r == null) {
            return 0;
        }
        int w = 0;
        for (int i = 0; i < r.phases().size() && i < 3; i++) {
            PhaseReading p = r.phases().get(i);
            w |= (p.activePowerMw() < 0 ? 1 << i : 0) | (p.reactivePowerMvar() < 0 ? 1 << (i + 4) : 0);
        }
        return w;
    }

    /**
     * bit0 TOU set in force (1 = second), bit4 relay contact open (feedback), bit6 relay
     * commanded open, bit7 pre-trip alarm, bits 8-9 meter type (00: no local prepayment;
     * the concentrator does it), bit12 keep-power in force.
     */
    private int word3() {
        RelayCommandState s = engine.relayState();
        return (engine.parameters().tou().secondActive() ? 1 : 0)
                | (contactOpen.getAsBoolean() ? 1 << 4 : 0)
                | (s.tripped() ? 1 << 6 : 0)
                | (s.alarm() ? 1 << 7 : 0)
                | (s.keepPower() ? 1 << 12 : 0);
    }
}
