/** Daily, monthly (settlement) and commanded freezes, and the 15-minute load profile. */
package org.openami.meter.freeze;
