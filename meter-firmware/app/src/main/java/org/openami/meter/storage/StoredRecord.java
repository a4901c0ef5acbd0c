package org.openami.meter.storage;

import java.util.Arrays;

/**
 * One record read back from a {@link RecordRing}, or the snapshot a {@link SnapshotFile}
 * loaded. Immutable: the payload is copied in and out; {@code equals} compares payload
 * contents.
 *
 * @param sequence the sequence number {@link RecordRing#append} or {@link SnapshotFile#write} returned for it
 * @param payload  the bytes written
 */
public record StoredRecord(long sequence, byte[] payload) {

    public StoredRecord {
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
        return o instanceof StoredRecord s && s.sequence == sequence && Arrays.equals(s.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StoredRecord[sequence=" + sequence + ", " + payload.length + " bytes]";
    }
}
