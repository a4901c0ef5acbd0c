/** Benchmarks of the bridge: {@code ./ami bench uplink} and {@code ./ami bench ingest}. */
package org.openami.cloud.service.bench;
