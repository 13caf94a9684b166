package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.UpToDate;
import io.slotgate.cache.Lookup;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.slotgate.support.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

class RedisConditionalWriteTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private TierInstance a;
    private TierInstance b;

    @BeforeEach
    void start() {
        redis.call("FLUSHALL");
        a = new TierInstance(redis.url(), clock);
        b = new TierInstance(redis.url(), clock);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void aBucketOfAGenerationADropMovedOnIsServedNowhereAndALaterFetchIsNeverReplacedByAnEarlierOne() {
        b.cache.invalidate(KEY.generation());

        DayBucket startedUnderZero = new DayBucket(KEY, List.of(NINE), clock.instant(), 0);
        a.shared.store().put(startedUnderZero);
        assertThat(a.shared.generations().current(KEY.generation())).isEqualTo(1);
        assertThat(a.shared.store().get(KEY)).as("stored, but behind a drop: it cannot be brought up to date")
                .hasValueSatisfying(bucket -> assertThat(UpToDate.of(bucket, a.shared.generations())).isEmpty());
        assertThat(b.shared.store().l2().get(KEY)).as("the other instance reads it from Redis, and cannot either")
                .hasValueSatisfying(bucket -> assertThat(UpToDate.of(bucket, b.shared.generations())).isEmpty());
        assertThat(b.shared.store().get(KEY).flatMap(bucket -> UpToDate.of(bucket, b.shared.generations())))
                .isEmpty();

        DayBucket later = new DayBucket(KEY, List.of(), clock.instant().plusSeconds(1), 1);
        assertThat(b.shared.store().l2().putIfNewer(later)).isEqualTo(RedisBucketStore.Write.WRITTEN);
        assertThat(a.shared.store().l2().putIfNewer(startedUnderZero)).as("an earlier fetch")
                .isEqualTo(RedisBucketStore.Write.REFUSED);
        assertThat(a.shared.store().l2().get(KEY)).contains(later);
    }

    @Test
    void anInvalidationOnAnotherInstanceDuringAFillKeepsTheStaleResultOutOfL1AndL2() throws Exception {
        assertStaleFillIsNotStored(() -> b.cache.invalidate(KEY.generation()));
    }

    @Test
    void anInvalidationOnTheSameInstanceDuringAFillKeepsTheStaleResultOutOfL1AndL2() throws Exception {
        // the day was just read, so the invalidation would also queue a background refetch of it; that refetch is
        // right in service but races this test's checks of what the stale fill left behind
        a.refreshOnInvalidate.set(false);
        assertStaleFillIsNotStored(() -> a.cache.invalidate(KEY.generation()));
    }

    private void assertStaleFillIsNotStored(Runnable invalidation) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        TierInstance.Filler slow = days -> {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                await(release);
                return new CalcomOutcome.Success<>(List.of(NINE), null); // read before the change
            }
            return new CalcomOutcome.Success<>(List.of(), null); // read after it
        };
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Lookup> fill = pool.submit(() -> a.lookup(KEY, DAY, DAY, slow));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            invalidation.run();
            release.countDown();
            assertThat(fill.get(5, TimeUnit.SECONDS).buckets().get(0).slots())
                    .as("the reader is not given the answer that predates the change: it waits for the next call")
                    .isEmpty();
        }
        assertThat(calls).hasValue(2);
        assertThat(a.l1.get(KEY)).hasValueSatisfying(b -> assertThat(b.slots()).isEmpty());
        assertThat(a.shared.store().l2().get(KEY)).as("what Redis holds is the call after the change")
                .hasValueSatisfying(b -> assertThat(b.slots()).isEmpty());
        assertThat(a.lookup(KEY, DAY, DAY, slow).outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(b.lookup(KEY, DAY, DAY, slow).outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(calls).hasValue(2);
    }

}
