package org.openami.meter.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;
import org.openami.meter.demand.MaxDemand;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.register.EnergyRegisters;
import org.openami.meter.register.Tariff;
import org.openami.meter.tariff.DailyPeriod;
import org.openami.meter.tariff.DayTable;

/**
 * What a 11H read returns for each data identifier: the values in DL/T 645-2007 formats
 * (see docs/meter-firmware.md for the table). {@link #read} returns empty for an
 * identifier this meter does not have, which the slave answers with error bit 1.
 * Thread-safe (reads views of the engine).
 */
final class DataTable {

    /** Load-profile records one reply carries (21 bytes each; 8 fit in 200 bytes with the DI). */
    static final int PROFILE_RECORDS_PER_REPLY = 8;
    static final int PROFILE_RECORD_BYTES = 5 + 2 + 3 + 3 + 4 + 4;
    static final int PROFILE_DI = 0x06000001;

    private final MeterEngine engine;
    private final StatusWords status;
    private final int phases;

    DataTable(MeterEngine engine, StatusWords status, int phases) {
        this.engine = engine;
        this.status = status;
        this.phases = phases;
    }

    /**
     * @param di    the identifier read
     * @param extra request bytes after the DI (load-profile reads carry a count and a time)
     */
    Optional<byte[]> read(DataIdentifier di, byte[] extra) {
        int v = di.value();
        return switch (di.di(3)) {
            case 0x00 -> energy(di.di(2), di.di(1), di.di(0));
            case 0x01 -> demand(di.di(2), di.di(1), di.di(0));
            case 0x02 -> variable(v);
            case 0x03, 0x1D, 0x1E -> event(v);
            case 0x04 -> parameter(v);
            case 0x05 -> freeze(di.di(2), di.di(1), di.di(0));
            case 0x06 -> v == PROFILE_DI ? profile(extra) : Optional.empty();
            default -> Optional.empty();
        };
    }

    // ---- 00: energy ----------------------------------------------------------------------

    private Optional<byte[]> energy(int kind, int tariff, int back) {
        if (kind > 4 || back > 12 || (tariff > Tariff.COUNT && tariff != 0xFF)) {
            return Optional.empty();
        }
        EnergyRegisters r;
        if (back == 0) {
            r = engine.registers();
        } else {
            List<FreezeRecord> months = engine.freezes(FreezeKind.MONTHLY);
            if (months.size() < back) {
                return Optional.empty();
            }
            r = months.get(back - 1).registers();
        }
        if (tariff == 0xFF) {
            byte[] out = new byte[4 * (Tariff.COUNT + 1)];
            for (int i = 0; i <= Tariff.COUNT; i++) {
                energyValue(r, kind, i, out, 4 * i);
            }
            return Optional.of(out);
        }
        byte[] out = new byte[4];
        energyValue(r, kind, tariff, out, 0);
        return Optional.of(out);
    }

    private void energyValue(EnergyRegisters r, int kind, int index, byte[] out, int off) {
        switch (kind) {
            case 0 -> Formats.combinedEnergy(engine.combinedActive(r, index), out, off);
            case 1 -> Formats.energy(r.get(EnergyKind.FORWARD_ACTIVE, index), out, off);
            case 2 -> Formats.energy(r.get(EnergyKind.REVERSE_ACTIVE, index), out, off);
            case 3 -> Formats.energy(r.get(EnergyKind.IMPORT_REACTIVE, index), out, off);
            default -> Formats.energy(r.get(EnergyKind.EXPORT_REACTIVE, index), out, off);
        }
    }

    // ---- 01: maximum demand ------------------------------------------------------------

    private Optional<byte[]> demand(int kind, int tariff, int back) {
        if ((kind != 1 && kind != 2) || tariff != 0 || back > 12) {
            return Optional.empty();
        }
        MaxDemand d;
        if (back == 0) {
            d = kind == 1 ? engine.forwardMaxDemand() : engine.reverseMaxDemand();
        } else {
            List<FreezeRecord> months = engine.freezes(FreezeKind.MONTHLY);
            if (months.size() < back) {
                return Optional.empty();
            }
            FreezeRecord f = months.get(back - 1);
            d = kind == 1 ? f.forwardMax() : f.reverseMax();
        }
        return Optional.of(demandValue(d));
    }

    private byte[] demandValue(MaxDemand d) {
        byte[] out = new byte[8];
        Formats.power(d.milliwatts(), out, 0);
        Formats.minute(d.at(), engine.zone(), out, 3);
        return out;
    }

    // ---- 02: instantaneous variables ---------------------------------------------------

