/** A meter board as a whole: the parts the meter application drives. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.board;
