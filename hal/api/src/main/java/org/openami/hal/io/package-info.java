/** Digital inputs and outputs of a meter board: cover/tamper switch, energy pulse LED. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.io;
