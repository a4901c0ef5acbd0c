package org.openami.cloud.uplink;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.cloud.envelope.EnvelopeException;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.OpenedEnvelope;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageFormatException;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.uplink.CommandExecutor.CommandOutcome;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and runs downlink commands. In order: the envelope (signature of the cloud's key,
 * decryption, freshness: {@link EnvelopeOpener}), that it is a command addressed to this
 * concentrator, the body, the command's own expiry and lifetime, and that its id was not seen
 * before ({@link CommandGuard}). A command that fails a check is never executed:
 * <ul>
 *   <li>an envelope that is not authentic or not readable gives a {@link EventType#COMMAND_REFUSED}
 *       event (its command id cannot be trusted, so no result is sent for it);</li>
 *   <li>an authentic command that expired, lives too long or comes from the future gets a failed
 *       command result naming the reason, so the operator sees it;</li>
 *   <li>a replayed id gets a {@link EventType#COMMAND_REFUSED} event; the first execution's
 *       result stands.</li>
 * </ul>
 * Accepted commands run one at a time on the receiver's own thread, never on the MQTT client's;
 * each ends in a command result in the outbox, acknowledged up to the cloud like any entry.
 */
public final class CommandReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandReceiver.class);

    private final String concentratorId;
    private final EnvelopeOpener opener;
    private final CommandGuard guard;
    private final CommandExecutor executor;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration maxLifetime;
    private final Duration skew;
    private final ExecutorService worker;
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public CommandReceiver(String concentratorId, EnvelopeOpener opener, CommandGuard guard, CommandExecutor executor,
                           Outbox outbox, Clock clock, UplinkSettings settings) {
        this.concentratorId = Objects.requireNonNull(concentratorId, "concentratorId");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxLifetime = settings.commandMaxLifetime();
        this.skew = settings.clockSkew();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "uplink-commands-" + concentratorId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Commands executed so far. */
    public long executed() {
        return executed.get();
    }

    /** Commands refused so far. */
    public long refused() {
        return refused.get();
    }

    /** Handles one message from the command topic. Never throws. */
    public void accept(String topic, byte[] payload) {
        try {
            handle(payload);
        } catch (RuntimeException e) {
            LOG.error("command on {} could not be handled", topic, e);
            refuseEnvelope("INTERNAL_ERROR", e.toString());
        }
    }

    private void handle(byte[] payload) {
        OpenedEnvelope opened;
        try {
            opened = opener.open(payload);
        } catch (EnvelopeException e) {
            refuseEnvelope(e.reason().name(), e.getMessage());
            return;
        }
        if (opened.header().type() != MessageType.COMMAND) {
            refuseEnvelope("MALFORMED", "a " + opened.header().type() + " envelope on the command topic");
            return;
        }
        if (!concentratorId.equals(opened.header().concentratorId())) {
            refuseEnvelope("MALFORMED", "addressed to concentrator " + opened.header().concentratorId());
            return;
        }
        Command command;
        try {
            command = (Command) MessageCodec.decode(MessageType.COMMAND, opened.body());
        } catch (MessageFormatException e) {
            refuseEnvelope("MALFORMED_BODY", e.getMessage());
            return;
        }
        long now = clock.millis();
        if (command.expiresAt() <= now) {
            refuseCommand(command, "EXPIRED", "expired at " + java.time.Instant.ofEpochMilli(command.expiresAt()));
            return;
        }
        if (command.expiresAt() - command.issuedAt() > maxLifetime.toMillis()) {
            refuseCommand(command, "LIFETIME_TOO_LONG", "lives " + Duration.ofMillis(command.expiresAt() - command.issuedAt())
                    + ", more than " + maxLifetime);
            return;
        }
        if (command.issuedAt() > now + skew.toMillis()) {
            refuseCommand(command, "FROM_FUTURE", "issued at " + java.time.Instant.ofEpochMilli(command.issuedAt()));
            return;
        }
        CommandGuard.Admission admission;
        try {
            admission = guard.admit(command.commandId(), command.expiresAt());
        } catch (IOException e) {
            refuseCommand(command, "NOT_RECORDED", "the command could not be recorded before execution: " + e.getMessage());
            return;
        }
        switch (admission) {
            case REPLAYED -> refuseEnvelope("REPLAYED", "command " + command.commandId() + " was already accepted");
            case FULL -> refuseCommand(command, "OVERLOADED", "too many live commands remembered");
            case ADMITTED -> worker.execute(() -> run(command));
        }
    }

    private void run(Command command) {
        CommandOutcome outcome;
        try {
            CompletableFuture<CommandOutcome> future = executor.execute(command);
            long left = Math.max(1, command.expiresAt() - clock.millis());
            outcome = future.get(Math.min(left, Duration.ofMinutes(10).toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            outcome = CommandOutcome.failed("TIMEOUT: no outcome before the command expired");
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = CommandOutcome.failed("FAILED: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = CommandOutcome.failed("INTERRUPTED: the concentrator is stopping");
        } catch (RuntimeException e) {
            outcome = CommandOutcome.failed("FAILED: " + e);
        }
        executed.incrementAndGet();
        result(command, outcome.success(), outcome.detail());
    }

    private void refuseCommand(Command command, String reason, String detail) {
        refused.incrementAndGet();
        LOG.warn("command {} ({}) refused: {} {}", command.commandId(), command.commandType(), reason, detail);
        result(command, false, reason + ": " + detail);
    }

    private void refuseEnvelope(String reason, String detail) {
        refused.incrementAndGet();
        LOG.warn("downlink message refused: {} {}", reason, detail);
        try {
            outbox.putEvent(MeterEvent.concentrator(EventType.COMMAND_REFUSED, clock.millis(), reason + ": " + detail));
        } catch (StoreException e) {
            LOG.error("recording a refused command failed: {}", e.getMessage());
        }
    }

    private void result(Command command, boolean success, String detail) {
        try {
            outbox.putCommandResult(new CommandResult(command.commandId(), command.point(), command.meter(),
                    command.commandType().name(), success, detail, clock.millis()));
        } catch (StoreException e) {
            LOG.error("storing the result of command {} failed: {}", command.commandId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
