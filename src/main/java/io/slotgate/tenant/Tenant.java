package io.slotgate.tenant;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;

/** Everything slotgate holds for one tenant; built by the wiring, read by the handlers. */
public record Tenant(TenantSettings settings, CalcomClient client, DayBucketCache cache, EventTypeDirectory eventTypes,
                     AvailabilityService availability) {
    public TenantId id() {
        return settings.id();
    }
}
