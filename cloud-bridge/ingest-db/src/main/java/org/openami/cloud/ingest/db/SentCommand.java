package org.openami.cloud.ingest.db;

import java.util.Objects;

/**
 * A command the cloud sends to a meter through its concentrator, as {@link CommandLog} records it.
 *
 * @param commandId      unique id, carried by the command and by its result
 * @param concentratorId the concentrator it is sent to; only its results are accepted
 * @param type           what is asked, e.g. "TRIP"
 * @param point          measurement point of the meter
 * @param meter          the meter's address
 * @param paramsJson     parameters as a JSON document (at most {@link Limits#MAX_PARAMS_CHARS} characters)
 * @param issuedAt       epoch milliseconds it was issued
 * @param expiresAt      epoch milliseconds after which it is void
 */
public record SentCommand(String commandId, String concentratorId, String type, int point, String meter,
                          String paramsJson, long issuedAt, long expiresAt) {

    public SentCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(concentratorId, "concentratorId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(paramsJson, "paramsJson");
        if (expiresAt < issuedAt) {
            throw new IllegalArgumentException("command " + commandId + " expires (" + expiresAt
                    + ") before it is issued (" + issuedAt + ")");
        }
    }
}
