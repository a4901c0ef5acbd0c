package org.openami.meter.storage;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for {@link KillNineTest}: appends to a {@link RecordRing} and writes a {@link SnapshotFile}
 * in a tight loop until killed. Prints {@code OPEN <nextRing> <nextSnapshot>} once, then {@code R <seq>}
 * after each append returned and {@code S <seq>} after each snapshot write returned: a printed line
 * means "committed". Payloads are pure functions of the sequence so the parent can verify them.
 *
 * <p>Usage: {@code CrashLoopChild <dir> <NONE|FSYNC>}
 */
public final class CrashLoopChild {

    static final int RING_CAPACITY = 64;
    static final int RING_MAX = 48;
    static final int SNAP_MAX = 300;

    private CrashLoopChild() {
    }

    static Path ringFile(Path dir) {
        return dir.resolve("events.ring");
    }

    static Path snapshotFile(Path dir) {
        return dir.resolve("registers.snap");
    }

    static byte[] ringPayload(long sequence) {
        return Bytes.payload(sequence, RING_MAX);
    }

    static byte[] snapshotPayload(long sequence) {
        return Bytes.payload(sequence * 3 + 1, SNAP_MAX);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SyncPolicy sync = SyncPolicy.valueOf(args[1]);
        OutputStream out = new FileOutputStream(FileDescriptor.out); // unbuffered: one write per line
        try (RecordRing ring = RecordRing.open(ringFile(dir), RING_CAPACITY, RING_MAX, sync);
             SnapshotFile snap = SnapshotFile.open(snapshotFile(dir), SNAP_MAX, sync)) {
            long snapSeq = snap.load().map(StoredRecord::sequence).orElse(0L);
            print(out, "OPEN " + ring.nextSequence() + " " + (snapSeq + 1));
            while (true) {
                long r = ring.nextSequence();
                if (ring.append(ringPayload(r)) != r) {
                    System.err.println("append returned an unexpected sequence");
                    System.exit(3);
                }
                print(out, "R " + r);
                long s = snapSeq + 1;
                if (snap.write(snapshotPayload(s)) != s) {
                    System.err.println("write returned an unexpected sequence");
                    System.exit(4);
                }
                snapSeq = s;
                print(out, "S " + s);
            }
        }
    }

    private static void print(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
