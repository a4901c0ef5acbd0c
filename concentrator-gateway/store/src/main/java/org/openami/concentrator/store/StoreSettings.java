package org.openami.concentrator.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ForwardStore} behaves. Immutable; build from {@link #defaults()} with the
 * {@code withX} methods. The constructor refuses values outside the documented ranges with an
 * {@link IllegalArgumentException} naming the setting.
 *
 * @param maxBytes           the file size limit in bytes, at least {@value #MIN_MAX_BYTES}. When
 *                           the file grows past it, delivered entries are evicted first (oldest
 *                           first), then undelivered ones (oldest first), and the file is compacted.
 *                           Default 256 MiB.
 * @param retention          how long delivered entries are kept, counted from the time the store
 *                           accepted them (insertion time, the store's clock); {@link Duration#ZERO}
 *                           removes delivered entries at the next housekeeping. Undelivered entries
 *                           are never removed by retention. Default 31 days.
 * @param cacheMegabytes     MVStore page cache in MiB, 1..1024. Default 4, which keeps the heap
 *                           needed by the store to a few MiB.
 * @param syncOnCommit       {@code false} (default): every put is written to the operating system
 *                           before it returns, which survives a killed process ({@code kill -9}) but
 *                           not necessarily a power loss. {@code true}: every commit is also forced
 *                           to the device ({@code fsync}), which survives power loss on hardware that
 *                           honours it, at the cost of one {@code fsync} per put.
 * @param nearFullPercent    {@link org.openami.concentrator.model.EventType#STORE_NEAR_FULL} is
 *                           recorded once when undelivered data reaches this share of
 *                           {@code maxBytes} (file size times the undelivered share of the
 *                           entries), 10..99; raised again only after the undelivered entries
 *                           have fallen to half of their number at the time it was raised.
 *                           Default 80.
 * @param compactFillPercent housekeeping compacts the file when the live share of its chunks
 *                           drops below this percentage, 10..95. Default 60.
 */
public record StoreSettings(long maxBytes, Duration retention, int cacheMegabytes,
                            boolean syncOnCommit, int nearFullPercent, int compactFillPercent) {

    /** The smallest accepted {@link #maxBytes()}: 1 MiB. */
    public static final long MIN_MAX_BYTES = 1L << 20;

    public StoreSettings {
        Objects.requireNonNull(retention, "retention");
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is below " + MIN_MAX_BYTES);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention " + retention + " is negative");
        }
        if (cacheMegabytes < 1 || cacheMegabytes > 1024) {
            throw new IllegalArgumentException("cacheMegabytes " + cacheMegabytes + " is not in 1..1024");
        }
        if (nearFullPercent < 10 || nearFullPercent > 99) {
            throw new IllegalArgumentException("nearFullPercent " + nearFullPercent + " is not in 10..99");
        }
        if (compactFillPercent < 10 || compactFillPercent > 95) {
            throw new IllegalArgumentException("compactFillPercent " + compactFillPercent + " is not in 10..95");
        }
    }

    /** 256 MiB, 31 days, 4 MiB cache, no fsync, near-full at 80 %, compact below 60 % fill. */
    public static StoreSettings defaults() {
        return new StoreSettings(256L << 20, Duration.ofDays(31), 4, false, 80, 60);
    }

    public StoreSettings withMaxBytes(long value) {
        return new StoreSettings(value, retention, cacheMegabytes, syncOnCommit, nearFullPercent, compactFillPercent);
    }

    public StoreSettings withRetention(Duration value) {
        return new StoreSettings(maxBytes, value, cacheMegabytes, syncOnCommit, nearFullPercent, compactFillPercent);
    }

    public StoreSettings withCacheMegabytes(int value) {
        return new StoreSettings(maxBytes, retention, value, syncOnCommit, nearFullPercent, compactFillPercent);
    }

    public StoreSettings withSyncOnCommit(boolean value) {
        return new StoreSettings(maxBytes, retention, cacheMegabytes, value, nearFullPercent, compactFillPercent);
    }

    public StoreSettings withNearFullPercent(int value) {
        return new StoreSettings(maxBytes, retention, cacheMegabytes, syncOnCommit, value, compactFillPercent);
    }

    public StoreSettings withCompactFillPercent(int value) {
        return new StoreSettings(maxBytes, retention, cacheMegabytes, syncOnCommit, nearFullPercent, value);
    }
}
