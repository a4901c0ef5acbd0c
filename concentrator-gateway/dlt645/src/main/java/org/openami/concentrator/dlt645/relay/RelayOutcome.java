package org.openami.concentrator.dlt645.relay;

import java.util.Objects;

/**
 * What became of a control command ({@link RelayActuator#apply}).
 *
 * @param followed      the meter's status word 3, read back, shows what the command asked for
 * @param contactOpen   the contacts were open at the last status read (false if never read)
 * @param commandedOpen the meter was commanded open at the last status read (false if never read)
 * @param attempts      commands sent, each with its own counter (at least 1)
 * @param detail        what happened, for operators: "contact open", "relay did not follow:
 *                      contact still closed after TRIP (welded?)", "meter refused the command:
 *                      authentication code does not verify ..."
 * @param statusKnown   whether status word 3 could be read at all; when false the two contact
 *                      fields say nothing
 */
public record RelayOutcome(boolean followed, boolean contactOpen, boolean commandedOpen, int attempts, String detail,
                           boolean statusKnown) {

    public RelayOutcome {
        Objects.requireNonNull(detail, "detail");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts + " < 1");
        }
    }

    static RelayOutcome of(boolean followed, RelayStatus last, int attempts, String detail) {
        return last == null ? new RelayOutcome(followed, false, false, attempts, detail, false)
                : new RelayOutcome(followed, last.contactOpen(), last.commandedOpen(), attempts, detail, true);
    }
}
