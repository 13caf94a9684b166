package io.slotgate.tenant;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.invalidation.Invalidation;

/** Everything slotgate holds for one tenant; built by the wiring, read by the handlers. */
public record Tenant(TenantSettings settings, CalcomClient client, DayBucketCache cache, EventTypeDirectory eventTypes,
                     AvailabilityService availability, Invalidation invalidation) {
    public TenantId id() {
        return settings.id();
    }
}
