package io.slotgate.availability;

import io.slotgate.policy.PolicyProfile;

import java.util.Collection;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The event types the last warming round kept warm. The warming rounds write it and the cache reads it; as a value of
 * its own it is built before both, so the cache need not be told of the service that warms through it.
 */
public final class KeptWarm implements LongPredicate {
    private final Supplier<PolicyProfile> policy;
    private volatile Set<Long> eventTypes = Set.of();

    public KeptWarm(Supplier<PolicyProfile> policy) {
        this.policy = policy;
    }

    void keep(Collection<Long> eventTypeIds) {
        this.eventTypes = Set.copyOf(eventTypeIds);
    }

    /** Whether the last warming round kept this event type warm. */
    @Override
    public boolean test(long eventTypeId) {
        return policy.get().warmTopEventTypes() > 0 && eventTypes.contains(eventTypeId);
    }
}
