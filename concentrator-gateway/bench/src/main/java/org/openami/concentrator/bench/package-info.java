/**
 * The concentrator's benchmarks, run by {@code ./ami bench}: {@link org.openami.concentrator.bench.BusBench}
 * (RS-485 bus utilisation against the wire-time limit) and {@link org.openami.concentrator.bench.HeapBench}
 * (a 2,040-meter concentrator over simulated days under {@code -Xmx64m}). An application, not a
 * bundle; figures go to stdout, logs to stderr.
 */
package org.openami.concentrator.bench;
