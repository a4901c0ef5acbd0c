package org.openami.dlt645;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A decoder that keeps every frame and every drop report, for assertions. */
final class RecordingDecoder {

    final List<Dlt645FormatException> drops = new ArrayList<>();
    final List<Dlt645Frame> frames = new ArrayList<>();
    final Dlt645Decoder decoder;

    RecordingDecoder() {
        this(Dlt645Decoder.DEFAULT_IDLE_LIMIT);
    }

    RecordingDecoder(Duration idleLimit) {
        decoder = new Dlt645Decoder(idleLimit, drops::add);
    }

    /** Feeds the bytes in one chunk; returns the frames this chunk completed. */
    List<Dlt645Frame> feed(byte[] bytes) {
        List<Dlt645Frame> out = decoder.feed(bytes);
        frames.addAll(out);
        return out;
    }

    /** Feeds the bytes one at a time. */
    void feedBytewise(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            frames.addAll(decoder.feed(bytes, i, 1));
        }
    }

    List<Dlt645FormatException.Reason> reasons() {
        return drops.stream().map(Dlt645FormatException::reason).collect(Collectors.toList());
    }
}
