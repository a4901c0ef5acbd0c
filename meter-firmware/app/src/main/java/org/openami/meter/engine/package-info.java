/** The meter's state and rules: registers by tariff, demand, freezes, profile, events, clock. */
package org.openami.meter.engine;
