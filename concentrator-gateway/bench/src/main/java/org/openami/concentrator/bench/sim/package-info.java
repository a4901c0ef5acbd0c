/**
 * Light simulated meters for benchmarks that need thousands of them: values as closed-form
 * functions of time ({@link org.openami.concentrator.bench.sim.MeterModel}), answered in DL/T 645-2007
 * formats ({@link org.openami.concentrator.bench.sim.DataItems}, {@link org.openami.concentrator.bench.sim.LightMeters})
 * on pseudo-terminal buses ({@link org.openami.concentrator.bench.sim.LightBus}), on a fast clock
 * shared across processes ({@link org.openami.concentrator.bench.sim.FastClock}).
 */
package org.openami.concentrator.bench.sim;
