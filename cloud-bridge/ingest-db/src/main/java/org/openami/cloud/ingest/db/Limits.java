package org.openami.cloud.ingest.db;

/**
 * The bounds this module enforces on what it is given. Records come from concentrators and are
 * untrusted: identity fields outside these bounds make the whole call fail with
 * {@link DatabaseException.Reason#INVALID_INPUT} before anything is written; free text is cut.
 */
public final class Limits {

    /** Longest concentrator id, meter address, command id, topic or type name, in characters. */
    public static final int MAX_ID_CHARS = 128;
    /** Longest envelope digest, in bytes. */
    public static final int MAX_DIGEST_BYTES = 64;
    /** Free text (event detail, failure reason, quarantine detail) is cut to this many characters. */
    public static final int MAX_TEXT_CHARS = 4096;
    /** Most records in one write call. */
    public static final int MAX_BATCH = 100_000;
    /** Earliest accepted time: 1970-01-01T00:00Z, epoch milliseconds. */
    public static final long MIN_TIME = 0L;
    /** First time no longer accepted: 2200-01-01T00:00Z, epoch milliseconds. */
    public static final long MAX_TIME = 7_258_118_400_000L;
    /** The quarantine keeps this many leading bytes of an envelope (64 KiB). */
    public static final int MAX_QUARANTINED_BYTES = 64 * 1024;
    /** Most rows one query returns. */
    public static final int MAX_QUERY_ROWS = 1_000_000;
    /** Longest command parameter document (JSON), in characters. */
    public static final int MAX_PARAMS_CHARS = 16 * 1024;

    private Limits() {
    }
}
