/** The supply relay (load switch) of a meter: monostable or latching, with feedback contact. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.relay;
