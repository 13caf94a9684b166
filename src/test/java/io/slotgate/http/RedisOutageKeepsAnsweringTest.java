package io.slotgate.http;

import io.slotgate.app.Slotgate;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.support.ManualScheduler;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.support.Stack;
import io.slotgate.calcom.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.slotgate.support.SlotsBodies.offers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under two instances. Neither turns a reader away while it holds a copy of the week: the copies it
 * held are served, stale and with their age, even when Cal.com cannot be reached either. And a booking's webhook sent
 * to one instance meanwhile reaches the other, which stops offering the slot without waiting for its refetch.
 */
class RedisOutageKeepsAnsweringTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final String WEEK = "/v2/slots?eventTypeId=1008&start=2030-01-07&end=2030-01-13";
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");

    private final AtomicBoolean calcomDown = new AtomicBoolean();
    private final ManualScheduler deliveries = new ManualScheduler();
    private Stack stack;
    private Slotgate a;
    private Slotgate b;

    @BeforeEach
    void start() {
        redis.start();
        redis.call("FLUSHALL");
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"), EmulatorSettings.defaults()
                        .withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY),
                c -> c.withRedisUrl(Optional.of(redis.url() + "?timeout=2s&health=200ms")), clock -> Sleeper.system(),
                transport -> request -> {
                    if (calcomDown.get() && request.pathAndQuery().startsWith("/v2/slots")) {
                        throw new IOException("Cal.com unreachable (test)");
                    }
                    return transport.send(request);
                });
        DemoData.install(stack.emulator);
        a = stack.slotgate;
        b = stack.startAnotherInstance();
        stack.emulator.webhooks().use(deliveries, WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(a);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void withRedisAndCalcomBothAwayEachInstanceServesTheCopyItHeldAsStaleWithItsAge() {
        String before = stack.slotgate(a, WEEK).body();
        assertThat(stack.slotgate(b, WEEK).headers().firstValue("X-Cache")).contains("HIT");

        calcomDown.set(true);
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> held(a)
                && held(b));

        for (Slotgate instance : new Slotgate[] {a, b}) {
            HttpResponse<String> answer = stack.slotgate(instance, WEEK);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(before);
            assertThat(answer.headers().firstValue("X-Cache")).contains("STALE");
            assertThat(answer.headers().firstValue("Age")).isPresent();
        }
    }

    @Test
    void aCopyHeldThroughTheOutageIsServedAfterRedisComesBackEmptyWhileItsRefetchRuns() {
        String before = stack.slotgate(a, WEEK).body();
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> held(a));
        calcomDown.set(true);
        redis.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.redis().orElseThrow().available());

        HttpResponse<String> answer = stack.slotgate(a, WEEK);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(before);
        assertThat(answer.headers().firstValue("X-Cache")).contains("STALE");
    }

    @Test
    void aWebhookDeliveredToOneInstanceWhileRedisIsDownIsRelayedAndTheOtherStopsOfferingTheSlot() {
        // each instance has announced itself and read the other's announcement
        await().atMost(Duration.ofSeconds(10)).until(() -> knows(a, b) && knows(b, a));
        assertThat(offers(stack.slotgate(a, WEEK), TEN)).isTrue();
        assertThat(offers(stack.slotgate(b, WEEK), TEN)).isTrue();
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> held(a)
                && held(b));
        // B's refetch of what it held is done; from here no call of B's could show the booking
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.slotgate(b, WEEK).headers().firstValue("X-Cache")
                .orElse("").equals("HIT"));
        calcomDown.set(true);

        book(TEN);
        assertThat(deliveries.runAll()).isEqualTo(1); // to A only
        await().atMost(Duration.ofSeconds(5)).until(() -> !offers(stack.slotgate(b, WEEK), TEN));
        HttpResponse<String> onB = stack.slotgate(b, WEEK);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.headers().firstValue("X-Slotgate-Patched")).as("patched from the relayed webhook").contains("1");
    }

    @Test
    void aChangeHeardJustBeforeRedisWentIsInTheCopyHeldThoughNoReaderHadAskedSince() {
        assertThat(offers(stack.slotgate(a, WEEK), TEN)).isTrue();
        assertThat(offers(stack.slotgate(b, WEEK), TEN)).isTrue();
        long heard = b.redis().orElseThrow().stats().invalidationsReceived();
        book(TEN);
        assertThat(deliveries.runAll()).isEqualTo(1); // to A, which broadcasts the change; B only notes it for now
        await().atMost(Duration.ofSeconds(10)).until(() -> b.redis().orElseThrow().stats().invalidationsReceived() > heard);

        calcomDown.set(true);
        redis.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> held(b));

        HttpResponse<String> onB = stack.slotgate(b, WEEK);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(offers(onB, TEN)).as("the booked slot, heard of before the outage").isFalse();
    }

    private static boolean knows(Slotgate instance, Slotgate peer) {
        return instance.redis().orElseThrow().peers().stream().anyMatch(url -> url.getPort() == peer.port());
    }


    private void book(Instant start) {
        HttpResponse<String> booked = stack.bookOnCalcom(1001, start);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    }

    /**
     * The tier is no longer trusted and has moved L1's copies aside: it stops being trusted first, and a read in
     * between still finds the copy in L1.
     */
    private static boolean held(Slotgate instance) {
        var tier = instance.redis().orElseThrow();
        return !tier.available() && tier.stats().l1Drops() > 0;
    }
}
