/**
 * Simulated concentrators for demos, tests and benchmarks: the real store-and-forward, the real
 * uplink with real envelopes and TLS, fed with generated readings instead of meter buses.
 */
package org.openami.cloud.service.sim;
