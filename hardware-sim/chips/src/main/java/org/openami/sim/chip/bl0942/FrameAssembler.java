package org.openami.sim.chip.bl0942;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream a BL0942 receives into command frames: a read is 2 bytes
 * ({@code 0x58|a}, register), a write 6 bytes ({@code 0xA8|a}, register, D0, D1, D2, CS).
 * Frames for every address are assembled (so a write to another chip on a shared bus does
 * not desynchronise this one); the caller filters by address.
 *
 * <p>A byte that cannot start a frame is dropped (line noise). A partial frame is dropped
 * when the next byte comes more than {@code idleGapNanos} after the previous one: the real
 * chip's UART resynchronises the same way after an idle line, although the datasheet value
 * of that gap was not confirmed (it is a setting). Not thread-safe; the model serialises.
 */
final class FrameAssembler {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(6);
    private long lastByteNanos;
    private long droppedBytes;

    /** Feeds bytes that arrived at {@code arrivalNanos}; returns the frames they completed. */
    List<byte[]> accept(byte[] data, long arrivalNanos, long idleGapNanos) {
        List<byte[]> frames = new ArrayList<>();
        if (pending.size() > 0 && arrivalNanos - lastByteNanos > idleGapNanos) {
            droppedBytes += pending.size();
            pending.reset();
        }
        lastByteNanos = arrivalNanos;
        for (byte b : data) {
            if (pending.size() == 0 && frameLength(b) == 0) {
                droppedBytes++;
                continue;
            }
            pending.write(b);
            byte[] sofar = pending.toByteArray();
            if (sofar.length == frameLength(sofar[0])) {
                frames.add(sofar);
                pending.reset();
            }
        }
        return frames;
    }

    /** Bytes thrown away so far: noise and partial frames. */
    long droppedBytes() {
        return droppedBytes;
    }

    /** 2 for a read command byte, 6 for a write command byte, 0 for anything else. */
    static int frameLength(byte first) {
        int b = first & 0xFC;
        if (b == Bl0942Registers.READ_COMMAND) {
            return 2;
        }
        return b == Bl0942Registers.WRITE_COMMAND ? 6 : 0;
    }
}
