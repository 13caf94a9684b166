package io.slotgate.cache.redis;

/**
 * The shared tier's counters, for metrics: whether the tier is trusted now, Redis errors, L1 drops (each time this
 * process stopped trusting what it had cached), invalidations waiting for Redis, L2 hits, misses, conditional writes
 * made and refused (the generation had moved), invalidations received over pub/sub, days awaited from another
 * instance's fill, and the number of bucket keys in Redis ({@code -1} when Redis cannot be asked).
 */
public record RedisStats(boolean available, long redisErrors, long l1Drops, long pendingInvalidations, long l2Hits,
                         long l2Misses, long l2Writes, long l2WritesRefused, long invalidationsReceived,
                         long leaseWaits, long l2Buckets) {
}
