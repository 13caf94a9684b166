package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.Lookup;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's availability: turns a query into day buckets, has the cache compose them, then filters at serve time
 * (Cal.com hides slots in the past and inside the minimum booking notice, and that boundary moves with the clock)
 * and clips to the query's range.
 */
public final class AvailabilityService {
    private final TenantId tenant;
    private final CalcomClient client;
    private final DayBucketCache cache;
    private final EventTypeDirectory eventTypes;
    private final Clock clock;

    public AvailabilityService(TenantId tenant, CalcomClient client, DayBucketCache cache,
                               EventTypeDirectory eventTypes, Clock clock) {
        this.tenant = tenant;
        this.client = client;
        this.cache = cache;
        this.eventTypes = eventTypes;
        this.clock = clock;
    }

    /**
     * A user's query: missing days are fetched at {@link Priority#USER}.
     *
     * @throws io.slotgate.cache.FillFailedException when a missing day could not be had from Cal.com
     */
    public Availability slots(SlotsQuery query) {
        return slots(query, Priority.USER);
    }

    /**
     * The same at another priority, for refreshes, warming and verification: missing days are fetched at
     * {@code priority}, so the rate budget can refuse them at once to keep tokens for users (a refusal is a
     * {@link io.slotgate.cache.FillFailedException} carrying {@link io.slotgate.calcom.CalcomOutcome.RateLimited}).
     * Mind that queries missing the same days meanwhile wait on this fill, and share its refusal.
     *
     * @throws io.slotgate.cache.FillFailedException when a missing day could not be had from Cal.com
     */
    public Availability slots(SlotsQuery query, Priority priority) {
        EventTypeInfo info = eventTypes.get(query.eventTypeId());
        int durationKey = query.durationMinutes().orElse(info.lengthMinutes());
        var template = new CacheKey.Bucket(tenant, query.eventTypeId(), durationKey, query.range().firstUtcDay());
        Lookup lookup = cache.lookup(template, query.range().firstUtcDay(), query.range().lastUtcDay(),
                days -> client.slots(query.eventTypeId(), days, query.durationMinutes(), priority));
        Instant earliest = clock.instant().plus(info.minimumNotice());
        return new Availability(visible(lookup, query.range(), earliest), lookup.outcome(), lookup.age());
    }

    private static List<Slot> visible(Lookup lookup, TimeRange range, Instant earliest) {
        List<Slot> slots = new ArrayList<>();
        for (DayBucket bucket : lookup.buckets()) {
            for (Slot slot : bucket.slots()) {
                if (range.contains(slot.start()) && !slot.start().isBefore(earliest)) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }

    public TenantId tenant() {
        return tenant;
    }

    public CalcomClient client() {
        return client;
    }
}
