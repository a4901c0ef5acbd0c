package org.openami.concentrator.model;

/**
 * A measured quantity and the integer unit every reading of it is stored and sent in.
 * Protocol masters convert at the edge (DL/T 645 XXXXXX.XX kWh becomes Wh; a Modbus float in
 * kWh is rounded to Wh), so nothing downstream sees a floating-point value.
 */
public enum Quantity {
    ENERGY_FORWARD_ACTIVE_TOTAL("Wh"),
    ENERGY_FORWARD_ACTIVE_T1("Wh"),
    ENERGY_FORWARD_ACTIVE_T2("Wh"),
    ENERGY_FORWARD_ACTIVE_T3("Wh"),
    ENERGY_FORWARD_ACTIVE_T4("Wh"),
    ENERGY_REVERSE_ACTIVE_TOTAL("Wh"),
    ENERGY_REACTIVE_IMPORT_TOTAL("varh"),
    ENERGY_REACTIVE_EXPORT_TOTAL("varh"),
    VOLTAGE_A("mV"),
    VOLTAGE_B("mV"),
    VOLTAGE_C("mV"),
    CURRENT_A("mA"),
    CURRENT_B("mA"),
    CURRENT_C("mA"),
    ACTIVE_POWER_TOTAL("mW"),
    ACTIVE_POWER_A("mW"),
    ACTIVE_POWER_B("mW"),
    ACTIVE_POWER_C("mW"),
    REACTIVE_POWER_TOTAL("mvar"),
    POWER_FACTOR_TOTAL("0.001"),
    FREQUENCY("mHz"),
    MAX_DEMAND_FORWARD_ACTIVE("mW");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    /** The integer unit of {@link Reading#value()}: Wh, varh, mV, mA, mW, mvar, mHz or 0.001 (power factor). */
    public String unit() {
        return unit;
    }

    /** Whether this is an energy register (monotonic between clears, read for curves and freezes). */
    public boolean isEnergy() {
        return unit.equals("Wh") || unit.equals("varh");
    }
}
