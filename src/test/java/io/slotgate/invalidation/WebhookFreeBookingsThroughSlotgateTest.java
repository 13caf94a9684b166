package io.slotgate.invalidation;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.support.Stack;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static io.slotgate.invalidation.WebhookHostAwareInvalidationTest.bookingBody;
import static io.slotgate.support.SlotsBodies.offers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bookings and reservations made through slotgate invalidate before the answer returns (read your writes), with no
 * webhook subscribed; a booking refused as taken is relayed unchanged and counted as a staleness incident.
 */
class WebhookFreeBookingsThroughSlotgateTest {
    private static final String BOOKINGS = "2024-08-13";
    private static final String SLOTS = "2024-09-04";
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private static final String WEEK_1001 = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13";
    private static final String WEEK_1008 = "/v2/slots?eventTypeId=1008&start=2030-01-07&end=2030-01-13";
    private Stack stack;

    @BeforeEach
    void start() {
        // PINNED (divergence: Cal.com's own slots result cache, withSlotsCache, 2 s). On this frozen clock a query
        // repeated after a booking gets Cal.com's pre-booking answer, so slotgate's refetch after an invalidation
        // (and this test's own look at Cal.com) would see the old slots. Until slotgate is taught that cache, the
        // emulator runs without it here. Remove withoutSlotsCache() with that change.
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache(), "acme");
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }


    private InvalidationCounters counters() {
        return stack.slotgate.tenants().defaultTenant().invalidation().counters();
    }

    @Test
    void aBookingThroughSlotgateDisappearsFromItsVeryNextAnswer() {
        assertThat(offers(stack.slotgate(WEEK_1001), TEN)).isTrue();
        assertThat(offers(stack.slotgate(WEEK_1008), TEN)).isTrue();

        HttpResponse<String> booked = stack.post("/v2/bookings", BOOKINGS, bookingBody(1001, TEN));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(booked.body()).contains("\"eventTypeId\":1001");

        HttpResponse<String> next = stack.slotgate(WEEK_1001);
        assertThat(next.headers().firstValue("X-Cache")).as("patched, no call to Cal.com").contains("HIT");
        assertThat(next.headers().firstValue("X-Slotgate-Patched")).contains("1");
        assertThat(offers(next, TEN)).isFalse();
        assertThat(next.body()).isEqualTo(stack.calcom(WEEK_1001).body());
        assertThat(offers(stack.slotgate(WEEK_1008), TEN)).as("Anna's collective event type").isFalse();
        assertThat(counters().invalidations(Cause.SLOTGATE_BOOKING)).isEqualTo(1);
    }

    @Test
    void aSecondBookingOfTheSameSlotGetsCalcomsRefusalUnchangedCountsAStalenessIncidentAndInvalidates() {
        // Seen first, so the booking's invalidation is complete at once (no background host-map fetch later).
        stack.slotgate(WEEK_1001);
        stack.post("/v2/bookings", BOOKINGS, bookingBody(1001, TEN));
        // Someone books 10:15 on Cal.com directly; no webhook: slotgate's cache still offers it.
        Instant quarterPast = TEN.plusSeconds(900);
        assertThat(offers(stack.slotgate(WEEK_1001), quarterPast)).isTrue();
        HttpResponse<String> direct = stack.send(HttpRequest.newBuilder(
                        URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", BOOKINGS).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bookingBody(1001, quarterPast))).build());
        assertThat(direct.statusCode()).isEqualTo(201);
        assertThat(offers(stack.slotgate(WEEK_1001), quarterPast)).as("stale until told").isTrue();

        HttpResponse<String> refused = stack.post("/v2/bookings", BOOKINGS, bookingBody(1001, quarterPast));
        HttpResponse<String> calcomSays = stack.send(HttpRequest.newBuilder(
                        URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", BOOKINGS).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bookingBody(1001, quarterPast))).build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo(calcomSays.body())
                .contains("User either already has booking at this time or is not available");
        assertThat(counters().stalenessIncidents()).isEqualTo(1);
        assertThat(counters().invalidations(Cause.SLOT_TAKEN)).isEqualTo(1);

        HttpResponse<String> next = stack.slotgate(WEEK_1001);
        assertThat(next.headers().firstValue("X-Cache")).contains("PARTIAL");
        assertThat(offers(next, quarterPast)).isFalse();
    }

    @Test
    void cancelAndRescheduleThroughSlotgateFreeAndTakeTheRightTimes() {
        HttpResponse<String> booked = stack.post("/v2/bookings", BOOKINGS, bookingBody(1001, TEN));
        String uid = booked.body().replaceAll(".*\"uid\":\"([^\"]+)\".*", "$1");
        Instant later = Instant.parse("2030-01-10T12:00:00Z");
        assertThat(offers(stack.slotgate(WEEK_1008), TEN)).isFalse();
        assertThat(offers(stack.slotgate(WEEK_1001), later)).isTrue();

        HttpResponse<String> moved = stack.post("/v2/bookings/" + uid + "/reschedule", BOOKINGS,
                "{\"start\":\"" + later + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        HttpResponse<String> afterMove = stack.slotgate(WEEK_1001);
        assertThat(offers(afterMove, TEN)).as("old time freed").isTrue();
        assertThat(offers(afterMove, later)).as("new time taken").isFalse();
        assertThat(offers(stack.slotgate(WEEK_1008), TEN)).isTrue();

        String newUid = moved.body().replaceAll(".*\"uid\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> cancelled = stack.post("/v2/bookings/" + newUid + "/cancel", BOOKINGS, "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(offers(stack.slotgate(WEEK_1001), later)).isTrue();
        assertThat(stack.slotgate(WEEK_1001).body()).isEqualTo(stack.calcom(WEEK_1001).body());
    }

    @Test
    void aReservationThroughSlotgateBlocksTheSlotAtOnceAndItsReleaseFreesIt() {
        assertThat(offers(stack.slotgate(WEEK_1001), TEN)).isTrue();
        HttpResponse<String> held = stack.post("/v2/slots/reservations", SLOTS,
                "{\"eventTypeId\":1001,\"slotStart\":\"" + TEN + "\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        assertThat(offers(stack.slotgate(WEEK_1001), TEN)).isFalse();
        assertThat(stack.slotgate(WEEK_1001).body()).isEqualTo(stack.calcom(WEEK_1001).body());
        assertThat(counters().invalidations(Cause.SLOTGATE_RESERVATION)).isEqualTo(1);

        String uid = held.body().replaceAll(".*\"reservationUid\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> released = stack.send(HttpRequest.newBuilder(
                        URI.create(stack.slotgateUrl() + "/v2/slots/reservations/" + uid))
                .header("cal-api-version", SLOTS).DELETE().build());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(offers(stack.slotgate(WEEK_1001), TEN)).isTrue();
    }

    @Test
    void aBookingUnderANamedTenantInvalidatesThatTenantsCache() {
        String week = "/tenants/acme" + WEEK_1001;
        assertThat(offers(stack.slotgate(week), TEN)).isTrue();
        assertThat(stack.post("/tenants/acme/v2/bookings", BOOKINGS, bookingBody(1001, TEN)).statusCode())
                .isEqualTo(201);
        assertThat(offers(stack.slotgate(week), TEN)).isFalse();
    }

    @Test
    void aWebhookThatArrivesBeforeTheBookingResponseStillEndsWithNoStaleBucket() {
        stack.emulator.webhooks().use(Scheduler.inline(), WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
        stack.slotgate(WEEK_1001);
        stack.slotgate(WEEK_1008);
        HttpResponse<String> booked = stack.post("/v2/bookings", BOOKINGS, bookingBody(1001, TEN));
        assertThat(booked.statusCode()).isEqualTo(201);
        // The webhook came in while slotgate was still waiting for Cal.com's answer.
        assertThat(counters().webhooks("accepted")).isEqualTo(1);
        assertThat(offers(stack.slotgate(WEEK_1001), TEN)).isFalse();
        assertThat(offers(stack.slotgate(WEEK_1008), TEN)).isFalse();
        assertThat(stack.slotgate(WEEK_1008).body()).isEqualTo(stack.calcom(WEEK_1008).body());
    }
}
