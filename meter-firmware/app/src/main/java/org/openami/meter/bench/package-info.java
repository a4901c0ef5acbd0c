/** Benchmarks that print figures against the meter's goals ({@code ami bench meter}). */
package org.openami.meter.bench;
