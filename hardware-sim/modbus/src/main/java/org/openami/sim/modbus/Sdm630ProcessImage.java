package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * j2mod's view of one {@link Sdm630Meter}: input registers laid out as {@link
 * Sdm630Registers} says, computed from one {@link Sdm630Meter#snapshot()} per request, and
 * a few read-only holding registers (function 03) with the meter's set-up as Eastron lays it
 * out: demand period (0x0002), system type (0x000A), parity and stop bits (0x0012), node
 * address (0x0014), baud rate code (0x001C), floats too.
 *
 * <p>A range that touches a register no parameter covers fails with j2mod's {@link
 * IllegalAddressException}, which j2mod's request classes turn into exception 02. Coils,
 * discrete inputs, files and FIFOs do not exist. Thread-safe (the meter is).
 */
public final class Sdm630ProcessImage implements ProcessImage {

    /** Eastron's parity and stop bit codes for holding register 0x0012. */
    public enum ParityStop {
        /** One stop bit, no parity (code 0). */
        NONE_ONE_STOP,
        /** One stop bit, even parity (code 1). */
        EVEN_ONE_STOP,
        /** One stop bit, odd parity (code 2). */
        ODD_ONE_STOP,
        /** Two stop bits, no parity (code 3). */
        NONE_TWO_STOP
    }

    private final Sdm630Meter meter;
    private final NavigableMap<Integer, Sdm630Registers.Parameter> holding = new TreeMap<>();

    /** Meter {@code unitId} at 9600 baud, no parity, one stop bit. */
    public Sdm630ProcessImage(Sdm630Meter meter, int unitId) {
        this(meter, unitId, 9600, ParityStop.NONE_ONE_STOP);
    }

    /**
     * @param unitId the address the meter reports in holding register 0x0014 (1..247)
     * @param baud   the baud rate it reports in 0x001C: 2400, 4800, 9600, 19200 or 38400
     * @throws IllegalArgumentException for another unit id or baud rate
     */
    public Sdm630ProcessImage(Sdm630Meter meter, int unitId, int baud, ParityStop parityStop) {
        this.meter = Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(parityStop, "parityStop");
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("unit id " + unitId + " is outside 1..247");
        }
        int baudCode = switch (baud) {
            case 2400 -> 0;
            case 4800 -> 1;
            case 9600 -> 2;
            case 19200 -> 3;
            case 38400 -> 4;
            default -> throw new IllegalArgumentException("the SDM630 has no baud rate " + baud);
        };
        hold(0x0002, "Demand period", "min", 60);
        hold(0x000A, "System type", "", 3);
        hold(0x0012, "Network parity stop", "", parityStop.ordinal());
        hold(0x0014, "Network node", "", unitId);
        hold(0x001C, "Network baud rate", "", baudCode);
    }

    private void hold(int address, String name, String unit, double value) {
        holding.put(address, new Sdm630Registers.Parameter(address, name, unit, s -> value));
    }

    /** The meter behind the registers. */
    public Sdm630Meter meter() {
        return meter;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        int[] words = words(Sdm630Registers.inputTable(), offset, count, "input");
        InputRegister[] out = new InputRegister[count];
        for (int i = 0; i < count; i++) {
            out[i] = new SimpleInputRegister(words[i]);
        }
        return out;
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return Sdm630Registers.inputTable().lastKey() + 2;
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        int[] words = words(holding, offset, count, "holding");
        Register[] out = new Register[count];
        for (int i = 0; i < count; i++) {
            out[i] = new SimpleRegister(words[i]);
        }
        return out;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return holding.lastKey() + 2;
    }

    private int[] words(NavigableMap<Integer, Sdm630Registers.Parameter> table, int offset, int count, String kind) {
        if (count < 1 || offset < 0 || offset + count > 0x10000) {
            throw new IllegalAddressException(kind + " registers " + offset + "+" + count + " are out of range");
        }
        Sdm630Registers.Parameter[] covering = new Sdm630Registers.Parameter[count];
        for (int i = 0; i < count; i++) {
            int reg = offset + i;
            covering[i] = Sdm630Registers.covering(table, reg).orElseThrow(() -> new IllegalAddressException(
                    String.format("%s register 0x%04X is not defined", kind, reg)));
        }
        MeterSnapshot snap = meter.snapshot();
        Map<Integer, Double> values = new TreeMap<>();
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            Sdm630Registers.Parameter p = covering[i];
            double v = values.computeIfAbsent(p.address(), a -> p.value().applyAsDouble(snap));
            words[i] = Sdm630Registers.floatWord(v, offset + i - p.address());
        }
        return words;
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        throw new IllegalAddressException("the SDM630 has no coils");
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        throw new IllegalAddressException("the SDM630 has no coils");
    }

    @Override
    public int getDigitalOutCount() {
        return 0;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        throw new IllegalAddressException("the SDM630 has no discrete inputs");
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        throw new IllegalAddressException("the SDM630 has no discrete inputs");
    }

    @Override
    public int getDigitalInCount() {
        return 0;
    }

    @Override
    public File getFile(int ref) {
        throw new IllegalAddressException("the SDM630 has no files");
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException("the SDM630 has no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) {
        throw new IllegalAddressException("the SDM630 has no FIFOs");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException("the SDM630 has no FIFOs");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
