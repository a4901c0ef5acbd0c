package org.openami.cloud.service;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.openami.cloud.envelope.EnvelopeException;
import org.openami.cloud.envelope.EnvelopeHeader;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.OpenedEnvelope;
import org.openami.cloud.ingest.db.DatabaseException;
import org.openami.cloud.ingest.db.EnvelopeRef;
import org.openami.cloud.ingest.db.IngestWriter;
import org.openami.cloud.ingest.db.QuarantineLog;
import org.openami.cloud.ingest.db.WriteOutcome;
import org.openami.cloud.message.CommandResults;
import org.openami.cloud.message.Events;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageFormatException;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Telemetry;
import org.openami.cloud.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the cloud does with one message from an uplink topic, without any MQTT: the topic must
 * be of the scheme; the envelope must open (known keys, valid signature, decrypts, fresh:
 * {@link EnvelopeOpener}); its authenticated header must name the topic's concentrator and a
 * type that belongs on the topic; the body must decode; then the contents are written in one
 * transaction together with the envelope's sequence ({@link IngestWriter}). A copy of an
 * envelope already written (same sequence, same digest: the broker redelivered it) is dropped;
 * a reused sequence with other contents is a replay. Everything refused goes to the quarantine
 * table with its reason, and the pipeline goes on.
 *
 * <p>Only a {@link DatabaseException} escapes: the message was not handled and must not be
 * acknowledged, so the broker delivers it again.
 */
public final class IngestPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /** What became of a message. */
    public enum Result { APPLIED, DUPLICATE, QUARANTINED }

    private final EnvelopeOpener opener;
    private final IngestWriter writer;
    private final QuarantineLog quarantine;
    private final Clock clock;
    private final LongAdder applied = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final LongAdder readings = new LongAdder();

    public IngestPipeline(EnvelopeOpener opener, IngestWriter writer, QuarantineLog quarantine, Clock clock) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result ingest(String topic, byte[] payload) throws DatabaseException {
        Topics.Parsed where = Topics.parse(topic).orElse(null);
        if (where == null || !where.channel().uplink()) {
            return quarantine(topic, null, null, "UNKNOWN_TOPIC", "not an uplink topic of " + Topics.ROOT, payload);
        }
        OpenedEnvelope opened;
        try {
            opened = opener.open(payload);
        } catch (EnvelopeException e) {
            EnvelopeHeader peek = peek(payload);
            return quarantine(topic, where.concentratorId(), peek == null ? null : peek.sequence(),
                    e.reason().name(), e.getMessage(), payload);
        }
        EnvelopeHeader h = opened.header();
        if (!h.concentratorId().equals(where.concentratorId())) {
            return quarantine(topic, where.concentratorId(), h.sequence(), "TOPIC_MISMATCH",
                    "envelope of " + h.concentratorId() + " on the topic of " + where.concentratorId(), payload);
        }
        if (channelOf(h.type()) != where.channel()) {
            return quarantine(topic, h.concentratorId(), h.sequence(), "TOPIC_MISMATCH",
                    "a " + h.type() + " envelope on " + where.channel(), payload);
        }
        Message message;
        try {
            message = MessageCodec.decode(h.type(), opened.body());
        } catch (MessageFormatException e) {
            return quarantine(topic, h.concentratorId(), h.sequence(), "MALFORMED_BODY", e.getMessage(), payload);
        }
        EnvelopeRef ref = new EnvelopeRef(h.concentratorId(), h.sequence(), opened.digest(), clock.millis());
        WriteOutcome outcome;
        int count;
        if (message instanceof Telemetry t) {
            outcome = writer.writeTelemetry(ref, t.readings());
            count = t.readings().size();
        } else if (message instanceof Events ev) {
            outcome = writer.writeEvents(ref, ev.events());
            count = 0;
        } else {
            outcome = writer.writeCommandResults(ref, ((CommandResults) message).results());
            count = 0;
        }
        switch (outcome.status()) {
            case APPLIED -> {
                applied.increment();
                readings.add(count);
                return Result.APPLIED;
            }
            case DUPLICATE -> {
                duplicates.increment();
                return Result.DUPLICATE;
            }
            default -> {
                return quarantine(topic, h.concentratorId(), h.sequence(), "REPLAYED",
                        "sequence " + h.sequence() + " was already used by an envelope with other contents", payload);
            }
        }
    }

    /** Envelopes applied so far. */
    public long applied() {
        return applied.sum();
    }

    /** Redelivered copies dropped so far. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Messages quarantined so far. */
    public long quarantined() {
        return quarantined.sum();
    }

    /** Readings in applied envelopes so far. */
    public long readings() {
        return readings.sum();
    }

    private Result quarantine(String topic, String concentrator, Long sequence, String reason, String detail,
                              byte[] payload) throws DatabaseException {
        quarantined.increment();
        LOG.warn("quarantined a message on {}: {} {}", topic, reason, detail);
        quarantine.add(topic, concentrator, sequence, reason, detail, payload);
        return Result.QUARANTINED;
    }

    private static EnvelopeHeader peek(byte[] payload) {
        try {
            return EnvelopeOpener.peekHeader(payload);
        } catch (EnvelopeException e) {
            return null;
        }
    }

    private static Topics.Channel channelOf(MessageType type) {
        return switch (type) {
            case TELEMETRY -> Topics.Channel.TELEMETRY;
            case EVENTS -> Topics.Channel.EVENTS;
            case COMMAND_RESULTS -> Topics.Channel.ACKS;
            case COMMAND -> Topics.Channel.COMMANDS;
        };
    }
}
