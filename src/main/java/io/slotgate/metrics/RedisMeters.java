package io.slotgate.metrics;

import io.micrometer.core.instrument.Tags;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.cache.redis.RedisStats;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The shared tier's figures (one tier per process). {@link RedisTier#stats()} asks Redis, so the meters share one
 * reading, at most a second old, however many of them a scrape reads.
 */
final class RedisMeters {
    private static final Duration STATS_MAX_AGE = Duration.ofSeconds(1);

    private RedisMeters() {
    }

    static void bind(Meters meters, RedisTier redis) {
        Supplier<RedisStats> stats = memoized(redis::stats, STATS_MAX_AGE);
        Tags none = Tags.empty();
        meters.gauge("slotgate.l2.available", none, "1 while this process trusts the shared tier (Redis), else 0",
                () -> stats.get().available() ? 1 : 0);
        meters.gauge("slotgate.l2.buckets", none, "Day-bucket keys in Redis (-1 when Redis cannot be asked)",
                () -> stats.get().l2Buckets());
        meters.gauge("slotgate.l2.pending_invalidations", none, "Invalidations waiting for Redis to come back",
                () -> stats.get().pendingInvalidations());
        meters.functionCounter("slotgate.l2.hits", none, "Days found in Redis after an L1 miss", stats,
                s -> s.get().l2Hits());
        meters.functionCounter("slotgate.l2.misses", none, "Days not found in Redis either", stats,
                s -> s.get().l2Misses());
        meters.functionCounter("slotgate.l2.writes", none, "Conditional writes to Redis made, by result",
                stats, s -> s.get().l2Writes());
        meters.functionCounter("slotgate.l2.writes_refused", none,
                "Conditional writes to Redis refused because the generation had moved", stats,
                s -> s.get().l2WritesRefused());
        meters.functionCounter("slotgate.l2.errors", none, "Redis errors", stats, s -> s.get().redisErrors());
        meters.functionCounter("slotgate.l2.l1_drops", none,
                "Times this process dropped its L1 because it may have missed invalidations", stats,
                s -> s.get().l1Drops());
        meters.functionCounter("slotgate.l2.invalidations_received", none,
                "Invalidations received from other instances over pub/sub", stats,
                s -> s.get().invalidationsReceived());
        meters.functionCounter("slotgate.l2.lease_waits", none, "Days awaited from another instance's fill", stats,
                s -> s.get().leaseWaits());
    }

    private static <T> Supplier<T> memoized(Supplier<T> source, Duration maxAge) {
        return new Supplier<>() {
            private T value;
            private long readAt;

            @Override
            public synchronized T get() {
                long now = System.nanoTime();
                if (value == null || now - readAt > maxAge.toNanos()) {
                    value = source.get();
                    readAt = now;
                }
                return value;
            }
        };
    }
}
