/**
 * {@code ./ami demo}: the whole smart-metering system on one machine. The cloud service with
 * embedded PostgreSQL and HiveMQ, simulated meters (the DL/T 645 meter firmware on simulated
 * chips, and SDM630 Modbus models) on pseudo-terminal RS-485 buses, and a commissioned
 * concentrator running its OSGi bundle set in a child JVM; a live console; a JSON report that
 * compares what the meters produced, what the concentrator collected and what reached
 * PostgreSQL. Entry point: {@link org.openami.demo.DemoCommand}.
 */
package org.openami.demo;
