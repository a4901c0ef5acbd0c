package org.openami.cloud.ingest.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/** Test data. */
final class Fixtures {

    static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    static final long QUARTER = 900_000L;

    private Fixtures() {
    }

    static String meter(int i) {
        return String.format("%012d", 100_000_000L + i);
    }

    static Reading curve(int meter, Quantity quantity, int quarter, long value) {
        return new Reading(meter + 1, meter(meter), ReadingKind.CURVE, quantity, T0 + quarter * QUARTER, value,
                T0 + quarter * QUARTER + 1234);
    }

    /** An envelope reference whose digest is derived from the text, so equal text means the same envelope. */
    static EnvelopeRef ref(String concentrator, long sequence, String contents) {
        return new EnvelopeRef(concentrator, sequence, sha256(concentrator + "/" + sequence + "/" + contents), T0 + 60_000);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
