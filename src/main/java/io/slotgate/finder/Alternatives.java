package io.slotgate.finder;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The bookable slots nearest to a wanted time, best first: the wanted local day's slots by distance to the wanted
 * time, then the nearby days' (see {@link Finder#alternatives}).
 *
 * @param wantedAvailable whether a slot starts exactly at the wanted time (it is then the first of {@code slots})
 * @param radiusDays      how many local days before and after the wanted day were searched
 */
public record Alternatives(Instant wanted, ZoneId zone, boolean wantedAvailable, List<Alternative> slots,
                           int radiusDays, CacheOutcome outcome, Duration age) {
    public Alternatives {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(zone, "zone");
        slots = List.copyOf(slots);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(age, "age");
    }

    /**
     * One offered slot.
     *
     * @param dayOffset local days from the wanted day (negative before it, 0 the same day)
     * @param distance  how far its start is from the wanted time of day on its own day (on the wanted day: from the
     *                  wanted time itself)
     */
    public record Alternative(Slot slot, int dayOffset, Duration distance) {
        public Alternative {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(distance, "distance");
        }
    }
}
