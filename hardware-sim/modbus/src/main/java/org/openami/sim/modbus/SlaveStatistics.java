package org.openami.sim.modbus;

/**
 * What a simulated Modbus line has seen, an immutable snapshot.
 *
 * @param frames          valid frames (CRC correct) received, for any unit
 * @param forOtherUnits   valid frames for unit ids nobody on this line has
 * @param broadcasts      valid frames to unit 0 (never answered)
 * @param replies         replies handed to the line (faulty ones included)
 * @param exceptions      of those, Modbus exception replies
 * @param ignored         requests left unanswered by an injected fault
 * @param crcErrors       frames of a known length with a wrong CRC
 * @param discardedBytes  bytes thrown away as noise, bad or stale partial frames
 */
public record SlaveStatistics(long frames, long forOtherUnits, long broadcasts, long replies, long exceptions,
                              long ignored, long crcErrors, long discardedBytes) {
}
