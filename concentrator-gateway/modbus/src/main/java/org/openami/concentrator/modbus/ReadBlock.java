package org.openami.concentrator.modbus;

import java.util.List;
import java.util.Objects;

/**
 * One read request a {@link RegisterMap} needs: contiguous registers of one function, holding
 * whole entries. Immutable.
 *
 * @param function input or holding
 * @param start    first register
 * @param count    registers, 1..125
 * @param entries  the entries inside, by address
 */
public record ReadBlock(RegisterFunction function, int start, int count, List<RegisterEntry> entries) {

    public ReadBlock {
        Objects.requireNonNull(function, "function");
        entries = List.copyOf(entries);
        if (count < 1 || count > ModbusRtuMaster.MAX_REGISTERS) {
            throw new IllegalArgumentException("count " + count + " is outside 1.." + ModbusRtuMaster.MAX_REGISTERS);
        }
    }

    @Override
    public String toString() {
        return String.format("%s 0x%04X+%d", function.fileName(), start, count);
    }
}
