/** The meter's journal on power-fail-safe files. */
package org.openami.meter.store;
