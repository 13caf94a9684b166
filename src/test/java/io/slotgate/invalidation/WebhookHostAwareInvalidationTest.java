package io.slotgate.invalidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.emulator.WebhookSubscription;
import io.slotgate.support.ManualScheduler;
import io.slotgate.support.Stack;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static io.slotgate.support.SlotsBodies.offers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bookings made on Cal.com (the emulator) directly, reported to slotgate only by the emulator's signed webhooks over
 * HTTP. Anna hosts 1001 and 1002 (individual), 1006 and 1010 (round robin), 1008 and 1009 (collective).
 */
class WebhookHostAwareInvalidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final List<Long> ANNAS = List.of(1001L, 1002L, 1006L, 1008L, 1009L, 1010L);
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private Stack stack;

    @AfterEach
    void stop() {
        stack.close();
    }

    private void start(Scheduler deliveries) {
        start(deliveries, UnaryOperator.identity());
    }

    private void start(Scheduler deliveries, UnaryOperator<CalcomTransport> wrap) {
        // PINNED (divergence: Cal.com's own slots result cache, withSlotsCache, 2 s). On this frozen clock a query
        // repeated after a booking gets Cal.com's pre-booking answer, so slotgate's refetch after an invalidation
        // (and this test's own look at Cal.com) would see the old slots. Until slotgate is taught that cache, the
        // emulator runs without it here. Remove withoutSlotsCache() with that change.
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                .withoutSlotsCache(), wrap);
        DemoData.install(stack.emulator);
        stack.emulator.webhooks().use(deliveries, WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
    }

    private static String week(long eventTypeId) {
        return "/v2/slots?eventTypeId=" + eventTypeId + "&start=2030-01-07&end=2030-01-13";
    }

    private static String day(long eventTypeId, String date) {
        return "/v2/slots?eventTypeId=" + eventTypeId + "&start=" + date + "&end=" + date;
    }


    private String bookOnCalcom(long eventTypeId, Instant start) {
        HttpResponse<String> booked = stack.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13").header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bookingBody(eventTypeId, start))).build());
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return json(booked.body()).path("data").path("uid").asText();
    }

    private HttpResponse<String> calcomPost(String path, String body) {
        return stack.send(java.net.http.HttpRequest.newBuilder(URI.create(stack.emulatorServer.baseUrl() + path))
                .header("cal-api-version", "2024-08-13").header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String bookingBody(long eventTypeId, Instant start) {
        return """
                {"start":"%s","eventTypeId":%d,"attendee":{"name":"Carol Client","email":"carol@example.com","timeZone":"Europe/Paris"}}"""
                .formatted(start, eventTypeId);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private InvalidationCounters counters() {
        return stack.slotgate.tenants().defaultTenant().invalidation().counters();
    }

    private String cache(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Cache").orElse("");
    }

    /** Anna's event types whose hosts must all be free: a busy Anna takes their slot away, certainly. */
    private static final List<Long> ANNA_REQUIRED = List.of(1001L, 1002L, 1008L, 1009L);

    private String patched(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Slotgate-Patched").orElse("");
    }

    @Test
    void aBookingOnOneEventTypeIsTakenOutOfEveryEventTypeOfItsHostTheMomentTheWebhookArrives() {
        ManualScheduler deliveries = new ManualScheduler();
        start(deliveries);
        ANNAS.forEach(id -> assertThat(stack.slotgate(week(id)).statusCode()).isEqualTo(200));
        stack.slotgate(week(1003)); // Ben alone: unrelated to Anna
        assertThat(offers(stack.slotgate(week(1008)), TEN)).isTrue();

        bookOnCalcom(1001, TEN);
        // The webhook has not arrived: the cached answer may still offer the slot (the TTL's job).
        HttpResponse<String> before = stack.slotgate(week(1008));
        assertThat(cache(before)).isEqualTo("HIT");
        assertThat(offers(before, TEN)).isTrue();

        stack.emulator.clearRequests();
        assertThat(deliveries.runAll()).isEqualTo(1);
        for (long id : ANNA_REQUIRED) {
            HttpResponse<String> after = stack.slotgate(week(id));
            assertThat(cache(after)).as("event type %d: patched, still a hit", id).isEqualTo("HIT");
            assertThat(patched(after)).as("event type %d", id).isEqualTo("1");
            assertThat(after.body()).as("event type %d", id).isEqualTo(stack.calcom(week(id)).body());
        }
        assertThat(stack.emulator.requests().stream().filter(r -> r.path().equals("/v2/slots")).filter(r ->
                        ANNA_REQUIRED.contains(Long.parseLong(r.query().get("eventTypeId").get(0)))).count())
                .as("no call to Cal.com for the patch; the comparisons above asked the emulator directly")
                .isEqualTo(ANNA_REQUIRED.size());
        for (long roundRobin : List.of(1006L, 1010L)) {
            // another host may still be free at ten: until its refetch (first in line) lands, the patched copy can
            // only leave slots out; it never offers one Cal.com does not
            HttpResponse<String> changed = stack.slotgate(week(roundRobin));
            assertThat(io.slotgate.support.SlotsBodies.starts(changed.body()))
                    .isSubsetOf(io.slotgate.support.SlotsBodies.starts(stack.calcom(week(roundRobin)).body()));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    stack.slotgate(week(roundRobin)).body().equals(stack.calcom(week(roundRobin)).body()));
        }
        assertThat(cache(stack.slotgate(week(1003)))).isEqualTo("HIT");
        assertThat(counters().invalidations(Cause.webhook("BOOKING_CREATED"))).isEqualTo(1);
    }

    @Test
    void aRoundRobinDayPatchedConservativelyIsServedConservativelyUntilItsRefetchWithoutAskingCalcomPerReader() {
        ManualScheduler deliveries = new ManualScheduler();
        // the day's refetch is held on its way to Cal.com: this reader comes while it is under way
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        start(deliveries, transport -> request -> {
            if (request.pathAndQuery().startsWith("/v2/slots?eventTypeId=1006&start=2030-01-08T00:00:00Z")) {
                io.slotgate.support.Latches.await(release);
            }
            return transport.send(request);
        });
        assertThat(stack.slotgate(week(1006)).statusCode()).isEqualTo(200);
        bookOnCalcom(1001, TEN); // Anna, one of the round robin's three hosts
        stack.emulator.clearRequests();
        assertThat(deliveries.runAll()).isEqualTo(1);

        HttpResponse<String> changed = stack.slotgate(week(1006));
        assertThat(changed.headers().firstValue("X-Slotgate-Layout")).as("the slots every reading agrees on")
                .contains("conservative");
        assertThat(io.slotgate.support.SlotsBodies.starts(changed.body()))
                .isSubsetOf(io.slotgate.support.SlotsBodies.starts(stack.calcom(week(1006)).body()));
        assertThat(stack.emulator.requests().stream().filter(r -> r.path().equals("/v2/slots"))
                .filter(r -> r.query().get("start").get(0).equals("2030-01-07T00:00:00Z")).count())
                .as("the day's refetch, first in line, settles it for every reader: no call for this reader's week")
                .isZero();
        release.countDown();
    }

    @Test
    void aWebhookForAnEventTypeSlotgateNeverSawStillChangesTheHostsOtherEventTypes() {
        start(Scheduler.inline());
        stack.slotgate(week(1008));
        bookOnCalcom(1001, TEN); // 1001 was never queried through slotgate; the organizer is Anna
        HttpResponse<String> after = stack.slotgate(week(1008));
        assertThat(cache(after)).isEqualTo("HIT");
        assertThat(patched(after)).isEqualTo("1");
        assertThat(offers(after, TEN)).isFalse();
        await().until(() -> stack.slotgate.tenants().defaultTenant().invalidation().hosts().knows(1001));
    }

    @Test
    void aReschedulePatchesTheNewTimeInAndRefetchesTheOldDay() {
        start(Scheduler.inline());
        String uid = bookOnCalcom(1002, TEN);
        Instant later = Instant.parse("2030-01-10T12:00:00Z");
        stack.slotgate(week(1001));
        stack.slotgate(week(1002));
        assertThat(offers(stack.slotgate(week(1001)), TEN)).isFalse();
        assertThat(offers(stack.slotgate(week(1001)), later)).isTrue();

        HttpResponse<String> moved = calcomPost("/v2/bookings/" + uid + "/reschedule", "{\"start\":\"" + later + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);

        // the old time may be free again: without refresh-on-invalidate (the test policy) its day is refetched by the
        // next reader; the new time is patched in
        assertThat(cache(stack.slotgate(day(1001, "2030-01-08")))).isEqualTo("MISS");
        HttpResponse<String> newDay = stack.slotgate(day(1001, "2030-01-10"));
        assertThat(cache(newDay)).isEqualTo("HIT");
        assertThat(patched(newDay)).isEqualTo("1");
        assertThat(cache(stack.slotgate(day(1001, "2030-01-09")))).isEqualTo("HIT");
        HttpResponse<String> after = stack.slotgate(week(1001));
        assertThat(offers(after, TEN)).isTrue();
        assertThat(offers(after, later)).isFalse();
        assertThat(after.body()).isEqualTo(stack.calcom(week(1001)).body());
        assertThat(counters().invalidations(Cause.webhook("BOOKING_RESCHEDULED"))).isEqualTo(1);
    }

    @Test
    void aCancelFreesTheSlotInSlotgatesNextAnswer() {
        start(Scheduler.inline());
        String uid = bookOnCalcom(1001, TEN);
        HttpResponse<String> booked = stack.slotgate(week(1008));
        assertThat(offers(booked, TEN)).isFalse();

        assertThat(calcomPost("/v2/bookings/" + uid + "/cancel", "{}").statusCode()).isEqualTo(200);

        HttpResponse<String> after = stack.slotgate(week(1008));
        assertThat(cache(after)).isEqualTo("PARTIAL");
        assertThat(offers(after, TEN)).isTrue();
        // The cancel webhook carries offset-form times (dayjs().format()); they were read all the same.
        assertThat(counters().invalidations(Cause.webhook("BOOKING_CANCELLED"))).isEqualTo(1);
    }

    @Test
    void anOutOfOfficeEntryIsTakenOutOfTheHostsDays() {
        start(Scheduler.inline());
        stack.slotgate(week(1001));
        stack.slotgate(week(1003));
        stack.emulator.addOutOfOffice(DemoData.ANNA, Instant.parse("2030-01-09T00:00:00Z"),
                Instant.parse("2030-01-10T00:00:00Z"));
        HttpResponse<String> day = stack.slotgate(day(1001, "2030-01-09"));
        assertThat(cache(day)).isEqualTo("HIT");
        assertThat(patched(day)).isEqualTo("1");
        assertThat(day.body()).isEqualTo(stack.calcom(day(1001, "2030-01-09")).body());
        assertThat(day.body()).doesNotContain("2030-01-09T1");
        assertThat(cache(stack.slotgate(week(1003)))).isEqualTo("HIT");
        assertThat(counters().invalidations(Cause.webhook("OOO_CREATED"))).isEqualTo(1);
    }

    @Test
    void aWebhookThatArrivesWhileAFillIsInFlightLeavesNoStaleBucket() {
        AtomicBoolean armed = new AtomicBoolean();
        start(Scheduler.inline(), transport -> request -> {
            UpstreamResponse response = transport.send(request);
            if (request.path().equals("/v2/slots") && armed.compareAndSet(true, false)) {
                // Cal.com answered the fill; before the answer reaches the cache, a booking is made and its webhook
                // (delivered before the booking call returns) invalidates the day the fill is about to write.
                var booked = stack.emulator.handle(EmulatorRequest.post("/v2/bookings",
                        Map.of("cal-api-version", "2024-08-13", "content-type", "application/json"),
                        bookingBody(1001, TEN)));
                assertThat(booked.status()).isEqualTo(201);
            }
            return response;
        });
        stack.slotgate(week(1001)); // learns Anna's event type 1001
        stack.slotgate(week(1002));
        armed.set(true);
        String sixtyMinutes = day(1002, "2030-01-08").replace("2030-01-08&end", "2030-01-08&duration=60&end");
        HttpResponse<String> racing = stack.slotgate(sixtyMinutes);
        // Cal.com's first answer was read before the booking: the reader waited for the call after it instead
        assertThat(offers(racing, TEN)).isFalse();
        HttpResponse<String> next = stack.slotgate(sixtyMinutes);
        assertThat(cache(next)).isEqualTo("HIT");
        assertThat(offers(next, TEN)).isFalse();
        assertThat(offers(stack.slotgate(week(1002)), TEN)).isFalse();
    }

    @Test
    void aHostsUserLevelWebhookIsNotSentForTeamBookings() {
        start(Scheduler.inline());
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        stack.emulator.webhooks().subscribe(WebhookSubscription.user("2", DemoData.ANNA,
                URI.create(stack.slotgateUrl() + "/webhooks/calcom"), Stack.WEBHOOK_SECRET, Set.of("BOOKING_CREATED")));
        stack.emulator.webhooks().subscribe(new WebhookSubscription("3", null,
                (headers, body) -> received.add(new String(body)), java.util.Optional.of("s"),
                Set.of("BOOKING_CREATED"), DemoData.ANNA, null, true));
        bookOnCalcom(1008, Instant.parse("2030-01-08T09:00:00Z")); // collective: team event type
        bookOnCalcom(1001, TEN);
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).contains("\"eventTypeId\":1001");
    }
}
