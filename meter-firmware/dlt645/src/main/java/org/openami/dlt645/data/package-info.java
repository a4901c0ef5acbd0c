/**
 * DL/T 645-2007 data formats: packed BCD numbers in fixed resolutions and BCD calendar
 * fields, as they appear inside the data field of a frame <em>after</em> the 33H offset
 * has been removed.
 *
 * <p>Every multi-byte item travels <b>low byte first</b> (DL/T 645-2007, data field
 * transmission order), so the arrays these classes read and write are in wire order:
 * energy 000123.45 kWh is {@code 45 23 01 00}. Quantities are integers of a fixed
 * resolution (0.01 kWh, 0.1 V, 0.001 A, ...), never floating point. Bytes that are not
 * valid BCD, or calendar fields out of range, raise
 * {@link org.openami.dlt645.data.BcdFormatException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.dlt645.data;
