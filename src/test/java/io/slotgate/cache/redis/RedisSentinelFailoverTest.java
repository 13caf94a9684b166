package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.RedisSentinelSetup;
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
import static org.awaitility.Awaitility.await;

/**
 * A Sentinel failover under two slotgate instances: a real master, replica and sentinel; the sentinel promotes the
 * replica while both instances hold buckets in L1. They must follow the new master (reads, conditional writes and
 * the invalidation broadcast) and never serve a bucket older than the last invalidation.
 */
class RedisSentinelFailoverTest {
    @RegisterExtension
    static final RedisSentinelSetup sentinel = RedisSentinelSetup.withReplica();

    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    private static final Duration RECONNECT = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private TierInstance a;
    private TierInstance b;

    @BeforeEach
    void start() {
        a = new TierInstance(sentinel.url(), clock);
        b = new TierInstance(sentinel.url(), clock);
        // both read the day, so an invalidation would also queue a background refetch, racing the checks below
        a.cache.setRefreshOnInvalidate(false);
        b.cache.setRefreshOnInvalidate(false);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void afterAFailoverBothInstancesFollowTheNewMasterAndAnInvalidationStillReachesThem() {
        assertThat(a.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null)).outcome())
                .isEqualTo(CacheOutcome.MISS);
        assertThat(b.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected: a filled the day");
        }).outcome()).isEqualTo(CacheOutcome.HIT);
        await().atMost(RECONNECT).until(() -> sentinel.replica().call("EXISTS", KEY.render()).equals(":1"));

        long aDropsBefore = a.tier.stats().l1Drops();
        long bDropsBefore = b.tier.stats().l1Drops();
        sentinel.failover();

        assertThat(sentinel.master().reply("ROLE").get(0)).as("the old master's role").isEqualTo("slave");
        // the sentinel cut every client of the old master: both instances noticed, dropped L1 and reconnected
        await("both instances dropped L1 and are back").atMost(RECONNECT).until(() ->
                a.tier.stats().l1Drops() > aDropsBefore && a.tier.available()
                        && b.tier.stats().l1Drops() > bDropsBefore && b.tier.available());
        // the bucket survived on the new master: b reads it from there, without calling Cal.com
        assertThat(b.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected: the bucket was replicated");
        }).buckets().get(0).slots()).containsExactly(NINE);

        // an invalidation on a reaches b through the new master's pub/sub, and a's refill is written there
        a.cache.invalidate(KEY.generation());
        await().atMost(RECONNECT).until(() -> b.shared.generations().current(KEY.generation()) == 1);
        AtomicInteger calls = new AtomicInteger();
        var after = b.lookup(KEY, DAY, DAY, days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(), null);
        });
        assertThat(after.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(calls).hasValue(1);
        assertThat(sentinel.replica().call("EXISTS", KEY.render())).as("the refill on the new master").isEqualTo(":1");
        assertThat(a.shared.store().l2().get(KEY)).hasValueSatisfying(bucket -> {
            assertThat(bucket.generation()).isEqualTo(1);
            assertThat(bucket.slots()).isEmpty();
        });
    }
}
