package org.openami.meter.update.slots;

import java.util.Locale;

/** One of the two firmware slots, stored in {@code slot-a/} and {@code slot-b/}. */
public enum Slot {
    /** {@code slot-a/}, the slot of a first install. */
    A,
    /** {@code slot-b/}. */
    B;

    /** The other slot. */
    public Slot other() {
        return this == A ? B : A;
    }

    /** The directory name: {@code slot-a} or {@code slot-b}. */
    public String dirName() {
        return "slot-" + id();
    }

    /** {@code a} or {@code b}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code a}/{@code b} (any case). */
    public static Slot fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return dirName();
    }
}
