/**
 * Modbus RTU master for commercial and industrial meters. {@link
 * org.openami.concentrator.modbus.ModbusRtuMaster} builds requests with j2mod's message
 * classes and sends them through a {@link org.openami.concentrator.channel.Channel}, so a bus
 * shared with DL/T 645 meters keeps one queue; its reply assembler knows each reply's length
 * from the request and needs no silence to end a frame. {@link
 * org.openami.concentrator.modbus.RegisterMap} describes a meter model as a data file
 * (quantity, register, data type, word order, scale to the quantity's integer unit); {@link
 * org.openami.concentrator.modbus.ModbusMeterReader} reads a map in as few requests as the
 * registers allow and returns integers per quantity, with a flagged failure for each value it
 * could not get.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.modbus;
