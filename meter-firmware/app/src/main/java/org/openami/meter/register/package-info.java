/** Energy registers: totals and tariffs T1..T4 of active and reactive energy, in mWh/mvarh. */
package org.openami.meter.register;
