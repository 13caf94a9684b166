package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.Lookup;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.time.MutableClock;
import org.awaitility.Awaitility;
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

class RedisFillLeaseTest {
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
        a = new TierInstance(redis.url() + "?lease=5s", clock);
        b = new TierInstance(redis.url() + "?lease=5s", clock);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void aSecondInstanceWaitsForTheFillInProgressElsewhereInsteadOfCallingCalcom() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger aCalls = new AtomicInteger();
        AtomicInteger bCalls = new AtomicInteger();
        TierInstance.Filler slow = days -> {
            aCalls.incrementAndGet();
            entered.countDown();
            await(release);
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        };
        TierInstance.Filler counting = days -> {
            bCalls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(), null);
        };
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Lookup> first = pool.submit(() -> a.lookup(KEY, DAY, DAY.plusDays(2), slow));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Lookup> second = pool.submit(() -> b.lookup(KEY, DAY, DAY.plusDays(2), counting));
            // b has found all three days leased by a, so it waits for a's fill instead of calling Cal.com
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.tier.stats().leaseWaits() == 3);
            assertThat(second.isDone()).isFalse();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).buckets()).hasSize(3);
            Lookup waited = second.get(10, TimeUnit.SECONDS);
            assertThat(waited.buckets().get(0).slots()).containsExactly(NINE);
        }
        assertThat(aCalls).hasValue(1);
        assertThat(bCalls).hasValue(0);
        assertThat(b.tier.stats().leaseWaits()).isEqualTo(3);
    }

    @Test
    void aFillWhoseLeaseHolderGaveUpWithoutABucketIsFetchedAtOnceNotAfterTheLease() throws Exception {
        // another instance took the lease and died without releasing it: we wait at most the lease, never forever
        redis.call("SET", "sg:default:lease:11:30:2030-05-06", "someone-else", "PX", "1500");
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        Lookup lookup = a.lookup(KEY, DAY, DAY, days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        });
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(lookup.buckets().get(0).slots()).containsExactly(NINE);
        assertThat(calls).hasValue(1);
        assertThat(waitedMs).isBetween(1000L, 4900L);
    }

}
