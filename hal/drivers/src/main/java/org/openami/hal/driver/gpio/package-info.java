/** Relay, tamper switch and pulse LED on GPIO lines through Pi4J 2.x. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.gpio;
