package io.slotgate.cache.redis;

import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateLedger;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One Cal.com key's budget shared by two instances through a real redis-server, and what each does alone. */
class RedisRateLedgerTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final Optional<String> KEY = Optional.of("cal_live_shared");
    private static final int LIMIT = 116;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private RedisTier a;
    private RedisTier b;

    @BeforeEach
    void start() {
        a = RedisTier.start(RedisSettings.parse(redis.url() + "?timeout=5s&health=100ms"), Duration.ofHours(1), clock);
        b = RedisTier.start(RedisSettings.parse(redis.url() + "?timeout=5s&health=100ms"), Duration.ofHours(1), clock);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.start(); // a test may have stopped it
        redis.call("FLUSHALL");
    }

    private static boolean take(RateLedger ledger, Instant now) {
        return ledger.take(now, RateBudget.WINDOW, LIMIT, 0).taken();
    }

    @Test
    void twoInstancesTogetherNeverTakeMoreThanOneWindowHolds() {
        RateLedger onA = a.rateLedger(KEY);
        RateLedger onB = b.rateLedger(KEY);
        Random random = new Random(7);
        int taken = 0;
        for (int i = 0; i < 300; i++) {
            taken += take(random.nextBoolean() ? onA : onB, clock.instant()) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(LIMIT);
        assertThat(redis.call("ZCARD", "sg:ratelimit:" + RedisRateLedger.fingerprint("key:" + KEY.get()) + ":calls"))
                .isEqualTo(":" + LIMIT);
        RateLedger.Take refused = onA.take(clock.instant(), RateBudget.WINDOW, LIMIT, 0);
        assertThat(refused.taken()).isFalse();
        assertThat(refused.retryIn()).as("the first call stops counting one window after it was taken")
                .isEqualTo(RateBudget.WINDOW);
        clock.advance(RateBudget.WINDOW);
        assertThat(take(onB, clock.instant())).isTrue();
    }

    @Test
    void aBlockOneInstanceLearnsStopsTheOtherToo() {
        a.rateLedger(KEY).block(clock.instant().plusSeconds(45));
        RateLedger.Take onB = b.rateLedger(KEY).take(clock.instant(), RateBudget.WINDOW, LIMIT, 0);
        assertThat(onB.taken()).isFalse();
        assertThat(onB.retryIn()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void noApiKeyIsEverWrittenToRedis() {
        a.rateLedger(KEY).take(clock.instant(), RateBudget.WINDOW, LIMIT, 0);
        assertThat(redis.reply("KEYS", "*")).isNotEmpty().allSatisfy(k -> assertThat(k).doesNotContain("cal_live"));
    }

    @Test
    void cutOffFromRedisEachInstanceSpendsItsShareAfterWhatWasSpentBeforeAndGivesItBackOnReturn() {
        RateLedger onA = a.rateLedger(KEY);
        RateLedger onB = b.rateLedger(KEY);
        for (int i = 0; i < 20; i++) {
            take(i % 2 == 0 ? onB : onA, clock.instant()); // A takes last, so it has seen all 20
        }
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.available() && !b.available());
        clock.advance(Duration.ofSeconds(1));
        int alone = 0;
        for (int i = 0; i < 200; i++) {
            alone += take(onA, clock.instant()) ? 1 : 0;
        }
        // two instances: a share is 58; the 20 taken before the loss still count against everyone, and each instance
        // may take its half of what they leave: (116 - 20) / 2 = 48, so that both together stay within 116
        assertThat(alone).isEqualTo(48);
        clock.advance(RateBudget.WINDOW.minusSeconds(1));
        int afterInherited = 0;
        for (int i = 0; i < 200; i++) {
            afterInherited += take(onA, clock.instant()) ? 1 : 0;
        }
        assertThat(afterInherited).as("once the inherited calls expire: the share, less our own still counting")
                .isEqualTo(58 - 48);

        redis.start(); // empty: it kept nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> a.available() && b.available());
        assertThat(onA.used(clock.instant())).as("A's 58 calls made alone, given back to the shared ledger")
                .isEqualTo(58);
        assertThat(take(onB, clock.instant())).isTrue();
        assertThat(onB.used(clock.instant())).as("B counts them with its own").isEqualTo(59);
    }
}
