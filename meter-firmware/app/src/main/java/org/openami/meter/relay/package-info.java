/** The supply relay under authenticated control: trip, close, alarm, keep-power. */
package org.openami.meter.relay;
