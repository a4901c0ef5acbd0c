package org.openami.cloud.topic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic scheme version 1. Every topic starts with {@value #ROOT}; the version is part of the
 * name so a later scheme can run beside this one on the same broker.
 *
 * <pre>
 * ami/v1/{concentratorId}/up/telemetry    readings           concentrator -> cloud, QoS 1
 * ami/v1/{concentratorId}/up/events       meter and concentrator events
 * ami/v1/{concentratorId}/up/acks         results of downlink commands
 * ami/v1/{concentratorId}/down/commands   signed commands    cloud -> concentrator, QoS 1
 * </pre>
 *
 * A concentrator id is 1..64 characters of {@code [A-Za-z0-9._-]}, so it never contains the
 * MQTT separators or wildcards. The payload of every topic is an envelope; the topic is only a
 * routing hint: receivers check that the envelope's authenticated header names the same
 * concentrator and a message type that belongs on that topic.
 */
public final class Topics {

    /** The prefix of every topic of this scheme. */
    public static final String ROOT = "ami/v1";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The kind of traffic a topic carries. */
    public enum Channel {
        TELEMETRY("up/telemetry"), EVENTS("up/events"), ACKS("up/acks"), COMMANDS("down/commands");

        private final String suffix;

        Channel(String suffix) {
            this.suffix = suffix;
        }

        /** The part after the concentrator id. */
        public String suffix() {
            return suffix;
        }

        /** True for the three concentrator-to-cloud channels. */
        public boolean uplink() {
            return this != COMMANDS;
        }
    }

    /** A topic taken apart. */
    public record Parsed(String concentratorId, Channel channel) {
    }

    private Topics() {
    }

    /** True if {@code id} is a valid concentrator id. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The topic of {@code channel} for one concentrator. */
    public static String topic(String concentratorId, Channel channel) {
        if (!validId(concentratorId)) {
            throw new IllegalArgumentException("concentrator id '" + concentratorId
                    + "' is not 1..64 characters of [A-Za-z0-9._-]");
        }
        return ROOT + "/" + concentratorId + "/" + channel.suffix();
    }

    /**
     * The filter the cloud's ingest workers subscribe with: every uplink topic of every
     * concentrator, as an MQTT 5 shared subscription of {@code group} so the workers split the
     * load.
     */
    public static String sharedUplinkFilter(String group) {
        if (!validId(group)) {
            throw new IllegalArgumentException("share group '" + group + "' is not 1..64 characters of [A-Za-z0-9._-]");
        }
        return "$share/" + group + "/" + ROOT + "/+/up/#";
    }

    /** Parses a topic of this scheme; empty for anything else. */
    public static Optional<Parsed> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String rest = topic.substring(ROOT.length() + 1);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        String suffix = rest.substring(slash + 1);
        if (!validId(id)) {
            return Optional.empty();
        }
        for (Channel c : Channel.values()) {
            if (c.suffix.equals(suffix)) {
                return Optional.of(new Parsed(id, c));
            }
        }
        return Optional.empty();
    }
}
