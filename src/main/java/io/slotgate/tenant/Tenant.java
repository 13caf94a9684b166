package io.slotgate.tenant;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.availability.EventTypeNames;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.invalidation.Invalidation;
import io.slotgate.ops.StalenessVerifier;
import io.slotgate.ops.UpstreamLedger;

/** Everything slotgate holds for one tenant; built by the wiring, read by the handlers. */
public record Tenant(TenantSettings settings, CalcomClient client, UpstreamLedger ledger, DayBucketCache cache,
                     BucketStore store, EventTypeDirectory eventTypes,
                     EventTypeNames names, AvailabilityService availability, Invalidation invalidation,
                     StalenessVerifier verifier) {
    public TenantId id() {
        return settings.id();
    }
}
