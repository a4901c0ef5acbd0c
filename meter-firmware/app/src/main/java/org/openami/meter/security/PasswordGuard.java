package org.openami.meter.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.openami.dlt645.Password;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.event.EventType;

/**
 * Checks the passwords of write and control commands against the meter's levels and locks
 * the meter's programming for a day after {@value #MAX_WRONG} wrong passwords in a row,
 * as meters do against guessing on a shared bus. The count and the lock survive restarts.
 * Every refusal is recorded as an {@link EventType#AUTH_FAILURE} event. Thread-safe.
 */
public final class PasswordGuard {

    public static final int MAX_WRONG = 5;
    public static final Duration LOCK = Duration.ofHours(24);

    /** Reasons recorded in AUTH_FAILURE events (value2). */
    public static final int WRONG_PASSWORD = 1;
    public static final int BAD_MAC = 2;
    public static final int REPLAYED = 3;
    public static final int EXPIRED = 4;
    public static final int MALFORMED = 5;
    public static final int LOCKED = 6;

    private final MeterEngine engine;

    public PasswordGuard(MeterEngine engine) {
        this.engine = engine;
    }

    /**
     * Whether {@code given} opens level {@code required} (or a higher one): its level must be
     * {@code <= required}, that level enabled, and the digits equal.
     */
    public synchronized boolean check(Password given, int required, int controlCode, long operator) throws IOException {
        Instant now = engine.now();
        if (engine.lockedUntilMillis() != Long.MIN_VALUE && now.toEpochMilli() < engine.lockedUntilMillis()) {
            engine.record(EventType.AUTH_FAILURE, operator, controlCode, LOCKED);
            return false;
        }
        var passwords = engine.parameters().passwords();
        boolean ok = given.level() <= required && given.level() < passwords.size()
                && passwords.get(given.level()) >= 0 && passwords.get(given.level()) == given.digits();
        if (ok) {
            if (engine.wrongPasswords() != 0) {
                engine.setPasswordLock(0, Long.MIN_VALUE);
            }
            return true;
        }
        int wrong = engine.wrongPasswords() + 1;
        long lockedUntil = wrong >= MAX_WRONG ? now.plus(LOCK).toEpochMilli() : Long.MIN_VALUE;
        engine.setPasswordLock(wrong >= MAX_WRONG ? 0 : wrong, lockedUntil);
        engine.record(EventType.AUTH_FAILURE, operator, controlCode, WRONG_PASSWORD);
        return false;
    }

    /** Records a refused command for a reason other than the password. */
    public void refused(int controlCode, long operator, int reason) throws IOException {
        engine.record(EventType.AUTH_FAILURE, operator, controlCode, reason);
    }
}
