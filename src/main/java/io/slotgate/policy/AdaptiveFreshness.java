package io.slotgate.policy;

import io.slotgate.cache.DayBucket;
import io.slotgate.cache.Freshness;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.TenantId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/** The active profile applied to one tenant's buckets, with what the activity tracker has seen. */
public final class AdaptiveFreshness implements FreshnessPolicy {
    private final TenantId tenant;
    private final Supplier<PolicyProfile> profile;
    private final ActivityTracker activity;

    public AdaptiveFreshness(TenantId tenant, Supplier<PolicyProfile> profile, ActivityTracker activity) {
        this.tenant = tenant;
        this.profile = profile;
        this.activity = activity;
    }

    @Override
    public Freshness freshness(DayBucket bucket, Instant now) {
        PolicyProfile p = profile.get();
        long daysAhead = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), bucket.key().day());
        boolean busy = p.busyBookingsPerHour() > 0
                && activity.bookingsLastHour(tenant, bucket.key().eventTypeId()) >= p.busyBookingsPerHour();
        boolean healthy = activity.webhooksHealthy(tenant, p.webhookSilence());
        return p.freshness(new PolicyProfile.BucketFacts(bucket.isEmpty(), daysAhead, busy, healthy));
    }
}
