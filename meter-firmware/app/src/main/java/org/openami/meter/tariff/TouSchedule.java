package org.openami.meter.tariff;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openami.meter.register.Tariff;

/**
 * The two switchable time-of-use sets of a meter (两套日时段表): the set in force, the other
 * one, and an optional switch-over time at which the other set takes over (DL/T 645-2007
 * {@code 04000107}, 两套日时段切换时间). Immutable; {@link #at} returns the schedule after
 * any switch-over that is due.
 *
 * @param first       set 1 (第一套)
 * @param second      set 2 (第二套)
 * @param secondActive whether set 2 is the one in force
 * @param switchOver  when the set not in force takes over, if planned
 */
public record TouSchedule(DayTable first, DayTable second, boolean secondActive, Optional<LocalDateTime> switchOver) {

    public TouSchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(switchOver, "switchOver");
    }

    /** Both sets the {@link DayTable#typical() typical} table, set 1 in force. */
    public static TouSchedule typical() {
        return new TouSchedule(DayTable.typical(), DayTable.typical(), false, Optional.empty());
    }

    public DayTable active() {
        return secondActive ? second : first;
    }

    /** The schedule as it stands at {@code now}: swapped if the switch-over time has come. */
    public TouSchedule at(LocalDateTime now) {
        if (switchOver.isPresent() && !now.isBefore(switchOver.get())) {
            return new TouSchedule(first, second, !secondActive, Optional.empty());
        }
        return this;
    }

    public Tariff tariffAt(LocalDateTime now) {
        return at(now).active().tariffAt(now.toLocalTime());
    }

    public TouSchedule withSet(int set, DayTable table) {
        return switch (set) {
            case 1 -> new TouSchedule(table, second, secondActive, switchOver);
            case 2 -> new TouSchedule(first, table, secondActive, switchOver);
            default -> throw new IllegalArgumentException("TOU set must be 1 or 2, was " + set);
        };
    }

    public TouSchedule withSwitchOver(Optional<LocalDateTime> when) {
        return new TouSchedule(first, second, secondActive, when);
    }
}
