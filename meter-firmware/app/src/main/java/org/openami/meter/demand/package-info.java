/** Maximum demand over a sliding 15-minute window. */
package org.openami.meter.demand;
