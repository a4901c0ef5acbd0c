package org.openami.concentrator.dlt645.relay;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.dlt645.MeterRefusedException;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayCommandAuthenticator;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.control.RelayControlType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trips, closes and alarms meters from the concentrator with authenticated DL/T 645 control
 * commands (1CH), and checks that the relay followed.
 *
 * <p>{@link #apply} takes a fresh counter ({@link ControlCounter}), signs the command with the
 * meter's key (diversified from the master key, {@link RelayCommandAuthenticator#meterKey}),
 * sends it once at {@link Priority#CONTROL} (a repeat would be refused as a replay), then reads
 * status word 3 back ({@link RelayStatus}) and judges it against the command. When the command
 * failed on the line, the meter could not carry it out, or the relay did not follow, it tries
 * again after a back-off ({@link RelayRetry}), each time with a new counter. It stops at once
 * when the meter refuses the command as unauthorised (a wrong password counts toward the
 * meter's lock-out; a wrong key or a replayed counter does not mend itself) or keep-power
 * refuses a trip; the reason is read from the meter's authentication-failure record.
 *
 * <p>{@code apply} never fails for what the meter or the line does: the {@link RelayOutcome}
 * says. Its future fails only when no command could be made: the counter cannot be reserved
 * ({@link IOException}). The counter is taken and the command signed on the calling thread, so
 * the frame reaches the channel's queue before {@code apply} returns; later steps run on the
 * executor. Thread-safe and immutable; {@code with...} return modified copies. The master key is
 * copied and never logged; each meter key is wiped after signing.
 */
public final class RelayActuator {

    private static final Logger LOG = LoggerFactory.getLogger(RelayActuator.class);

    private final Dlt645Master master;
    private final byte[] masterKey;
    private final Password password;
    private final long operatorCode;
    private final ControlCounter counter;
    private final Clock meterTime;
    private final Duration expiry;
    private final RelayRetry retry;
    private final Executor executor;
    private final RelayListener listener;

    /**
     * An actuator with {@link RelayRetry#DEFAULT}, the common pool for its continuations and no listener.
     *
     * @param masterKey    the key meter keys are diversified from (at least 16 bytes); copied
     * @param password     the password commands carry (level 2 or higher authority)
     * @param operatorCode operator code recorded by the meter, 0..FFFFFFFF
     * @param meterTime    the meters' local time (its zone is theirs): commands expire
     *                     {@code expiry} after it
     * @param expiry       how long a command stays valid, 1 s .. 1 day
     */
    public RelayActuator(Dlt645Master master, byte[] masterKey, Password password, long operatorCode,
            ControlCounter counter, Clock meterTime, Duration expiry) {
        this(master, checkedKey(masterKey), password, operatorCode, counter, meterTime, expiry, RelayRetry.DEFAULT,
                ForkJoinPool.commonPool(), RelayListener.NONE);
    }

    private RelayActuator(Dlt645Master master, byte[] masterKey, Password password, long operatorCode,
            ControlCounter counter, Clock meterTime, Duration expiry, RelayRetry retry, Executor executor,
            RelayListener listener) {
        this.master = Objects.requireNonNull(master, "master");
        this.masterKey = masterKey;
        this.password = Objects.requireNonNull(password, "password");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.meterTime = Objects.requireNonNull(meterTime, "meterTime");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (operatorCode < 0 || operatorCode > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("operator code " + operatorCode + " is outside 0..FFFFFFFF");
        }
        this.operatorCode = operatorCode;
        if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("expiry " + expiry + " is outside 1 s .. 1 day");
        }
    }

    private static byte[] checkedKey(byte[] key) {
        Objects.requireNonNull(key, "masterKey");
        if (key.length < 16) {
            throw new IllegalArgumentException("a master key has at least 16 bytes, got " + key.length);
        }
        return key.clone();
    }

    /** A copy with other retry settings. */
    public RelayActuator withRetry(RelayRetry r) {
        return new RelayActuator(master, masterKey, password, operatorCode, counter, meterTime, expiry, r, executor,
                listener);
    }

    /** A copy whose continuations (status reads, retries, counter reservations) run on {@code e}. */
    public RelayActuator withExecutor(Executor e) {
        return new RelayActuator(master, masterKey, password, operatorCode, counter, meterTime, expiry, retry, e,
                listener);
    }

    /** A copy that tells {@code l} what it does. */
    public RelayActuator withListener(RelayListener l) {
        return new RelayActuator(master, masterKey, password, operatorCode, counter, meterTime, expiry, retry,
                executor, l);
    }

    /**
     * Carries out {@code type} on {@code meter} and checks the relay followed.
     *
     * @return completes with the outcome, or exceptionally with an {@link IOException} if a
     *         counter could not be reserved
     * @throws IllegalArgumentException if {@code meter} is not one meter's address
     */
    public CompletableFuture<RelayOutcome> apply(MeterAddress meter, LineSettings line, RelayControlType type) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(type, "type");
        if (!meter.isSpecific()) {
            throw new IllegalArgumentException("a control command goes to one meter, not " + meter);
        }
        Run run = new Run(meter, line, type, System.nanoTime());
        run.attempt(1);
        return run.result;
    }

    /**
     * Reads the meter's status word 3 at {@link Priority#CONTROL}.
     *
     * @return completes with the status, or exceptionally with an {@link ExchangeException}
     *         (a status of the wrong length is {@link FailureReason#CORRUPT})
     */
    public CompletableFuture<RelayStatus> readStatus(MeterAddress meter, LineSettings line) {
        return master.read(meter, DataIdentifier.STATUS_WORD_3, line, Priority.CONTROL).thenCompose(v -> {
            try {
                return CompletableFuture.completedFuture(RelayStatus.decode(v));
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(new ExchangeException(FailureReason.CORRUPT,
                        "status word 3 of " + meter + ": " + e.getMessage()));
            }
        });
    }

    private Dlt645Frame sign(MeterAddress meter, RelayControlType type, long count) {
        LocalDateTime until = LocalDateTime.now(meterTime).plus(expiry).truncatedTo(ChronoUnit.SECONDS);
        RelayControlCommand cmd = new RelayControlCommand(password, operatorCode, type, until, count);
        byte[] key = RelayCommandAuthenticator.meterKey(masterKey, meter);
        try {
            return cmd.toFrame(meter, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t instanceof ExchangeException e ? e.reason() + ": " + e.getMessage() : t.toString();
    }

    /** One {@link #apply} call: its attempts, the last status read and the result. */
    private final class Run {
        final MeterAddress meter;
        final LineSettings line;
        final RelayControlType type;
        final long started;
        final CompletableFuture<RelayOutcome> result = new CompletableFuture<>();
        RelayStatus last;

        Run(MeterAddress meter, LineSettings line, RelayControlType type, long started) {
            this.meter = meter;
            this.line = line;
            this.type = type;
            this.started = started;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }

        void attempt(int n) {
            try {
                long count;
                try {
                    count = counter.next(meter);
                } catch (IOException e) {
                    LOG.error("{} to {} not sent: no control counter ({})", type, meter, e.getMessage());
                    result.completeExceptionally(e);
                    return;
                }
                CompletableFuture<byte[]> reply = master.command(sign(meter, type, count), line, Priority.CONTROL, 1);
                try {
                    listener.sent(meter, type, n, elapsed());
                } catch (RuntimeException e) {
                    LOG.warn("relay listener failed: {}", e.toString());
                }
                LOG.debug("{} to {} sent, attempt {}, counter {}", type, meter, n, count);
                reply.whenCompleteAsync((data, err) -> guarded(() -> commanded(n, err == null ? null : unwrap(err))),
                        executor);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        void commanded(int n, Throwable cmdError) {
            if (cmdError instanceof ExchangeException ee && ee.reason() == FailureReason.CLOSED) {
                finish(false, n, "not sent: " + ee.getMessage());
                return;
            }
            readStatus(meter, line).whenCompleteAsync((s, err) -> guarded(() -> statusRead(n, cmdError, s,
                    err == null ? null : unwrap(err))), executor);
        }

        void statusRead(int n, Throwable cmdError, RelayStatus s, Throwable readError) {
            if (s != null) {
                last = s;
            }
            RelayExpectation.Verdict v = s == null ? null : RelayExpectation.check(type, s, cmdError == null);
            if (v != null && v.followed()) {
                String detail = cmdError == null ? v.detail()
                        : v.detail() + "; the command: " + describe(cmdError);
                finish(true, n, detail);
                return;
            }
            String why = whyNot(cmdError, v, readError);
            if (cmdError instanceof MeterRefusedException r && r.unauthorised()) {
                master.read(meter, RefusalReasons.LATEST_AUTH_FAILURE, line, Priority.CONTROL)
                        .whenCompleteAsync((rec, err) -> guarded(() -> {
                            String reason = rec == null ? null : RefusalReasons.explain(rec);
                            finish(false, n, "meter refused the command: "
                                    + (reason != null ? reason : "unauthorised (reason not readable)")
                                    + (v != null ? "; " + v.detail() : ""));
                        }), executor);
                return;
            }
            boolean hopeless = (type == RelayControlType.TRIP && s != null && s.keepPower())
                    || (readError instanceof ExchangeException re && re.reason() == FailureReason.CLOSED);
            if (hopeless || n >= retry.attempts()) {
                finish(false, n, why);
                return;
            }
            Duration wait = retry.delayBefore(n + 1);
            LOG.warn("{} to {}: attempt {} of {} not confirmed ({}); again in {} ms", type, meter, n,
                    retry.attempts(), why, wait.toMillis());
            CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS, executor)
                    .execute(() -> attempt(n + 1));
        }

        String whyNot(Throwable cmdError, RelayExpectation.Verdict v, Throwable readError) {
            if (v != null) {
                // the status says what is wrong; the command's failure adds to it
                return cmdError == null ? v.detail() : v.detail() + "; the command: " + describe(cmdError);
            }
            String status = "status unknown: " + describe(readError);
            return cmdError == null ? "command acknowledged, " + status
                    : "command failed (" + describe(cmdError) + "), " + status;
        }

        void finish(boolean followed, int attempts, String detail) {
            RelayOutcome o = RelayOutcome.of(followed, last, attempts, detail);
            if (followed) {
                LOG.info("{} to {}: {} (attempts {})", type, meter, detail, attempts);
            } else {
                LOG.warn("{} to {} NOT confirmed after {} attempt(s): {}", type, meter, attempts, detail);
            }
            try {
                listener.finished(meter, type, o, elapsed());
            } catch (RuntimeException e) {
                LOG.warn("relay listener failed: {}", e.toString());
            }
            result.complete(o);
        }

        void fail(RuntimeException e) {
            LOG.error("{} to {} failed unexpectedly", type, meter, e);
            result.completeExceptionally(e);
        }

        void guarded(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }
}
