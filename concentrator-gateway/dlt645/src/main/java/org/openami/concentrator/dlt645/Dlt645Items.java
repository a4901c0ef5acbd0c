package org.openami.concentrator.dlt645;

import java.util.EnumMap;
import java.util.Map;
import org.openami.concentrator.model.Quantity;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.data.NumericFormat;

/**
 * Which DL/T 645-2007 data identifier holds each {@link Quantity}, in which format, and the
 * factor from the format's unit to the quantity's integer unit (0.01 kWh x 10 = Wh,
 * 0.1 V x 100 = mV, 0.0001 kW x 100 = mW...). Exact integer arithmetic, no floating point.
 */
final class Dlt645Items {

    /** One quantity's place in a meter. */
    record Item(DataIdentifier di, NumericFormat format, long factor) {
        long decode(byte[] value, int off) {
            return Math.multiplyExact(format.decode(value, off), factor);
        }
    }

    private static final Map<Quantity, Item> ITEMS = new EnumMap<>(Quantity.class);

    static {
        put(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0x00010000, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_FORWARD_ACTIVE_T1, 0x00010100, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_FORWARD_ACTIVE_T2, 0x00010200, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_FORWARD_ACTIVE_T3, 0x00010300, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_FORWARD_ACTIVE_T4, 0x00010400, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_REVERSE_ACTIVE_TOTAL, 0x00020000, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_REACTIVE_IMPORT_TOTAL, 0x00030000, NumericFormat.ENERGY, 10);
        put(Quantity.ENERGY_REACTIVE_EXPORT_TOTAL, 0x00040000, NumericFormat.ENERGY, 10);
        put(Quantity.VOLTAGE_A, 0x02010100, NumericFormat.VOLTAGE, 100);
        put(Quantity.VOLTAGE_B, 0x02010200, NumericFormat.VOLTAGE, 100);
        put(Quantity.VOLTAGE_C, 0x02010300, NumericFormat.VOLTAGE, 100);
        put(Quantity.CURRENT_A, 0x02020100, NumericFormat.CURRENT, 1);
        put(Quantity.CURRENT_B, 0x02020200, NumericFormat.CURRENT, 1);
        put(Quantity.CURRENT_C, 0x02020300, NumericFormat.CURRENT, 1);
        put(Quantity.ACTIVE_POWER_TOTAL, 0x02030000, NumericFormat.ACTIVE_POWER, 100);
        put(Quantity.ACTIVE_POWER_A, 0x02030100, NumericFormat.ACTIVE_POWER, 100);
        put(Quantity.ACTIVE_POWER_B, 0x02030200, NumericFormat.ACTIVE_POWER, 100);
        put(Quantity.ACTIVE_POWER_C, 0x02030300, NumericFormat.ACTIVE_POWER, 100);
        put(Quantity.REACTIVE_POWER_TOTAL, 0x02040000, NumericFormat.ACTIVE_POWER, 100);
        put(Quantity.POWER_FACTOR_TOTAL, 0x02060000, NumericFormat.POWER_FACTOR, 1);
        put(Quantity.FREQUENCY, 0x02800002, NumericFormat.FREQUENCY, 10);
        put(Quantity.MAX_DEMAND_FORWARD_ACTIVE, 0x01010000, NumericFormat.ACTIVE_POWER, 100);
    }

    private Dlt645Items() {
    }

    private static void put(Quantity q, int di, NumericFormat format, long factor) {
        ITEMS.put(q, new Item(DataIdentifier.of(di), format, factor));
    }

    /** Where {@code q} is; every Quantity has an item. */
    static Item of(Quantity q) {
        Item item = ITEMS.get(q);
        if (item == null) {
            throw new IllegalArgumentException(q + " has no DL/T 645 data identifier");
        }
        return item;
    }
}
