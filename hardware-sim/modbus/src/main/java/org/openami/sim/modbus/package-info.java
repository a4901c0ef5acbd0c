/**
 * Simulated Modbus RTU meters for commercial and industrial sites. {@link
 * org.openami.sim.modbus.Sdm630Meter} is a three-phase meter driven by a load model and an
 * injected clock; {@link org.openami.sim.modbus.Sdm630ProcessImage} lays its values out as
 * the Eastron SDM630 does (IEEE-754 floats in input registers); {@link
 * org.openami.sim.modbus.ModbusRtuSlave} answers RTU requests for several unit ids on one
 * line with j2mod's request and response classes, behind a real pseudo-terminal ({@link
 * org.openami.sim.modbus.SimulatedModbusLine}), with fault injection per unit.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.modbus;
