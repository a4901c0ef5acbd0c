package org.openami.sim.modbus;

import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.util.Map;

/**
 * The hook j2mod's request classes use to find a unit's process image
 * ({@code ModbusRequest.createResponse(listener)} asks {@link #getProcessImage(int)}). It
 * listens to nothing itself: the {@link ModbusRtuSlave} feeds it requests from the pty.
 */
final class UnitImages extends AbstractModbusListener {

    private final Map<Integer, SlaveUnit> units;

    UnitImages(Map<Integer, SlaveUnit> units) {
        this.units = units;
    }

    @Override
    public ProcessImage getProcessImage(int unitId) {
        SlaveUnit unit = units.get(unitId);
        return unit == null ? null : unit.image();
    }

    @Override
    public void run() {
        // nothing to listen to: requests come from ModbusRtuSlave
    }

    @Override
    public void stop() {
        // nothing started
    }
}
