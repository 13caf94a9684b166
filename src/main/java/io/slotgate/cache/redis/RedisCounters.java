package io.slotgate.cache.redis;

import java.util.concurrent.atomic.LongAdder;

/** The tier's counters, bumped from every class of the package and read together by {@link RedisTier#stats()}. */
final class RedisCounters {
    final LongAdder redisErrors = new LongAdder();
    /** Timeouts of commands whose failure an instance absorbs alone (see {@link TrustState#absorbed}). */
    final LongAdder absorbedTimeouts = new LongAdder();
    final LongAdder l1Drops = new LongAdder();
    final LongAdder l2Hits = new LongAdder();
    final LongAdder l2Misses = new LongAdder();
    final LongAdder l2Writes = new LongAdder();
    final LongAdder l2WritesRefused = new LongAdder();
    final LongAdder invalidationsReceived = new LongAdder();
    final LongAdder leaseWaits = new LongAdder();
    final LongAdder fillsReceived = new LongAdder();
}
