package org.openami.sim.modbus;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The Eastron SDM630 input-register layout (function 04): every parameter is an IEEE-754
 * single-precision float in two registers, high word first. Addresses are protocol addresses
 * (register 30001 is address 0x0000). Registers that the table does not list are not
 * defined; reading them is an illegal data address. Immutable and thread-safe.
 *
 * <p>Sources are listed in this module's README.
 */
public final class Sdm630Registers {

    /**
     * One published value.
     *
     * @param address first register (protocol address, 0-based)
     * @param name    the datasheet's name
     * @param unit    the unit of the float
     * @param value   how it is computed from a snapshot
     */
    public record Parameter(int address, String name, String unit, ToDoubleFunction<MeterSnapshot> value) {
        /** The register number as datasheets print it (30001 for address 0). */
        public int registerNumber() {
            return 30001 + address;
        }
    }

    private static final NavigableMap<Integer, Parameter> INPUT = new TreeMap<>();

    static {
        for (int p = 0; p < 3; p++) {
            int phase = p;
            String n = "Phase " + (p + 1);
            add(0x0000 + 2 * p, n + " line to neutral volts", "V", s -> s.phase(phase).voltageV());
            add(0x0006 + 2 * p, n + " current", "A", s -> s.phase(phase).currentA());
            add(0x000C + 2 * p, n + " power", "W", s -> s.phase(phase).activeW());
            add(0x0012 + 2 * p, n + " volt amps", "VA", s -> s.phase(phase).apparentVa());
            add(0x0018 + 2 * p, n + " volt amps reactive", "var", s -> s.phase(phase).reactiveVar());
            add(0x001E + 2 * p, n + " power factor", "", s -> s.phase(phase).powerFactor());
            add(0x0024 + 2 * p, n + " phase angle", "deg", s -> s.phase(phase).angleDeg());
            add(0x00C8 + 2 * p, "Line " + (p + 1) + " to line " + ((p + 1) % 3 + 1) + " volts", "V",
                    s -> s.lineToLineV(phase));
        }
        add(0x002A, "Average line to neutral volts", "V", MeterSnapshot::averageVoltageV);
        add(0x002E, "Average line current", "A", MeterSnapshot::averageCurrentA);
        add(0x0030, "Sum of line currents", "A", MeterSnapshot::sumOfCurrentsA);
        add(0x0034, "Total system power", "W", MeterSnapshot::totalActiveW);
        add(0x0038, "Total system volt amps", "VA", MeterSnapshot::totalApparentVa);
        add(0x003C, "Total system VAr", "var", MeterSnapshot::totalReactiveVar);
        add(0x003E, "Total system power factor", "", MeterSnapshot::totalPowerFactor);
        add(0x0042, "Total system phase angle", "deg", MeterSnapshot::totalAngleDeg);
        add(0x0046, "Frequency of supply voltages", "Hz", MeterSnapshot::frequencyHz);
        add(0x0048, "Total import kWh", "kWh", MeterSnapshot::importKwh);
        add(0x004A, "Total export kWh", "kWh", MeterSnapshot::exportKwh);
        add(0x004C, "Total import kvarh", "kvarh", MeterSnapshot::importKvarh);
        add(0x004E, "Total export kvarh", "kvarh", MeterSnapshot::exportKvarh);
        add(0x0050, "Total VAh", "kVAh", MeterSnapshot::apparentKvah);
        add(0x00E0, "Neutral current", "A", MeterSnapshot::neutralCurrentA);
        add(0x0156, "Total kWh", "kWh", MeterSnapshot::totalKwh);
        add(0x0158, "Total kvarh", "kvarh", MeterSnapshot::totalKvarh);
    }

    private Sdm630Registers() {
    }

    private static void add(int address, String name, String unit, ToDoubleFunction<MeterSnapshot> value) {
        INPUT.put(address, new Parameter(address, name, unit, value));
    }

    /** Every input parameter, by address. */
    public static List<Parameter> inputParameters() {
        return List.copyOf(INPUT.values());
    }

    /** The parameter starting at {@code address}, if any. */
    public static Optional<Parameter> input(int address) {
        return Optional.ofNullable(INPUT.get(address));
    }

    /** The parameter one of whose two registers is {@code register}, if any. */
    static Optional<Parameter> covering(NavigableMap<Integer, Parameter> table, int register) {
        var e = table.floorEntry(register);
        return e != null && register < e.getKey() + 2 ? Optional.of(e.getValue()) : Optional.empty();
    }

    static NavigableMap<Integer, Parameter> inputTable() {
        return Collections.unmodifiableNavigableMap(INPUT);
    }

    /** The high (index 0) or low (index 1) register of {@code value} as an IEEE-754 float. */
    static int floatWord(double value, int index) {
        int bits = Float.floatToIntBits((float) value);
        return index == 0 ? bits >>> 16 : bits & 0xFFFF;
    }
}
