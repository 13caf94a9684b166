package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FillFailedException;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.policy.KeyMode;
import io.slotgate.policy.PolicyProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Keeps the most-asked event types' next days fresh, and remembers which ones the last round kept warm. */
final class WarmingRound {
    // the category operators already filter on: skipped rounds were logged there before the split
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityService.class);
    private final TenantId tenant;
    private final DayBucketCache cache;
    private final EventTypeDirectory eventTypes;
    private final Clock clock;
    private final Supplier<PolicyProfile> policy;
    private final QueryStats queryStats;
    private final KeptWarm keptWarm;

    WarmingRound(TenantId tenant, DayBucketCache cache, EventTypeDirectory eventTypes, Clock clock,
                 Supplier<PolicyProfile> policy, QueryStats queryStats, KeptWarm keptWarm) {
        this.keptWarm = keptWarm;
        this.tenant = tenant;
        this.cache = cache;
        this.eventTypes = eventTypes;
        this.clock = clock;
        this.policy = policy;
        this.queryStats = queryStats;
    }

    int warm() {
        PolicyProfile profile = policy.get();
        if (profile.keys() != KeyMode.DAY_BUCKETS || profile.warmTopEventTypes() == 0) {
            keptWarm.keep(Set.of());
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Duration margin = profile.warmEvery().plusSeconds(5);
        int refreshed = 0;
        List<Long> top = queryStats.top(profile.warmTopEventTypes());
        keptWarm.keep(top);
        for (long eventTypeId : top) {
            try {
                EventTypeInfo info = eventTypes.get(eventTypeId);
                // the default length in the UTC class: what the event type's plain queries read
                CacheKey.Bucket template = new CacheKey.Bucket(tenant, eventTypeId, info.lengthMinutes(), today);
                if (cache.warm(template, today, today.plusDays(profile.warmDays() - 1L), margin, Priority.WARMING)) {
                    refreshed++;
                }
            } catch (FillFailedException e) {
                // the event type could not be described now (the budget is spent, Cal.com failed): the next round
                LOG.debug("warming event type {} skipped: {}", eventTypeId, e.getMessage());
            }
        }
        queryStats.decay();
        return refreshed;
    }

    boolean isKeptWarm(long eventTypeId) {
        return keptWarm.test(eventTypeId);
    }
}
