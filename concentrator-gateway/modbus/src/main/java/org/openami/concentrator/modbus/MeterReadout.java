package org.openami.concentrator.modbus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * What one {@link ModbusMeterReader#read} got from one meter: an integer per quantity in the
 * quantity's unit ({@link Quantity#unit()}), and a {@link QuantityFailure} for each quantity
 * of the map that has no value. Every quantity of the map is in exactly one of the two.
 * Immutable.
 *
 * @param unit     the Modbus unit id
 * @param model    the register map's model name
 * @param values   values by quantity
 * @param failures failures, in map order
 * @param readAt   epoch ms when the last reply arrived (the reader's clock)
 */
public record MeterReadout(int unit, String model, Map<Quantity, Long> values, List<QuantityFailure> failures,
                           long readAt) {

    public MeterReadout {
        Objects.requireNonNull(model, "model");
        EnumMap<Quantity, Long> copy = new EnumMap<>(Quantity.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
        failures = List.copyOf(failures);
    }

    /** Whether every quantity was read. */
    public boolean complete() {
        return failures.isEmpty();
    }

    /** The value of {@code q}, if read. */
    public java.util.OptionalLong value(Quantity q) {
        Long v = values.get(q);
        return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /**
     * The values as model readings of measurement point {@code point}, meter = the unit id.
     *
     * @param dataTime epoch ms the values belong to ({@link #readAt()} for {@link ReadingKind#REALTIME})
     */
    public List<Reading> toReadings(int point, ReadingKind kind, long dataTime) {
        List<Reading> out = new ArrayList<>(values.size());
        values.forEach((q, v) -> out.add(new Reading(point, Integer.toString(unit), kind, q, dataTime, v, readAt)));
        return out;
    }
}
