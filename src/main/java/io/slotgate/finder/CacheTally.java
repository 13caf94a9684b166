package io.slotgate.finder;

import io.slotgate.availability.Availability;
import io.slotgate.cache.CacheOutcome;

import java.time.Duration;

/**
 * Folds the cache outcomes of several lookups into one: HIT only if all were, MISS only if all were, STALE when every
 * lookup was served from cache and at least one of them stale.
 */
final class CacheTally {
    private CacheOutcome outcome;
    private Duration age = Duration.ZERO;

    void add(Availability answer) {
        outcome = outcome == null ? answer.outcome() : outcome.and(answer.outcome());
        if (answer.age().compareTo(age) > 0) {
            age = answer.age();
        }
    }

    /** HIT when nothing had to be looked up at all (nothing left in the horizon): no upstream call was made. */
    CacheOutcome outcome() {
        return outcome == null ? CacheOutcome.HIT : outcome;
    }

    Duration age() {
        return age;
    }
}
