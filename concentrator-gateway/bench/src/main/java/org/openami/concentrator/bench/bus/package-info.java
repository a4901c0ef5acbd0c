/**
 * The bus benchmark's parts: simulated meter buses ({@link org.openami.concentrator.bench.bus.MeterBus}),
 * the master stack under test on each ({@link org.openami.concentrator.bench.bus.BusRig}), the load
 * that keeps it busy ({@link org.openami.concentrator.bench.bus.BusLoad}) and the wire-time limit it is
 * compared with ({@link org.openami.concentrator.bench.bus.WireBudget}).
 */
package org.openami.concentrator.bench.bus;
