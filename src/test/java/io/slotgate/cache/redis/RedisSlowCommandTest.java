package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis (or a process) slow for a moment is not a lost Redis: a bucket read that times out is a miss, and the
 * instance keeps its L1, which is what its readers are served from. Under a CPU spike in the pressure bench, one
 * such timeout used to drop every L1 copy, and the readers of the next seconds were turned away.
 */
class RedisSlowCommandTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final CacheKey.Bucket OTHER = new CacheKey.Bucket(TenantId.DEFAULT, 12, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    /** Keeps the server busy for about two seconds: every other client's command waits behind it. */
    private static final String BUSY_SCRIPT = "local s = tonumber(redis.call('TIME')[1]) "
            + "while tonumber(redis.call('TIME')[1]) < s + 2 do end return 1";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private TierInstance instance;

    @BeforeEach
    void start() {
        redis.call("FLUSHALL");
        // no health check within the test, and a short command timeout: only the slow command itself is seen
        instance = new TierInstance(RedisTier.start(RedisSettings.parse(redis.url() + "?health=1h&timeout=200ms"),
                Duration.ofHours(1)), clock);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    void aBucketReadThatTimesOutIsAMissAndTheInstanceKeepsItsL1() {
        instance.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));
        assertThat(instance.l1.get(KEY)).isPresent();
        long dropsBefore = instance.tier.stats().l1Drops();
        long errorsBefore = instance.tier.stats().redisErrors();

        CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> redis.call("EVAL", BUSY_SCRIPT, "0"));
        // reads go to Redis (not in L1) until one of them waits behind the script and times out
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(instance.shared.store().get(OTHER)).isEmpty();
            return instance.tier.stats().redisErrors() > errorsBefore;
        });

        assertThat(instance.tier.available()).as("a slow command is not a lost Redis").isTrue();
        assertThat(instance.tier.stats().l1Drops()).isEqualTo(dropsBefore);
        assertThat(instance.l1.get(KEY)).as("the copy readers are served from").isPresent();
        busy.join();
    }
}
