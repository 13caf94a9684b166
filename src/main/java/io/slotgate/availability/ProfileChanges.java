package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.DayChange;
import io.slotgate.policy.InvalidationScope;
import io.slotgate.policy.KeyMode;
import io.slotgate.policy.PolicyProfile;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * What a change of a day means for the cache under the active profile, so the simulator's profiles differ in this
 * one place.
 */
final class ProfileChanges {
    private final DayBucketCache cache;
    private final Supplier<PolicyProfile> policy;
    private final ExactQueryAnswers exactQueries;

    ProfileChanges(DayBucketCache cache, Supplier<PolicyProfile> policy, ExactQueryAnswers exactQueries) {
        this.cache = cache;
        this.policy = policy;
        this.exactQueries = exactQueries;
    }

    void changed(CacheKey.Generation day, DayChange change) {
        PolicyProfile profile = policy.get();
        if (settledWithoutBuckets(profile, day)) {
            return;
        }
        if (change instanceof DayChange.Busy && !profile.patchOnWebhook()) {
            cache.change(day, new DayChange.Dropped(change.learnedAt(), "busy-unpatched"));
        } else {
            cache.change(day, change);
        }
    }

    void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
        PolicyProfile profile = policy.get();
        if (settledWithoutBuckets(profile, day)) {
            return;
        }
        if (profile.patchOnWebhook()) {
            cache.refetch(day, learnedAt);
        } else {
            cache.change(day, new DayChange.Dropped(learnedAt, "freed-unpatched"));
        }
    }

    /** TTL only leaves every copy as it is; the seed's hybrid forgets the event type's exact queries instead. */
    private boolean settledWithoutBuckets(PolicyProfile profile, CacheKey.Generation day) {
        if (profile.invalidation() == InvalidationScope.NONE) {
            return true;
        }
        if (profile.keys() == KeyMode.EXACT_QUERY) {
            exactQueries.removeEventType(day.eventTypeId());
            return true;
        }
        return false;
    }
}
