package io.slotgate.http;

import io.slotgate.app.Slotgate;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Redis stops in the middle and comes back (empty: the test server persists nothing). */
class RedisOutageEndToEndTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final long EVENT_TYPE = 1006;
    private static final String WEEK =
            "/v2/slots?eventTypeId=1006&start=2030-01-07&end=2030-01-13&timeZone=Europe/Berlin";
    private static final LocalDate TUESDAY = LocalDate.of(2030, 1, 8);

    private Stack stack;
    private Slotgate a;
    private Slotgate b;

    @BeforeEach
    void start() {
        redis.start();
        redis.call("FLUSHALL");
        // PINNED (divergence: Cal.com's own slots result cache, withSlotsCache, 2 s). On this frozen clock a query
        // repeated after a booking gets Cal.com's pre-booking answer, so slotgate's refetch after an invalidation
        // (and this test's own look at Cal.com) would see the old slots. Until slotgate is taught that cache, the
        // emulator runs without it here. Remove withoutSlotsCache() with that change.
        stack = Stack.startWithRedis(Instant.parse("2030-01-06T08:00:00Z"), EmulatorSettings.defaults()
                .withLatency(LatencyModel.zero()).withRateLimit(1_000_000).withoutSlotsCache(),
                redis.url() + "?timeout=2s&health=200ms");
        DemoData.install(stack.emulator);
        a = stack.slotgate;
        b = stack.startAnotherInstance();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void requestsKeepSucceedingWhileRedisIsDownAndAnInvalidationMadeMeanwhileIsAppliedAfterRestart() {
        String before = stack.slotgate(a, WEEK).body();
        assertThat(stack.slotgate(b, WEEK).headers().firstValue("X-Cache")).contains("HIT");

        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.redis().orElseThrow().available()
                && !b.redis().orElseThrow().available());
        assertThat(a.redis().orElseThrow().stats().l1Drops()).isGreaterThanOrEqualTo(1);

        // served from the copy A held when Redis went (stale: it may have missed a change), refetched first, then
        // from L1 again
        HttpResponse<String> whileDown = stack.slotgate(a, WEEK);
        assertThat(whileDown.statusCode()).isEqualTo(200);
        assertThat(whileDown.body()).isEqualTo(before);
        assertThat(whileDown.headers().firstValue("X-Cache")).contains("STALE");
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.slotgate(a, WEEK).headers().firstValue("X-Cache")
                .orElse("").equals("HIT"));
        assertThat(stack.slotgate(b, WEEK).statusCode()).isEqualTo(200);

        blockTuesdayForEveryHost();
        a.tenants().defaultTenant().cache().invalidate(new CacheKey.Generation(TenantId.DEFAULT, EVENT_TYPE, TUESDAY));
        String truth = stack.calcom(WEEK).body();
        assertThat(truth).isNotEqualTo(before);
        assertThat(a.redis().orElseThrow().stats().pendingInvalidations()).isEqualTo(1);
        HttpResponse<String> afterInvalidation = stack.slotgate(a, WEEK);
        assertThat(afterInvalidation.statusCode()).isEqualTo(200);
        assertThat(afterInvalidation.body()).isEqualTo(truth);

        redis.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.redis().orElseThrow().available()
                && b.redis().orElseThrow().available());
        assertThat(a.redis().orElseThrow().stats().pendingInvalidations()).isZero();
        assertThat(redis.call("GET", "sg:default:gen:1006:2030-01-08")).isEqualTo("1");

        // no instance serves a bucket older than the invalidation: B's pre-outage buckets are gone with its L1
        assertThat(stack.slotgate(b, WEEK).body()).isEqualTo(truth);
        assertThat(stack.slotgate(a, WEEK).body()).isEqualTo(truth);
        assertThat(stack.slotgate(b, WEEK).headers().firstValue("X-Cache")).contains("HIT");
    }

    @Test
    void anInvalidationQueuedWhileRedisIsDownIsAppliedOnceRedisIsBack() {
        stack.slotgate(a, WEEK);
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.redis().orElseThrow().available());
        a.tenants().defaultTenant().cache().invalidate(new CacheKey.Generation(TenantId.DEFAULT, EVENT_TYPE, TUESDAY));
        assertThat(stack.slotgate(a, WEEK).statusCode()).isEqualTo(200);
        // the outage is counted: as failed commands, or (when the connection listener noticed first and commands were
        // not even tried) as the drop of the L1 this instance no longer trusts
        var outage = a.redis().orElseThrow().stats();
        assertThat(outage.redisErrors() + outage.l1Drops()).isGreaterThanOrEqualTo(1);
        assertThat(outage.pendingInvalidations()).isEqualTo(1);

        redis.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.redis().orElseThrow().available()
                && a.redis().orElseThrow().stats().pendingInvalidations() == 0);
        assertThat(redis.call("GET", "sg:default:gen:1006:2030-01-08")).isEqualTo("1");
    }

    private void blockTuesdayForEveryHost() {
        for (long host : stack.emulator.eventType(EVENT_TYPE).orElseThrow().hostIds()) {
            stack.emulator.addBusyBlock(host, Instant.parse("2030-01-08T00:00:00Z"), Instant.parse("2030-01-09T00:00:00Z"));
        }
    }
}
