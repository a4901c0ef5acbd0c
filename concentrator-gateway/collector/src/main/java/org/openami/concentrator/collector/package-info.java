/**
 * SGCC-style collection scheduling for a data concentrator: 15-minute load-curve points, the
 * daily freeze from 00:05, back-fill of missing daily freezes, the monthly (settlement) freeze,
 * retry rounds within each window, back-pressure per channel and per-day success statistics.
 *
 * <p>The {@link org.openami.concentrator.collector.CollectionScheduler} knows no protocol, no
 * serial library and no OSGi. It reads meters through a {@link
 * org.openami.concentrator.collector.MeterReader} and hands what it collected to a {@link
 * org.openami.concentrator.collector.CollectionSink}; both interfaces are owned here and
 * implemented by adapters at the edge (DL/T 645 and Modbus masters, the embedded store).
 * Time comes from an injected {@link java.time.Clock}; the driver calls
 * {@link org.openami.concentrator.collector.CollectionScheduler#tick()} about once a second.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.collector;
