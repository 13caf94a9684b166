package io.slotgate.http;

import io.slotgate.app.Slotgate;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.redis.RedisStats;
import io.slotgate.cache.redis.RedisTier;
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

/** Two slotgate instances on one Redis, in front of the emulator, over real sockets. */
class RedisSharedTierEndToEndTest {
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
        redis.call("FLUSHALL");
        // PINNED (divergence: Cal.com's own slots result cache, withSlotsCache, 2 s). On this frozen clock a query
        // repeated after a booking gets Cal.com's pre-booking answer, so slotgate's refetch after an invalidation
        // (and this test's own look at Cal.com) would see the old slots. Until slotgate is taught that cache, the
        // emulator runs without it here. Remove withoutSlotsCache() with that change.
        stack = Stack.startWithRedis(Instant.parse("2030-01-06T08:00:00Z"), EmulatorSettings.defaults()
                .withLatency(LatencyModel.zero()).withRateLimit(1_000_000).withoutSlotsCache(),
                redis.url() + "?timeout=5s&health=200ms");
        DemoData.install(stack.emulator);
        a = stack.slotgate;
        b = stack.startAnotherInstance();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aSecondInstanceAnswersFromTheBucketsTheFirstFilledWithoutCallingCalcom() {
        HttpResponse<String> first = stack.slotgate(a, WEEK);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        long upstream = stack.upstreamSlotCalls();

        HttpResponse<String> second = stack.slotgate(b, WEEK);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(stack.upstreamSlotCalls()).isEqualTo(upstream);
        assertThat(redis(b).stats().l2Hits()).isEqualTo(7);
    }

    @Test
    void anInvalidationOnOneInstanceStopsTheOtherFromServingTheOldBucket() {
        stack.slotgate(a, WEEK);
        assertThat(stack.slotgate(b, WEEK).headers().firstValue("X-Cache")).contains("HIT");
        String before = stack.calcom(WEEK).body();

        blockTuesdayForEveryHost();
        a.tenants().defaultTenant().cache().invalidate(new CacheKey.Generation(TenantId.DEFAULT, EVENT_TYPE, TUESDAY));
        String truth = stack.calcom(WEEK).body();
        assertThat(truth).isNotEqualTo(before);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> fromB = stack.slotgate(b, WEEK);
            assertThat(fromB.headers().firstValue("X-Cache")).contains("PARTIAL");
            assertThat(fromB.body()).isEqualTo(truth);
        });
        assertThat(stack.slotgate(a, WEEK).body()).isEqualTo(truth);
    }

    @Test
    void concurrentColdQueriesOnTwoInstancesCallCalcomOncePerDay() throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var fromA = pool.submit(() -> stack.slotgate(a, WEEK));
            var fromB = pool.submit(() -> stack.slotgate(b, WEEK));
            assertThat(fromA.get().body()).isEqualTo(fromB.get().body());
        }
        // the two instances' leases may split the week between them in any pattern, so count days, not calls
        long daysFetched = stack.emulator.requests().stream().filter(r -> r.path().equals("/v2/slots"))
                .mapToLong(r -> daysIn(r.query().get("start").get(0), r.query().get("end").get(0))).sum();
        assertThat(daysFetched).as("days fetched from Cal.com for a 7-day week").isEqualTo(7);
    }

    /** UTC days a fill asked for: [start, end) rounded up to whole days. */
    private static long daysIn(String start, String end) {
        Duration asked = Duration.between(Instant.parse(start), Instant.parse(end));
        return (asked.toMillis() + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis();
    }

    private void blockTuesdayForEveryHost() {
        for (long host : stack.emulator.eventType(EVENT_TYPE).orElseThrow().hostIds()) {
            stack.emulator.addBusyBlock(host, Instant.parse("2030-01-08T00:00:00Z"), Instant.parse("2030-01-09T00:00:00Z"));
        }
    }

    private static RedisTier redis(Slotgate instance) {
        return instance.redis().orElseThrow();
    }

    static RedisStats stats(Slotgate instance) {
        return redis(instance).stats();
    }
}
