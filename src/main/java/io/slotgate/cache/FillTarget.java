package io.slotgate.cache;

import java.time.LocalDate;

/**
 * What one Cal.com slots call is for: one tenant's event type at one duration. The days are the call's span; every
 * bucket of the target is filled by such calls, and at most one call per target is in flight in a process.
 */
public record FillTarget(TenantId tenant, long eventTypeId, int durationMinutes) {
    public CacheKey.Bucket bucket(LocalDate day) {
        return new CacheKey.Bucket(tenant, eventTypeId, durationMinutes, day);
    }
}
