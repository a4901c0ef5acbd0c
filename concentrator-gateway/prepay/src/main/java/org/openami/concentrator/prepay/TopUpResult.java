package org.openami.concentrator.prepay;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a top-up (or of an opening balance or adjustment, which share it). The first
 * outcome for an id is stored with the ledger and returned unchanged when the id comes again.
 *
 * @param applied    whether the amount was booked
 * @param reason     why not, or what was done, in words
 * @param balanceFen the balance afterwards (unchanged if not applied; 0 for an unknown account)
 * @param decisions  what the new balance calls for (e.g. {@link Action#RECONNECT}); empty if not applied
 */
public record TopUpResult(boolean applied, String reason, long balanceFen, List<Decision> decisions) {

    public TopUpResult {
        Objects.requireNonNull(reason, "reason");
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
}
