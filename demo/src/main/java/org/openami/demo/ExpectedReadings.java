package org.openami.demo;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.modbus.RegisterEntry;
import org.openami.concentrator.modbus.RegisterMap;

/**
 * The readings the meters produced for the concentrator's schedule: for each due task
 * ({@link CollectionPlan}) that the meter holds, one reading per quantity the concentrator reads
 * for that task. The quantities are the concentrator's collection definition:
 * <ul>
 *   <li>DL/T 645 curve point (the meter's load profile, {@code 06000001}): phase-A voltage and
 *       current, total active power, forward and reverse active energy (5);</li>
 *   <li>DL/T 645 daily and monthly freeze: forward active energy total and T1..T4, reverse active
 *       total (6);</li>
 *   <li>Modbus curve point and daily freeze: every quantity of the meter's register map (17 for
 *       the SDM630); Modbus meters have no monthly freeze.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class ExpectedReadings {

    static final List<Quantity> DLT645_CURVE = List.of(Quantity.VOLTAGE_A, Quantity.CURRENT_A,
            Quantity.ACTIVE_POWER_TOTAL, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL);
    static final List<Quantity> DLT645_FREEZE = List.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
            Quantity.ENERGY_FORWARD_ACTIVE_T1, Quantity.ENERGY_FORWARD_ACTIVE_T2, Quantity.ENERGY_FORWARD_ACTIVE_T3,
            Quantity.ENERGY_FORWARD_ACTIVE_T4, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL);

    /**
     * The expected readings of one meter, and how many due readings its memory did not hold.
     *
     * @param keys     one key per expected reading
     * @param notHeld  per kind, readings the schedule asked for that the meter did not have (none
     *                 when it ran all along)
     */
    public record ForMeter(Set<Reading.Key> keys, Map<ReadingKind, Long> notHeld) {

        /** Due readings of {@code kind} the meter did not have. */
        public long notHeld(ReadingKind kind) {
            return notHeld.getOrDefault(kind, 0L);
        }
    }

    private final List<CollectionPlan.Due> due;
    private final List<Quantity> modbusQuantities;

    /**
     * @param due       the due tasks ({@link CollectionPlan#dueBy})
     * @param modbusMap the register map of the Modbus meters
     */
    public ExpectedReadings(List<CollectionPlan.Due> due, RegisterMap modbusMap) {
        this.due = List.copyOf(due);
        Set<Quantity> q = new LinkedHashSet<>();
        for (RegisterEntry e : modbusMap.entries()) {
            q.add(e.quantity());
        }
        this.modbusQuantities = List.copyOf(q);
    }

    /** The due tasks this counts. */
    public List<CollectionPlan.Due> due() {
        return due;
    }

    /** What {@code meter}, holding {@code holdings}, produced for the schedule. */
    public ForMeter of(FieldMeter meter, MeterHoldings holdings) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(holdings, "holdings");
        Set<Reading.Key> keys = new HashSet<>();
        Map<ReadingKind, Long> notHeld = new EnumMap<>(ReadingKind.class);
        for (CollectionPlan.Due d : due) {
            List<Quantity> quantities = quantities(meter.protocol(), d.kind());
            if (quantities.isEmpty()) {
                continue;
            }
            boolean held = switch (d.kind()) {
                case CURVE -> holdings.holdsProfile(d.meterAt());
                case DAILY_FREEZE -> holdings.holdsDaily(d.meterAt());
                case MONTHLY_FREEZE -> holdings.holdsMonthly(d.meterAt());
                case REALTIME -> false;
            };
            if (!held) {
                notHeld.merge(d.kind(), (long) quantities.size(), Long::sum);
                continue;
            }
            for (Quantity q : quantities) {
                keys.add(new Reading.Key(meter.point(), d.kind(), q, d.dataTime().toEpochMilli()));
            }
        }
        return new ForMeter(keys, notHeld);
    }

    /** The quantities the concentrator reads from a meter of {@code protocol} for a task of {@code kind}. */
    public List<Quantity> quantities(FieldMeter.Protocol protocol, ReadingKind kind) {
        return switch (protocol) {
            case DLT645 -> switch (kind) {
                case CURVE -> DLT645_CURVE;
                case DAILY_FREEZE, MONTHLY_FREEZE -> DLT645_FREEZE;
                case REALTIME -> List.of();
            };
            case MODBUS -> switch (kind) {
                case CURVE, DAILY_FREEZE -> modbusQuantities;
                case MONTHLY_FREEZE, REALTIME -> List.of();
            };
        };
    }
}
