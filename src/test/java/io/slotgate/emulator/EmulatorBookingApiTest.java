package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatorBookingApiTest {
    private MutableClock clock;
    private CalcomEmulator emulator;
    private final List<BookingEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock = clock();
        emulator = tenant(clock, settings());
        emulator.addBookingListener(events::add);
    }

    @Test
    void aBookingAnswers201InCalcomsShapeAndFiresCreated() {
        var response = book(emulator, ALICE_30, at(MONDAY, 10, 0));
        assertThat(response.status()).isEqualTo(201);
        JsonNode data = json(response).get("data");
        assertThat(json(response).get("status").asText()).isEqualTo("success");
        assertThat(data.get("status").asText()).isEqualTo("accepted");
        assertThat(data.get("start").asText()).isEqualTo("2026-06-15T10:00:00.000Z");
        assertThat(data.get("end").asText()).isEqualTo("2026-06-15T10:30:00.000Z");
        assertThat(data.get("duration").asInt()).isEqualTo(30);
        assertThat(data.get("eventTypeId").asLong()).isEqualTo(ALICE_30);
        assertThat(data.at("/eventType/slug").asText()).isEqualTo("chat");
        assertThat(data.at("/hosts/0/username").asText()).isEqualTo("alice");
        assertThat(data.at("/attendees/0/email").asText()).isEqualTo("carol@example.com");
        assertThat(data.get("absentHost").asBoolean()).isFalse();
        assertThat(data.get("guests").isArray()).isTrue();
        String uid = data.get("uid").asText();
        assertThat(events).singleElement().isInstanceOfSatisfying(BookingEvent.Created.class,
                e -> assertThat(e.booking().uid()).isEqualTo(uid));
        assertThat(emulator.booking(uid)).hasValueSatisfying(b -> assertThat(b.hostIds()).containsExactly(ALICE));

        var fetched = emulator.handle(EmulatorRequest.get("/v2/bookings/" + uid, Map.of(),
                Map.of("cal-api-version", EmulatorRequest.BOOKINGS_VERSION)));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(json(fetched).at("/data/uid").asText()).isEqualTo(uid);
    }

    @Test
    void aTakenSlotGetsCalcomsErrorEnvelopeWithTheExactMessage() {
        assertThat(book(emulator, ALICE_30, at(MONDAY, 10, 0)).status()).isEqualTo(201);
        var taken = book(emulator, ALICE_30, at(MONDAY, 10, 0));
        assertThat(taken.status()).isEqualTo(400);
        JsonNode body = json(taken);
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("path").asText()).isEqualTo("/v2/bookings");
        assertThat(body.get("timestamp").asText()).as("new Date().toISOString()").isEqualTo("2026-06-01T00:00:00.000Z");
        assertThat(body.at("/error/code").asText()).isEqualTo("BadRequestException");
        assertThat(body.at("/error/message").asText())
                .isEqualTo("User either already has booking at this time or is not available");
        assertThat(body.at("/error/details/statusCode").asInt()).isEqualTo(400);

        var team = book(emulator, TEAM_COLLECTIVE, at(MONDAY, 10, 0));
        assertThat(json(team).at("/error/message").asText())
                .isEqualTo("One of the hosts either already has booking at this time or is not available");
        var outsideHours = book(emulator, ALICE_30, at(MONDAY, 16, 0));
        assertThat(outsideHours.status()).isEqualTo(400);
        assertThat(events).hasSize(1);
    }

    @Test
    void rescheduleFreesTheOldTimeAndTakesTheNew() {
        String uid = json(book(emulator, ALICE_30, at(MONDAY, 10, 0))).at("/data/uid").asText();
        var response = post(emulator, "/v2/bookings/" + uid + "/reschedule", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T11:00:00Z\"}");
        assertThat(response.status()).isEqualTo(201);
        JsonNode data = json(response).get("data");
        String newUid = data.get("uid").asText();
        assertThat(newUid).isNotEqualTo(uid);
        assertThat(data.get("rescheduledFromUid").asText()).isEqualTo(uid);
        assertThat(data.get("start").asText()).isEqualTo("2026-06-15T11:00:00.000Z");

        assertThat(starts(emulator, ALICE_30, MONDAY)).contains(at(MONDAY, 10, 0)).doesNotContain(at(MONDAY, 11, 0));
        assertThat(emulator.booking(uid)).hasValueSatisfying(old -> {
            assertThat(old.status()).isEqualTo(Booking.Status.CANCELLED);
            assertThat(old.rescheduledToUid()).isEqualTo(newUid);
        });
        assertThat(events).last().isInstanceOfSatisfying(BookingEvent.Rescheduled.class, e -> {
            assertThat(e.oldBooking().uid()).isEqualTo(uid);
            assertThat(e.newBooking().uid()).isEqualTo(newUid);
        });

        // Moving by 15 minutes overlaps only the booking's own time, which does not count.
        var shifted = post(emulator, "/v2/bookings/" + newUid + "/reschedule", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T11:15:00Z\"}");
        assertThat(shifted.status()).isEqualTo(201);

        var again = post(emulator, "/v2/bookings/" + uid + "/reschedule", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T12:00:00Z\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(json(again).at("/error/message").asText()).contains(newUid);
    }

    @Test
    void rescheduleOntoABusyTimeIsRefused() {
        book(emulator, ALICE_30, at(MONDAY, 12, 0));
        String uid = json(book(emulator, ALICE_30, at(MONDAY, 10, 0))).at("/data/uid").asText();
        var response = post(emulator, "/v2/bookings/" + uid + "/reschedule", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T12:00:00Z\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText())
                .isEqualTo("User either already has booking at this time or is not available");
    }

    @Test
    void cancelFreesTheTimeAndASecondCancelIsRefused() {
        String uid = json(book(emulator, ALICE_30, at(MONDAY, 10, 0))).at("/data/uid").asText();
        var cancelled = post(emulator, "/v2/bookings/" + uid + "/cancel", EmulatorRequest.BOOKINGS_VERSION,
                "{\"cancellationReason\":\"ill\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(json(cancelled).at("/data/status").asText()).isEqualTo("cancelled");
        assertThat(starts(emulator, ALICE_30, MONDAY)).contains(at(MONDAY, 10, 0));
        assertThat(events).last().isInstanceOf(BookingEvent.Cancelled.class);

        var twice = post(emulator, "/v2/bookings/" + uid + "/cancel", EmulatorRequest.BOOKINGS_VERSION, "");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(json(twice).at("/error/message").asText()).isEqualTo("Can't cancel booking with uid=" + uid
                + " because it has been cancelled already. Please provide uid of a booking that is not cancelled.");
        var unknown = post(emulator, "/v2/bookings/nope/cancel", EmulatorRequest.BOOKINGS_VERSION, "");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void badBookingInputIsA400NamingTheFieldAndNeverA500() {
        var malformed = post(emulator, "/v2/bookings", EmulatorRequest.BOOKINGS_VERSION, "{\"start\":");
        assertThat(malformed.status()).isEqualTo(400);
        var noStart = post(emulator, "/v2/bookings", EmulatorRequest.BOOKINGS_VERSION,
                "{\"eventTypeId\":10,\"attendee\":{\"name\":\"X\",\"timeZone\":\"Europe/Paris\"}}");
        assertThat(json(noStart).at("/error/message").asText()).contains("start");
        var badZone = post(emulator, "/v2/bookings", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T10:00:00Z\",\"eventTypeId\":10,\"attendee\":{\"name\":\"X\",\"timeZone\":\"Mars/Base\"}}");
        assertThat(json(badZone).at("/error/message").asText()).contains("attendee.timeZone");
        var unknownType = book(emulator, 999, at(MONDAY, 10, 0));
        assertThat(unknownType.status()).isEqualTo(404);
        var badLength = post(emulator, "/v2/bookings", EmulatorRequest.BOOKINGS_VERSION,
                "{\"start\":\"2026-06-15T10:00:00Z\",\"eventTypeId\":14,\"lengthInMinutes\":45,"
                        + "\"attendee\":{\"name\":\"X\",\"timeZone\":\"Europe/Paris\"}}");
        assertThat(badLength.status()).isEqualTo(400);
        assertThat(json(badLength).at("/error/message").asText()).contains("lengthInMinutes");
        var wrongVersion = post(emulator, "/v2/bookings", "2024-04-15", bookingBody(ALICE_30, at(MONDAY, 10, 0)));
        assertThat(wrongVersion.status()).isEqualTo(404);
        assertThat(events).isEmpty();
        assertThat(emulator.requests()).extracting(RecordedRequest::status).doesNotContain(500);
    }

    @Test
    void reservationsBlockTheHostForAllItsEventTypesUntilTheyExpire() {
        Instant ten = at(MONDAY, 10, 0);
        var reserved = post(emulator, "/v2/slots/reservations", EmulatorRequest.SLOTS_VERSION,
                "{\"eventTypeId\":10,\"slotStart\":\"2026-06-15T10:00:00Z\"}");
        assertThat(reserved.status()).isEqualTo(201);
        JsonNode data = json(reserved).get("data");
        assertThat(data.get("slotEnd").asText()).isEqualTo("2026-06-15T10:30:00.000Z");
        assertThat(data.get("reservationDuration").asInt()).isEqualTo(5);
        assertThat(data.get("reservationUntil").asText()).isEqualTo("2026-06-01T00:05:00.000Z");

        assertThat(starts(emulator, ALICE_30, MONDAY)).doesNotContain(ten);
        assertThat(starts(emulator, ALICE_NOTICE, MONDAY)).doesNotContain(ten);
        assertThat(starts(emulator, TEAM_COLLECTIVE, MONDAY)).doesNotContain(ten);
        assertThat(starts(emulator, BOB_30, MONDAY)).contains(ten);

        var twice = post(emulator, "/v2/slots/reservations", EmulatorRequest.SLOTS_VERSION,
                "{\"eventTypeId\":10,\"slotStart\":\"2026-06-15T10:00:00Z\"}");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(json(twice).at("/error/message").asText())
                .isEqualTo("This time slot is already reserved by another user. Please choose a different time.");

        clock.advance(minutes(5));
        assertThat(starts(emulator, ALICE_30, MONDAY)).contains(ten);
        assertThat(events).isEmpty();
    }

    @Test
    void reservationOfABookedSlotIs422AndCustomDurationNeedsAnApiKey() {
        book(emulator, ALICE_30, at(MONDAY, 10, 0));
        var booked = post(emulator, "/v2/slots/reservations", EmulatorRequest.SLOTS_VERSION,
                "{\"eventTypeId\":10,\"slotStart\":\"2026-06-15T10:00:00Z\"}");
        assertThat(booked.status()).isEqualTo(422);
        assertThat(json(booked).at("/error/message").asText())
                .isEqualTo("Can't reserve a slot if the event is already booked.");

        String body = "{\"eventTypeId\":10,\"slotStart\":\"2026-06-15T11:00:00Z\",\"reservationDuration\":10}";
        assertThat(post(emulator, "/v2/slots/reservations", EmulatorRequest.SLOTS_VERSION, body).status())
                .isEqualTo(401);
        var withKey = emulator.handle(EmulatorRequest.post("/v2/slots/reservations",
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION, "authorization", "Bearer " + KEY), body));
        assertThat(withKey.status()).isEqualTo(201);
        assertThat(json(withKey).at("/data/reservationDuration").asInt()).isEqualTo(10);

        String uid = json(withKey).at("/data/reservationUid").asText();
        var deleted = emulator.handle(EmulatorRequest.delete("/v2/slots/reservations/" + uid,
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION)));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"status\":\"success\"}");
        assertThat(starts(emulator, ALICE_30, MONDAY)).contains(at(MONDAY, 11, 0));
    }

    @Test
    void eventTypeNeedsAKnownApiKeyAndRendersTheAvailabilityFields() {
        var anonymous = emulator.handle(EmulatorRequest.get("/v2/event-types/14", Map.of(), Map.of()));
        assertThat(anonymous.status()).isEqualTo(401);
        var wrongKey = emulator.handle(EmulatorRequest.get("/v2/event-types/14", Map.of(),
                Map.of("authorization", "Bearer cal_wrong")));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(json(wrongKey).at("/error/message").asText()).isEqualTo("CustomThrottlerGuard - Invalid API Key");

        var ok = emulator.handle(EmulatorRequest.get("/v2/event-types/14", Map.of(),
                Map.of("authorization", "Bearer " + KEY, "cal-api-version", EmulatorRequest.EVENT_TYPES_VERSION)));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode data = json(ok).get("data");
        assertThat(data.get("lengthInMinutes").asInt()).isEqualTo(30);
        assertThat(data.get("lengthInMinutesOptions")).hasSize(3);
        assertThat(data.get("slotInterval").isNull()).isTrue();
        assertThat(data.get("minimumBookingNotice").asInt()).isEqualTo(120);
        assertThat(data.get("ownerId").asLong()).isEqualTo(ALICE);
        assertThat(data.at("/users/0/username").asText()).isEqualTo("alice");

        var team = json(emulator.handle(EmulatorRequest.get("/v2/event-types/11", Map.of(),
                Map.of("authorization", "Bearer " + KEY)))).get("data");
        assertThat(team.get("schedulingType").asText()).isEqualTo("roundRobin");
        assertThat(team.get("hosts")).extracting(h -> h.get("userId").asLong()).containsExactly(ALICE, BOB);
        var missing = emulator.handle(EmulatorRequest.get("/v2/event-types/999", Map.of(),
                Map.of("authorization", "Bearer " + KEY)));
        assertThat(missing.status()).isEqualTo(404);
        // event-types.controller.ts: NotFoundException(`Event type with id ${eventTypeId} not found`)
        assertThat(json(missing).at("/error/message").asText()).isEqualTo("Event type with id 999 not found");
    }

    @Test
    void demoDataInstallsTenEventTypesThatOfferSlots() {
        CalcomEmulator demo = new CalcomEmulator(clock, settings());
        DemoData.install(demo);
        assertThat(demo.eventTypes()).extracting(EventTypeSpec::id)
                .containsExactly(1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L, 1009L, 1010L);
        for (EventTypeSpec type : demo.eventTypes()) {
            assertThat(starts(demo, type.id(), MONDAY)).as(type.slug()).isNotEmpty();
        }
    }
}
