package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.io.IOException;
import org.openami.sim.serial.VirtualSerialLine;

/**
 * A Modbus RTU bus with simulated meters on it, behind a real pseudo-terminal: the code under
 * test opens {@link #path()} ({@code /dev/pts/N}) with jSerialComm exactly as it opens an
 * RS-485 adapter. Owns its {@link VirtualSerialLine} (one reader thread) and {@link
 * ModbusRtuSlave}. Thread-safe; {@link #close()} ends the thread and the pty.
 *
 * <pre>{@code
 * try (SimulatedModbusLine bus = SimulatedModbusLine.open(9600, LineTiming.BITS_8N1)) {
 *     bus.addUnit(1, new Sdm630ProcessImage(meter, 1)).maxRegistersPerRead(80);
 *     // open bus.path() at 9600 8N1 and poll unit 1
 * }
 * }</pre>
 */
public final class SimulatedModbusLine implements AutoCloseable {

    private final ModbusRtuSlave slave;
    private final VirtualSerialLine line;

    private SimulatedModbusLine(ModbusRtuSlave slave, VirtualSerialLine line) {
        this.slave = slave;
        this.line = line;
    }

    /**
     * Makes the pty and starts serving.
     *
     * @param baud        line speed replies are paced at (and the silence rule uses)
     * @param bitsPerByte e.g. {@link org.openami.sim.serial.LineTiming#BITS_8N1}
     * @throws IOException if the pseudo-terminal cannot be made
     */
    public static SimulatedModbusLine open(int baud, int bitsPerByte) throws IOException {
        ModbusRtuSlave slave = new ModbusRtuSlave(baud, bitsPerByte);
        return new SimulatedModbusLine(slave, VirtualSerialLine.open(slave, baud, bitsPerByte));
    }

    /** Puts a unit on the line; see {@link ModbusRtuSlave#addUnit}. */
    public SlaveUnit addUnit(int unitId, ProcessImage image) {
        return slave.addUnit(unitId, image);
    }

    /** The unit with {@code unitId}; see {@link ModbusRtuSlave#unit}. */
    public SlaveUnit unit(int unitId) {
        return slave.unit(unitId);
    }

    /** The path a client opens, e.g. {@code /dev/pts/3}. */
    public String path() {
        return line.path();
    }

    /** The slave side, for its statistics. */
    public ModbusRtuSlave slave() {
        return slave;
    }

    /** The line, for line-level faults (dropped replies, flipped bytes, noise). */
    public VirtualSerialLine line() {
        return line;
    }

    @Override
    public void close() {
        line.close();
    }
}
