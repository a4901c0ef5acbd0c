/** Wiring of a running meter: hardware (real or simulated), journal, engine, metrology loop, slave. */
package org.openami.meter.app;
