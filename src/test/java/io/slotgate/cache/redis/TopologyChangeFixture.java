package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one Redis topology, one day filled by {@code a}, and the check every topology change must pass
 * afterwards: an invalidation on one instance reaches the other, and the refill is stored under the new generation.
 */
abstract class TopologyChangeFixture {
    static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    static final Duration PROPAGATION = Duration.ofSeconds(20);

    final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    TierInstance a;
    TierInstance b;

    abstract String url();

    @BeforeEach
    void startInstances() {
        a = new TierInstance(url(), clock);
        b = new TierInstance(url(), clock);
        // both read the day, so an invalidation would also queue a background refetch, racing the checks
        a.refreshOnInvalidate.set(false);
        b.refreshOnInvalidate.set(false);
    }

    @AfterEach
    void stopInstances() {
        a.close();
        b.close();
    }

    /** The generation field of the bucket stored under {@code key} on {@code node} ({@code 1|fetchedAt|generation|...}). */
    static String generationStoredOn(RedisServerProcess node, String key) {
        return node.call("GET", key).split("\\|")[2];
    }

    /** {@code a} fills the day from Cal.com (NINE free). */
    void fillTheDay() {
        assertThat(a.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null)).outcome())
                .isEqualTo(CacheOutcome.MISS);
    }

    /** {@code reader} gets the day's bucket from the shared tier, without a Cal.com call. */
    static void readsTheFilledDayWithoutCalcom(TierInstance reader) {
        assertThat(reader.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected: the bucket is in the shared tier");
        }).buckets().get(0).slots()).containsExactly(NINE);
    }

    /**
     * {@code invalidator} invalidates the day; {@code reader} hears of it, no longer serves its copy, refills it (now
     * with nothing free) and the shared tier holds that refill under generation 1.
     */
    static void anInvalidationReachesTheOtherAndItsRefillIsShared(TierInstance invalidator, TierInstance reader) {
        invalidator.cache.invalidate(KEY.generation());
        await().atMost(PROPAGATION).until(() -> reader.shared.generations().current(KEY.generation()) == 1);
        AtomicInteger calls = new AtomicInteger();
        var after = reader.lookup(KEY, DAY, DAY, days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(), null);
        });
        assertThat(after.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(calls).hasValue(1);
        assertThat(invalidator.shared.store().l2().get(KEY)).hasValueSatisfying(bucket -> {
            assertThat(bucket.generation()).isEqualTo(1);
            assertThat(bucket.slots()).isEmpty();
        });
    }
}
