package org.openami.cloud.message;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A command from the cloud to one concentrator, validated when constructed.
 *
 * @param commandId id the result will carry back: 1..64 characters of {@code [A-Za-z0-9._:-]}
 * @param commandType what to do. (Named {@code commandType}, not {@code type}: {@link Message#type()}
 *                  already returns the {@link MessageType}, {@link MessageType#COMMAND}.)
 * @param issuedAt  epoch milliseconds the cloud issued it
 * @param expiresAt epoch milliseconds after which the concentrator must not execute it; after issuedAt
 * @param point     measurement point, {@code >= 0}; 0 with meter "" addresses the concentrator itself
 *                  (for example a TIME_SYNC of all buses)
 * @param meter     "" or the meter's address: 12 decimal digits for DL/T 645, or 1..32 characters of
 *                  {@code [A-Za-z0-9:._-]} (Modbus addresses such as "bus1:17")
 * @param params    at most 16 entries; keys 1..32 characters of {@code [a-z0-9._-]}; values at most
 *                  256 characters, no control characters. Copied into an immutable map sorted by key.
 * @throws IllegalArgumentException naming the first field that breaks a rule
 */
public record Command(String commandId, CommandType commandType, long issuedAt, long expiresAt, int point,
                      String meter, Map<String, String> params) implements Message {

    public Command {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(commandType, "commandType");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(params, "params");
        String problem = TextRules.commandIdProblem(commandId);
        if (problem != null) {
            throw new IllegalArgumentException("commandId: " + problem);
        }
        if (expiresAt <= issuedAt) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is not after issuedAt " + issuedAt);
        }
        if (point < 0) {
            throw new IllegalArgumentException("point " + point + " is negative");
        }
        problem = TextRules.meterProblem(meter);
        if (problem != null) {
            throw new IllegalArgumentException("meter: " + problem);
        }
        if (params.size() > MessageLimits.MAX_PARAMS) {
            throw new IllegalArgumentException("params: " + params.size() + " entries, at most "
                    + MessageLimits.MAX_PARAMS + " allowed");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "params key");
            String value = Objects.requireNonNull(e.getValue(), "params value");
            problem = TextRules.paramKeyProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException("params key \"" + printable(key) + "\": " + problem);
            }
            problem = TextRules.textProblem(value, MessageLimits.MAX_PARAM_VALUE_LENGTH, false);
            if (problem != null) {
                throw new IllegalArgumentException("params[" + key + "]: " + problem);
            }
            sorted.put(key, value);
        }
        params = Collections.unmodifiableMap(sorted);
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND;
    }

    private static String printable(String key) {
        String cut = key.length() > 40 ? key.substring(0, 40) + "..." : key;
        StringBuilder b = new StringBuilder();
        cut.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }
}
