/**
 * DL/T 645-2007 frames for the meter (slave), the concentrator (master) and the simulator.
 *
 * <p>A frame on the wire is {@code [FE x 0..4] 68 A0..A5 68 C L DATA CS 16}:
 * <ul>
 *   <li>{@link org.openami.dlt645.Dlt645Frame} is the immutable frame with named factories;
 *       it holds the data field <em>without</em> the 33H offset and encodes itself
 *       (statelessly) to wire bytes.</li>
 *   <li>{@link org.openami.dlt645.Dlt645Decoder} is the stream side: a state machine fed
 *       arbitrary chunks of a serial line, bounded in memory, resynchronising after noise and
 *       reporting every dropped frame as a {@link org.openami.dlt645.Dlt645FormatException}
 *       with a {@link org.openami.dlt645.Dlt645FormatException.Reason}.</li>
 *   <li>{@link org.openami.dlt645.MeterAddress}, {@link org.openami.dlt645.ControlCode},
 *       {@link org.openami.dlt645.DataIdentifier} and {@link org.openami.dlt645.ErrorFlag}
 *       map the fields both ways and reject values the standard does not define.</li>
 * </ul>
 * Value formats inside the data field live in {@link org.openami.dlt645.data}. Nothing here
 * does I/O or keeps time: the caller owns the port and tells the decoder about line gaps.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.dlt645;
