/**
 * Crash-safe storage primitives of the meter: {@code kill -9} or a power cut at any moment never
 * corrupts stored data, and at most the write in progress is lost.
 *
 * <ul>
 *   <li>{@link org.openami.meter.storage.SnapshotFile}: the latest value (registers), two ping-pong slots.</li>
 *   <li>{@link org.openami.meter.storage.RecordRing}: a fixed-capacity log (events, freezes, load profile).</li>
 * </ul>
 * Every slot carries a CRC32C; files are created and cleared whole by temp file + fsync + rename +
 * directory fsync; {@link org.openami.meter.storage.SyncPolicy#FSYNC} forces every write to the medium.
 * Failures are {@link org.openami.meter.storage.StorageException}s with a reason. JDK only.
 */
package org.openami.meter.storage;
