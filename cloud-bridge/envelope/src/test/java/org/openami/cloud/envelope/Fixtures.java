package org.openami.cloud.envelope;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.openami.cloud.message.Telemetry;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Fixed keys (from fixed seeds), a fixed nonce and a fixed time, shared by the tests, the test
 * vector and the corpus generator. Seeds are 32 consecutive byte values: the cloud's Ed25519
 * seed 00..1f and X25519 key 20..3f; conc-0001's 40..5f and 60..7f; conc-0002's 80..9f and a0..bf.
 */
public final class Fixtures {

    public static final String CONC = "conc-0001";
    public static final String CONC2 = "conc-0002";
    public static final int CLOUD_KEY_ID = 7;
    public static final int CONC_KEY_ID = 1;
    /** 2026-01-01T00:00:00Z. */
    public static final long T0 = 1_767_225_600_000L;
    public static final Duration MAX_AGE = Duration.ofDays(7);
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** The test vector's nonce: 00 01 .. 0b. */
    public static final byte[] NONCE = bytes(0x00, 12);

    private Fixtures() {
    }

    /** {@code n} consecutive byte values from {@code start}. */
    public static byte[] bytes(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    public static NodeKeys cloud() {
        return NodeKeys.of(EnvelopeFormat.CLOUD_ID, CLOUD_KEY_ID, bytes(0x00, 32), bytes(0x20, 32));
    }

    public static NodeKeys conc() {
        return NodeKeys.of(CONC, CONC_KEY_ID, bytes(0x40, 32), bytes(0x60, 32));
    }

    public static NodeKeys conc2() {
        return NodeKeys.of(CONC2, CONC_KEY_ID, bytes(0x80, 32), bytes(0xa0, 32));
    }

    /** What the cloud knows: its keys, both concentrators' public keys. */
    public static KeyDirectory cloudKeys() {
        return KeyDirectory.of(List.of(cloud()), List.of(conc().publicKeys(), conc2().publicKeys()));
    }

    /** What conc-0001 knows: its keys, the cloud's public keys. */
    public static KeyDirectory concKeys() {
        return KeyDirectory.of(List.of(conc()), List.of(cloud().publicKeys()));
    }

    public static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    public static EnvelopeOpener opener(KeyLookup keys, long now) {
        return new EnvelopeOpener(keys, clockAt(now), MAX_AGE, MAX_SKEW);
    }

    public static EnvelopeSealer uplinkSealer() {
        return new EnvelopeSealer(conc(), cloud().publicKeys(), CONC, new SecureRandom());
    }

    public static EnvelopeSealer downlinkSealer() {
        return new EnvelopeSealer(cloud(), conc().publicKeys(), CONC, new SecureRandom());
    }

    /** The test vector's message: two daily-freeze energy registers of one meter. */
    public static Telemetry vectorTelemetry() {
        long day = 1_767_139_200_000L; // 2025-12-31T00:00:00Z
        long readAt = T0 + 5_000;
        return new Telemetry(List.of(
                new Reading(1, "000000000001", ReadingKind.DAILY_FREEZE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, day,
                        12_345_678, readAt),
                new Reading(1, "000000000001", ReadingKind.DAILY_FREEZE, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL, day,
                        0, readAt)));
    }
}
