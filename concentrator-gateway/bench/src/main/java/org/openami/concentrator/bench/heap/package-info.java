/**
 * The heap benchmark's concentrator under test ({@link org.openami.concentrator.bench.heap.ConcentratorRun},
 * run in a child JVM with a capped heap) and its wiring: the archive both processes share
 * ({@link org.openami.concentrator.bench.heap.BenchArchive}), the DL/T 645 reader and store sink the
 * gateway's components would plug into the collector, and a stand-in uplink.
 */
package org.openami.concentrator.bench.heap;
