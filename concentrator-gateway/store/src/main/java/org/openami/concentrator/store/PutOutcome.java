package org.openami.concentrator.store;

/**
 * What {@link ForwardStore#putReadings} did with the readings it was given. Every reading is
 * counted in exactly one field.
 *
 * @param added     new keys, appended to the outbox
 * @param replaced  keys already stored and not yet delivered, with a different value or meter:
 *                  the old entry was removed and the new one appended with a new sequence number
 * @param unchanged keys already stored with the same meter and value: nothing written
 * @param ignored   keys already delivered with a different value or meter: the delivered value
 *                  is kept and the new one dropped (counted in
 *                  {@link StoreStatistics#correctionsIgnored()})
 */
public record PutOutcome(int added, int replaced, int unchanged, int ignored) {

    /** Nothing happened. */
    public static final PutOutcome NONE = new PutOutcome(0, 0, 0, 0);

    /** The field-wise sum. */
    public PutOutcome plus(PutOutcome other) {
        return new PutOutcome(added + other.added, replaced + other.replaced,
                unchanged + other.unchanged, ignored + other.ignored);
    }
}
