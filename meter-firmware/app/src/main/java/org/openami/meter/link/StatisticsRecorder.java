package org.openami.meter.link;

import java.time.Duration;

/**
 * The mutable counters behind {@link LinkStatistics}. Written by one transport thread, read
 * by any; every method is synchronized (cheap: a few calls per frame).
 */
final class StatisticsRecorder {

    private long framesReceived;
    private long framesAnswered;
    private long bytesReceived;
    private long decoderDiscarded;
    private long decoderDropped;
    private long handlerErrors;
    private long repliesWithheld;
    private long collisions;
    private long echoBytesIgnored;
    private long baudChanges;
    private long portReopens;
    private long latencyMin = Long.MAX_VALUE;
    private long latencyMax;
    private long latencySum;

    synchronized void bytesReceived(int n) {
        bytesReceived += n;
    }

    /** Copies the decoder's cumulative counters (it is not thread-safe, so its owner calls this). */
    synchronized void decoder(long discardedBytes, long droppedFrames) {
        decoderDiscarded = discardedBytes;
        decoderDropped = droppedFrames;
    }

    synchronized void frameReceived() {
        framesReceived++;
    }

    synchronized void frameAnswered(long latencyNanos) {
        framesAnswered++;
        latencyMin = Math.min(latencyMin, latencyNanos);
        latencyMax = Math.max(latencyMax, latencyNanos);
        latencySum += latencyNanos;
    }

    synchronized void handlerError() {
        handlerErrors++;
    }

    synchronized void repliesWithheld(int n) {
        repliesWithheld += n;
    }

    synchronized void collision() {
        collisions++;
    }

    synchronized void echoIgnored(int n) {
        echoBytesIgnored += n;
    }

    synchronized void baudChanged() {
        baudChanges++;
    }

    synchronized void portReopened() {
        portReopens++;
    }

    synchronized LinkStatistics snapshot() {
        boolean any = framesAnswered > 0;
        return new LinkStatistics(framesReceived, framesAnswered, bytesReceived, decoderDiscarded, decoderDropped,
                handlerErrors, repliesWithheld, collisions, echoBytesIgnored, baudChanges, portReopens,
                Duration.ofNanos(any ? latencyMin : 0), Duration.ofNanos(any ? latencySum / framesAnswered : 0),
                Duration.ofNanos(latencyMax));
    }
}
