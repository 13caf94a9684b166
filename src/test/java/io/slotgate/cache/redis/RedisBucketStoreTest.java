package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RedisBucketStoreTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    private static final Slot LATE = Slot.of(Instant.parse("2030-05-06T23:45:00Z"), Duration.ofMinutes(45));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private TierInstance instance;

    @BeforeEach
    void start() {
        redis.call("FLUSHALL");
        instance = new TierInstance(redis.url() + "?retention=2h", clock);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    void aBucketRoundTripsThroughRedisWithSlotsFetchTimeAndGeneration() {
        DayBucket bucket = new DayBucket(KEY, List.of(NINE, LATE), Instant.parse("2030-05-01T10:11:12.345Z"), 0);
        assertThat(instance.shared.store().l2().putIfNewer(bucket)).isEqualTo(RedisBucketStore.Write.WRITTEN);

        assertThat(instance.shared.store().l2().get(KEY)).contains(bucket);
        assertThat(redis.call("GET", KEY.render())).startsWith("4|");
    }

    @Test
    void anEmptyDayRoundTripsAsAnEmptyBucket() {
        DayBucket empty = new DayBucket(KEY, List.of(), clock.instant(), 0);
        instance.shared.store().l2().putIfNewer(empty);

        assertThat(instance.shared.store().l2().get(KEY)).contains(empty);
    }

    @Test
    void redisKeepsABucketForTheRetentionOnlyAndSlotgatesPolicyDecidesFreshness() {
        AtomicInteger calls = new AtomicInteger();
        var filler = (TierInstance.Filler) days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        };
        assertThat(instance.lookup(KEY, DAY, DAY, filler).outcome()).isEqualTo(CacheOutcome.MISS);
        long ttl = Long.parseLong(redis.call("PTTL", KEY.render()).substring(1));
        assertThat(ttl).isBetween(Duration.ofHours(2).minusMinutes(1).toMillis(), Duration.ofHours(2).toMillis());

        clock.advance(Duration.ofSeconds(61)); // past the 60 s freshness, well within Redis's retention
        assertThat(instance.shared.store().l2().get(KEY)).isPresent();
        assertThat(instance.lookup(KEY, DAY, DAY, filler).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aBucketInRedisIsPromotedToL1AndServedWithoutAnUpstreamCall() {
        DayBucket bucket = new DayBucket(KEY, List.of(NINE), clock.instant(), 0);
        instance.shared.store().l2().putIfNewer(bucket);
        assertThat(instance.l1.get(KEY)).isEmpty();

        var lookup = instance.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected");
        });
        assertThat(lookup.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(instance.l1.get(KEY)).contains(bucket);
        assertThat(instance.tier.stats().l2Hits()).isEqualTo(1);
        assertThat(instance.tier.stats().l2Buckets()).isEqualTo(1);
    }
}
