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
        outcome = outcome == null ? answer.outcome() : fold(outcome, answer.outcome());
        if (answer.age().compareTo(age) > 0) {
            age = answer.age();
        }
    }

    /** HIT when nothing had to be looked up at all (nothing left in the horizon): no upstream call was made. */
    CacheOutcome outcome() {
        return outcome == null ? CacheOutcome.HIT : outcome;
    }

    private static CacheOutcome fold(CacheOutcome a, CacheOutcome b) {
        if (a == b) {
            return a;
        }
        boolean aCached = a == CacheOutcome.HIT || a == CacheOutcome.STALE;
        boolean bCached = b == CacheOutcome.HIT || b == CacheOutcome.STALE;
        return aCached && bCached ? CacheOutcome.STALE : CacheOutcome.PARTIAL;
    }

    Duration age() {
        return age;
    }
}
