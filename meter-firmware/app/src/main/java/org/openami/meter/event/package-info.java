/** The meter's event log: power down/up, cover, relay, clock, clears, authentication failures. */
package org.openami.meter.event;