    private Optional<byte[]> variable(int v) {
        Optional<FrontEndReading> reading = engine.lastReading();
        if (v == 0x02800002) {
            return reading.map(r -> fixed(2, b -> Formats.frequency(r.frequencyMilliHz(), b, 0)));
        }
        if (v == 0x02800004) {
            return Optional.of(fixed(3, b -> Formats.power(engine.currentForwardDemand(), b, 0)));
        }
        int group = (v >>> 16) & 0xFF;
        int phase = (v >>> 8) & 0xFF;
        if ((v & 0xFF) != 0 || reading.isEmpty()) {
            return Optional.empty();
        }
        FrontEndReading r = reading.get();
        return switch (group) {
            case 0x01 -> perPhase(r, phase, 2, false, (p, b, o) -> Formats.voltage(p.voltageMv(), b, o));
            case 0x02 -> perPhase(r, phase, 3, false, (p, b, o) -> Formats.current(p.currentMa(), b, o));
            case 0x03 -> perPhase(r, phase, 3, true, (p, b, o) -> Formats.power(p.activePowerMw(), b, o));
            case 0x04 -> perPhase(r, phase, 3, true, (p, b, o) -> Formats.power(p.reactivePowerMvar(), b, o));
            case 0x05 -> perPhase(r, phase, 3, true, (p, b, o) -> Formats.power(p.apparentPowerMva(), b, o));
            case 0x06 -> perPhase(r, phase, 2, true, (p, b, o) -> Formats.powerFactor(p.powerFactorMilli(), b, o));
            default -> Optional.empty();
        };
    }

    private interface PhaseWriter {
        void write(PhaseReading p, byte[] out, int off);
    }

    /** Phase 1..3, 0 = total (only where {@code withTotal}), FF = block. */
    private Optional<byte[]> perPhase(FrontEndReading r, int phase, int size, boolean withTotal, PhaseWriter w) {
        if (phase == 0xFF) {
            int first = withTotal ? 0 : 1;
            byte[] out = new byte[size * (4 - first)];
            for (int p = first; p <= 3; p++) {
                if (p == 0 || p <= phases) {
                    w.write(p == 0 ? total(r) : r.phases().get(p - 1), out, size * (p - first));
                }
            }
            return Optional.of(out);
        }
        if (phase == 0 && withTotal) {
            return Optional.of(fixed(size, b -> w.write(total(r), b, 0)));
        }
        if (phase >= 1 && phase <= phases) {
            return Optional.of(fixed(size, b -> w.write(r.phases().get(phase - 1), b, 0)));
        }
        return Optional.empty();
    }

    private static PhaseReading total(FrontEndReading r) {
        if (r.phases().size() == 1) {
            return r.phases().get(0);
        }
        long p = 0;
        long q = 0;
        long s = 0;
        for (PhaseReading ph : r.phases()) {
            p += ph.activePowerMw();
            q += ph.reactivePowerMvar();
            s += ph.apparentPowerMva();
        }
        return new PhaseReading(0, 0, p, q, s, PhaseReading.powerFactorOf(p, s));
    }

    // ---- 03, 1D, 1E: events --------------------------------------------------------------

    private Optional<byte[]> event(int v) {
        for (EventType t : EventType.values()) {
            int n = v - t.countDi();
            if (n < 0 || n > EventType.CAPACITY) {
                continue;
            }
            if (n == 0) {
                return Optional.of(fixed(3, b -> Formats.count(engine.eventCount(t), b, 0, 3)));
            }
            List<MeterEvent> events = engine.events(t);
            if (events.size() < n) {
                return Optional.of(new byte[EventRecords.size(t)]); // a record not yet written reads as zeros
            }
            return Optional.of(EventRecords.encode(events.get(n - 1), engine.zone()));
        }
        return Optional.empty();
    }

    // ---- 04: parameters ------------------------------------------------------------------

    private Optional<byte[]> parameter(int v) {
        var params = engine.parameters();
        return switch (v) {
            case 0x04000101 -> Optional.of(ClockFormat.encodeDate(engine.localNow().toLocalDate()));
            case 0x04000102 -> Optional.of(ClockFormat.encodeTime(engine.localNow().toLocalTime()));
            case 0x04000107 -> Optional.of(params.tou().switchOver().map(ClockFormat::encodeMinute).orElse(new byte[5]));
            case 0x04000401 -> Optional.of(params.address().toWire());
            case 0x04000402 -> Optional.of(fixed(6, b -> Bcd.encodeUnsigned(params.meterNumber(), b, 0, 6)));
            case 0x04000601 -> Optional.of(new byte[] {(byte) params.combinedWord()});
            case 0x04000B01 -> Optional.of(new byte[] {Bcd.fromInt(params.settlementHour()), Bcd.fromInt(params.settlementDay())});
            case 0x040005FF -> Optional.of(status.block());
            case 0x04010001 -> Optional.of(dayTable(params.tou().first()));
            case 0x04020001 -> Optional.of(dayTable(params.tou().second()));
            default -> (v & 0xFFFFFF00) == 0x04000500 && (v & 0xFF) >= 1 && (v & 0xFF) <= StatusWords.COUNT
                    ? Optional.of(status.word(v & 0xFF)) : Optional.empty();
        };
    }

