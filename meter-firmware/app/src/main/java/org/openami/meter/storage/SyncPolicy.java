package org.openami.meter.storage;

/**
 * How far a completed write is guaranteed to have travelled before the writing method returns.
 */
public enum SyncPolicy {
    /**
     * {@code FileChannel.force} after every write (and directory fsync after creating or replacing a
     * file): a returned write survives a power cut. Use this on the meter.
     */
    FSYNC,
    /**
     * Writes stay in the OS page cache: a returned write survives {@code kill -9} of the JVM but not a
     * power cut or kernel crash. For tests and benchmarks.
     */
    NONE
}
