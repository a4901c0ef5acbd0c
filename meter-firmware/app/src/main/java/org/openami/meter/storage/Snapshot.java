package org.openami.meter.storage;

import java.util.Arrays;

/**
 * One snapshot read back from a {@link SnapshotFile}. Immutable: the payload is copied in and out;
 * {@code equals} compares payload contents.
 *
 * @param sequence the sequence number {@link SnapshotFile#write} returned for it
 * @param payload  the bytes written
 */
public record Snapshot(long sequence, byte[] payload) {

    public Snapshot {
        payload = payload.clone();
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the payload length without copying */
    public int size() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.sequence == sequence && Arrays.equals(s.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Snapshot[sequence=" + sequence + ", " + payload.length + " bytes]";
    }
}
