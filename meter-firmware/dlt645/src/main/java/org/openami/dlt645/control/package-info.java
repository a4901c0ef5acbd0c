/**
 * Authenticated control commands (1CH: trip, close, alarm, keep-power): the DL/T 645-2007
 * data layout plus a counter and an HMAC-SHA256 code with a per-meter key, the stand-in for
 * a real meter's ESAM. Shared by the meter (verifies) and the concentrator (signs).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.dlt645.control;
