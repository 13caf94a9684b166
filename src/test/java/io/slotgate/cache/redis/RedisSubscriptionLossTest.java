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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisSubscriptionLossTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private TierInstance instance;

    @BeforeEach
    void start() {
        redis.call("FLUSHALL");
        instance = new TierInstance(redis.url() + "?health=200ms", clock);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    void anInstanceThatLosesItsSubscriptionDropsItsL1AndCountsIt() {
        instance.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));
        assertThat(instance.l1.get(KEY)).isPresent();
        long dropsBefore = instance.tier.stats().l1Drops();

        assertThat(redis.call("CLIENT", "KILL", "TYPE", "pubsub")).isNotEqualTo(":0");

        await().atMost(Duration.ofSeconds(20)).until(() -> instance.tier.stats().l1Drops() > dropsBefore);
        assertThat(instance.l1.get(KEY)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> instance.tier.available());
        // resubscribed: the bucket comes back from L2, not from Cal.com
        var again = instance.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected");
        });
        assertThat(again.outcome()).isEqualTo(CacheOutcome.HIT);
    }

    @Test
    void anInvalidationPublishedByAnotherInstanceReachesThisInstancesView() {
        instance.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));
        try (TierInstance other = new TierInstance(redis.url(), clock)) {
            other.cache.invalidate(KEY.generation());
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> instance.shared.generations().current(KEY.generation()) == 1);
        assertThat(instance.tier.stats().invalidationsReceived()).isEqualTo(1); // once: one subscription
        assertThat(instance.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(), null))
                .outcome()).isEqualTo(CacheOutcome.MISS);
    }
}
