/** The DL/T 645-2007 slave: control codes, the data identifier table, writes, relay control. */
package org.openami.meter.protocol;
