/** Time-of-use: day tables of up to 8 quarter-hour periods and two switchable sets. */
package org.openami.meter.tariff;
