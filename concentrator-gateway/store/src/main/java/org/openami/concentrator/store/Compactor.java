package org.openami.concentrator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Gives the file's dead space back to the file system. MVStore appends a chunk per commit and
 * frees a chunk only when nothing in it is live; files never shrink on their own. A compaction
 * run (1) rewrites the live pages of sparse chunks into new chunks ({@link MVStore#compact}) a
 * bounded amount per round, moving chunks into the holes after each round
 * ({@link RandomAccessStore#compactMoveChunks}, which truncates the file when its tail is free),
 * then (2) keeps moving until at least {@value #HOLE_FREE_PERCENT} % of the file is chunks. This
 * is what {@link MVStore#compactFile} does, done explicitly because {@code compactFile} moves
 * nothing when the rewrite step finds nothing to rewrite (it is also what MVStore's own
 * background housekeeping calls). While it runs, freed space is reusable at once (retention time
 * 0, as {@code compactFile} sets it) and the file grows by up to the bytes rewritten in a round
 * before it shrinks. Writer thread only.
 */
final class Compactor {

    /** Most page bytes rewritten per round: bounds the heap used and the transient growth. */
    static final int MAX_ROUND_BYTES = 2 << 20;
    /** Least page bytes rewritten per round. */
    static final int MIN_ROUND_BYTES = 64 << 10;
    /** Bytes moved per move step. */
    static final long MOVE_BYTES_PER_STEP = 8L << 20;
    private static final int MAX_ROUNDS = 1024;
    /** Moving stops when this share of the file is chunks. */
    private static final int HOLE_FREE_PERCENT = 97;

    private final MVStore store;
    private final Path file;
    private final boolean syncOnCommit;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();

    Compactor(MVStore store, Path file, boolean syncOnCommit) {
        this.store = store;
        this.file = file;
        this.syncOnCommit = syncOnCommit;
        sample();
    }

    /** The file size as MVStore tracks it (cheap, no system call). */
    long fileBytes() {
        FileStore<?> fs = store.getFileStore();
        return fs == null ? 0 : fs.size();
    }

    /** The file size as the file system reports it. */
    long diskBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return fileBytes();
        }
    }

    /** The share (percent) of the file's blocks that belong to chunks (the rest are holes). */
    int fileFillPercent() {
        FileStore<?> fs = store.getFileStore();
        return fs == null ? 100 : fs.getFillRate();
    }

    /** The share (percent) of the chunk space that holds live pages. */
    int chunkFillPercent() {
        FileStore<?> fs = store.getFileStore();
        return fs == null ? 100 : fs.getChunksFillRate();
    }

    long peakBytes() {
        return peak.get();
    }

    long runs() {
        return runs.get();
    }

    /** Records the current size as a candidate peak; returns it. */
    long sample() {
        long size = fileBytes();
        peak.accumulateAndGet(size, Math::max);
        return size;
    }

    /**
     * Rewrites chunks whose fill is below {@code rewriteBelowPercent} and shrinks the file.
     * Each round rewrites at most {@code roundBytes} of pages and then moves chunks into the
     * holes, so the file grows by about that much at most before it shrinks; the number of
     * rounds is bounded by the file size divided by {@code roundBytes} (plus two), so the run
     * rewrites at most about the whole file. Commits
     * (and syncs if configured). Returns the file size afterwards.
     */
    long compact(int rewriteBelowPercent, int roundBytes) {
        runs.incrementAndGet();
        int retention = store.getRetentionTime();
        store.setRetentionTime(0);
        try {
            store.commit();
            // each round rewrites at most roundBytes, so this bounds the rewrite to about the file size
            long rounds = Math.min(MAX_ROUNDS, fileBytes() / roundBytes + 2);
            for (int round = 0; round < rounds; round++) {
                boolean rewritten = store.compact(rewriteBelowPercent, roundBytes);
                store.commit();
                sample();
                move();
                if (!rewritten) {
                    break;
                }
            }
            // move chunks into the holes until the file is (nearly) hole-free; a move step that does
            // not shrink the file can still fill holes that let the next one shrink it
            long moves = fileBytes() / MOVE_BYTES_PER_STEP + 2;
            for (int i = 0; i < moves && fileFillPercent() < HOLE_FREE_PERCENT; i++) {
                move();
            }
            if (syncOnCommit) {
                store.sync();
            }
        } finally {
            store.setRetentionTime(retention);
        }
        return sample();
    }

    private void move() {
        if (store.getFileStore() instanceof RandomAccessStore ras) {
            store.sync();
            ras.compactMoveChunks(100, MOVE_BYTES_PER_STEP, store);
            store.commit();
            sample();
        }
    }
}