    /** hhmmNN per period as written, sent NN mm hh. */
    static byte[] dayTable(DayTable t) {
        byte[] out = new byte[3 * t.periods().size()];
        int i = 0;
        for (DailyPeriod p : t.periods()) {
            out[i++] = Bcd.fromInt(p.tariff().number());
            out[i++] = Bcd.fromInt(p.start().getMinute());
            out[i++] = Bcd.fromInt(p.start().getHour());
        }
        return out;
    }

    // ---- 05: freezes ---------------------------------------------------------------------

    private Optional<byte[]> freeze(int kind, int item, int back) {
        FreezeKind k = switch (kind) {
            case 0x06 -> FreezeKind.DAILY;
            case 0x01 -> FreezeKind.INSTANT;
            default -> null;
        };
        if (k == null || back < 1 || back > k.capacity()) {
            return Optional.empty();
        }
        List<FreezeRecord> records = engine.freezes(k);
        if (records.size() < back) {
            return Optional.empty();
        }
        FreezeRecord f = records.get(back - 1);
        EnergyRegisters r = f.registers();
        return switch (item) {
            case 0x00 -> Optional.of(fixed(5, b -> Formats.minute(f.at(), engine.zone(), b, 0)));
            case 0x01 -> Optional.of(block(r, EnergyKind.FORWARD_ACTIVE));
            case 0x02 -> Optional.of(block(r, EnergyKind.REVERSE_ACTIVE));
            case 0x03 -> Optional.of(block(r, EnergyKind.IMPORT_REACTIVE));
            case 0x04 -> Optional.of(block(r, EnergyKind.EXPORT_REACTIVE));
            case 0x09 -> Optional.of(demandValue(f.forwardMax()));
            case 0x0A -> Optional.of(demandValue(f.reverseMax()));
            default -> Optional.empty();
        };
    }

    private static byte[] block(EnergyRegisters r, EnergyKind k) {
        byte[] out = new byte[4 * (Tariff.COUNT + 1)];
        for (int i = 0; i <= Tariff.COUNT; i++) {
            Formats.energy(r.get(k, i), out, 4 * i);
        }
        return out;
    }

    // ---- 06: load profile ----------------------------------------------------------------

    /**
     * {@code 06000001} with request data NN (count, BCD) + YYMMDDhhmm (start): up to NN
     * (at most {@value #PROFILE_RECORDS_PER_REPLY}) points from the first one at or after
     * the start. Reply: NN actually returned, then per point YYMMDDhhmm, voltage A (XXX.X V),
     * current A (XXX.XXX A), total active power (XX.XXXX kW), forward and reverse active
     * energy (XXXXXX.XX kWh).
     */
    private Optional<byte[]> profile(byte[] extra) {
        if (extra.length != 1 + ClockFormat.MINUTE_SIZE) {
            return Optional.empty();
        }
        int wanted;
        Instant from;
        try {
            wanted = Bcd.toInt(extra[0], 0);
            from = ClockFormat.decodeMinute(extra, 1).atZone(engine.zone()).toInstant();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        wanted = Math.min(wanted, PROFILE_RECORDS_PER_REPLY);
        ZoneId zone = engine.zone();
        var points = engine.profile().stream().filter(p -> !p.at().isBefore(from)).limit(wanted).toList();
        byte[] out = new byte[1 + points.size() * PROFILE_RECORD_BYTES];
        out[0] = Bcd.fromInt(points.size());
        int off = 1;
        for (var p : points) {
            Formats.minute(p.at(), zone, out, off);
            Formats.voltage(p.voltageMv(), out, off + 5);
            Formats.current(p.currentMa(), out, off + 7);
            Formats.power(p.activePowerMw(), out, off + 10);
            Formats.energy(p.forwardActiveMwh(), out, off + 13);
            Formats.energy(p.reverseActiveMwh(), out, off + 17);
            off += PROFILE_RECORD_BYTES;
        }
        return Optional.of(out);
    }

    private interface Filler {
        void fill(byte[] b);
    }

    private static byte[] fixed(int size, Filler f) {
        byte[] b = new byte[size];
        f.fill(b);
        return b;
    }
}
