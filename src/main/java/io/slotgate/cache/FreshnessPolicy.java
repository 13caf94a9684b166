package io.slotgate.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a bucket may be served. Decided here, at read time, not by the store's expiry, so a policy change (a
 * reload, a rollback) applies at once to buckets already cached.
 */
@FunctionalInterface
public interface FreshnessPolicy {
    Freshness freshness(DayBucket bucket, Instant now);

    default boolean isFresh(DayBucket bucket, Instant now) {
        return bucket.age(now).compareTo(freshness(bucket, now).freshFor()) < 0;
    }

    /** A fixed TTL with a shorter one for empty days, as the seed's CalcomService does; never serves stale. */
    record Ttl(Duration withSlots, Duration whenEmpty) implements FreshnessPolicy {
        public Ttl {
            if (withSlots.isNegative() || whenEmpty.isNegative()) {
                throw new IllegalArgumentException("TTLs must not be negative");
            }
        }

        /** The seed's phase 1: 60 s for days with slots, 30 s for empty days. */
        public static Ttl seedPhase1() {
            return new Ttl(Duration.ofSeconds(60), Duration.ofSeconds(30));
        }

        @Override
        public Freshness freshness(DayBucket bucket, Instant now) {
            return Freshness.only(bucket.isEmpty() ? whenEmpty : withSlots);
        }
    }
}
