package io.slotgate.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies follow the examples in /work/shared/calcom/NOTES.md (section numbers in the comments). */
class OpenApiValidatorTest {

    private final OpenApiValidator v = OpenApiValidator.cal();

    // ---- GET /v2/slots (NOTES §2a) ---------------------------------------------------------------------------

    private static final String SLOTS_TIME = """
        {
          "status": "success",
          "data": {
            "2050-09-05": [
              { "start": "2050-09-05T09:00:00.000+02:00" },
              { "start": "2050-09-05T10:00:00.000+02:00" }
            ],
            "2050-09-06": [
              { "start": "2050-09-06T09:00:00.000+02:00" }
            ]
          }
        }
        """;

    @Test
    void correctSlotsBodiesPass() {
        assertThat(v.validateResponse("GET", "/v2/slots", 200, SLOTS_TIME)).isEmpty();
        // format=range
        assertThat(v.validateResponse("GET", "/v2/slots?eventTypeId=10&format=range", 200, """
            { "status": "success", "data": { "2050-09-05": [
              { "start": "2050-09-05T09:00:00.000+02:00", "end": "2050-09-05T10:00:00.000+02:00" } ] } }
            """)).isEmpty();
        // seated, no timeZone
        assertThat(v.validateResponse("GET", "/v2/slots", 200, """
            { "status": "success", "data": { "2050-09-05": [
              { "start": "2050-09-05T10:00:00.000Z", "seatsBooked": 0, "seatsRemaining": 5, "seatsTotal": 5 },
              { "start": "2050-09-05T11:00:00.000Z", "seatsBooked": 1, "seatsRemaining": 4, "seatsTotal": 5,
                "bookingUid": "seated-booking-uid" } ] } }
            """)).isEmpty();
        // nothing free
        assertThat(v.validateResponse("GET", "/v2/slots", 200, "{\"status\":\"success\",\"data\":{}}")).isEmpty();
    }

    @Test
    void slotsWithStringItemsFailNamingThePointer() {
        List<String> errors = v.validateResponse("GET", "/v2/slots", 200, """
            { "status": "success", "data": { "2050-09-05": [ "2050-09-05T09:00:00.000+02:00" ] } }
            """);
        assertThat(errors).containsExactly(
            "/data/2050-09-05/0: [type] expected object but was string \"2050-09-05T09:00:00.000+02:00\"");
    }

    @Test
    void slotsItemWithoutStartFails() {
        List<String> errors = v.validateResponse("GET", "/v2/slots", 200, """
            { "status": "success", "data": { "2050-09-05": [
              { "start": "2050-09-05T09:00:00.000+02:00" },
              { "end": "2050-09-05T10:00:00.000+02:00" } ] } }
            """);
        assertThat(errors).containsExactly("/data/2050-09-05/1/start: [required] missing required property 'start'");
    }

    @Test
    void slotsRejectOldFormatFieldsAndBadDates() {
        // the 2024-04-15 shape {time} (NOTES §2b) is not a 2024-09-04 slot
        assertThat(v.validateResponse("GET", "/v2/slots", 200, """
            { "status": "success", "data": { "2050-09-05": [ { "time": "2050-09-05T07:00:00.000Z" } ] } }
            """)).containsExactlyInAnyOrder(
            "/data/2050-09-05/0/start: [required] missing required property 'start'",
            "/data/2050-09-05/0/time: [additionalProperties] property 'time' is not allowed");
        assertThat(v.validateResponse("GET", "/v2/slots", 200, """
            { "status": "success", "data": { "2050-09-05": [ { "start": "2050-09-05 09:00" } ] } }
            """)).singleElement().asString()
            .startsWith("/data/2050-09-05/0/start: [format]");
        // missing envelope
        assertThat(v.validateResponse("GET", "/v2/slots", 200, "{\"2050-09-05\":[]}"))
            .contains("/status: [required] missing required property 'status'",
                "/data: [required] missing required property 'data'");
    }

    // ---- bookings (NOTES §3a-3c) -----------------------------------------------------------------------------

    private static String booking(String status) {
        return """
            { "status": "success", "data": {
              "id": 123, "uid": "booking_uid_123", "title": "Consultation", "description": "…",
              "hosts": [ { "id": 1, "name": "Jane Doe", "email": "jane@example.com", "username": "jane",
                           "timeZone": "America/Los_Angeles" } ],
              "status": "%s", "start": "2024-08-13T15:30:00.000Z", "end": "2024-08-13T16:30:00.000Z", "duration": 60,
              "eventTypeId": 50, "eventType": { "id": 50, "slug": "some-event" },
              "location": "https://example.com/meeting", "absentHost": false,
              "createdAt": "2024-08-13T15:30:00.000Z", "updatedAt": "2024-08-13T15:30:00.000Z", "metadata": {},
              "attendees": [ { "name": "John Doe", "email": "john@example.com", "timeZone": "America/New_York",
                               "language": "en", "absent": false } ],
              "guests": [], "bookingFieldsResponses": {},
              "rescheduledFromUid": null, "cancellationReason": null } }
            """.formatted(status);
    }

    @Test
    void bookingOutputsFromNotesPass() {
        assertThat(v.validateResponse("POST", "/v2/bookings", 201, booking("accepted"))).isEmpty();
        assertThat(v.validateResponse("GET", "/v2/bookings/booking_uid_123", 200, booking("accepted"))).isEmpty();
        assertThat(v.validateResponse("POST", "/v2/bookings/booking_uid_123/cancel", 200, booking("cancelled")))
            .isEmpty();
        assertThat(v.validateResponse("POST", "/v2/bookings/booking_uid_123/reschedule", 201, booking("accepted")))
            .isEmpty();
    }

    @Test
    void bookingOutputMissingRequiredFieldFails() {
        String noHosts = booking("accepted").replaceFirst("\"hosts\": \\[[^]]*],", "");
        assertThat(noHosts).doesNotContain("\"hosts\"");
        List<String> errors = v.validateResponse("POST", "/v2/bookings", 201, noHosts);
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0)).startsWith("/data: [oneOf] matches none of [BookingOutput_2024_08_13, "
            + "array<RecurringBookingOutput_2024_08_13>, CreateSeatedBookingOutput_2024_08_13, "
            + "array<CreateRecurringSeatedBookingOutput_2024_08_13>]; closest is BookingOutput_2024_08_13");
        assertThat(errors).contains(
            "/data/hosts: [required] missing required property 'hosts' (oneOf branch BookingOutput_2024_08_13)");
        assertThat(errors).hasSize(2);
    }

    @Test
    void bookingStatusOutsideEnumFails() {
        assertThat(v.validateResponse("POST", "/v2/bookings/abc/cancel", 200, booking("CANCELLED")))
            .anySatisfy(m -> assertThat(m).startsWith("/data/status: [enum] value \"CANCELLED\" is not one of"));
    }

    @Test
    void requestBodies() {
        assertThat(v.validateRequestBody("POST", "/v2/bookings", """
            { "start": "2024-08-13T09:00:00Z", "eventTypeId": 50,
              "attendee": { "name": "John Doe", "timeZone": "America/New_York", "email": "john@example.com" } }
            """)).isEmpty();
        assertThat(v.validateRequestBody("POST", "/v2/bookings/abc/cancel", "{\"cancellationReason\":\"x\"}"))
            .isEmpty();
        assertThat(v.validateRequestBody("POST", "/v2/bookings/abc/reschedule", "{\"start\":\"2024-08-13T10:00:00Z\"}"))
            .isEmpty();
        assertThat(v.validateRequestBody("POST", "/v2/slots/reservations", "{\"eventTypeId\":1}"))
            .contains("/slotStart: [required] missing required property 'slotStart'");
        assertThat(v.validateRequestBody("POST", "/v2/slots/reservations", ""))
            .containsExactly("/: [required] request body is required for POST /v2/slots/reservations");
    }

    // ---- reservations (NOTES §3e) ----------------------------------------------------------------------------

    @Test
    void reservationOutput() {
        String ok = """
            { "status": "success", "data": { "eventTypeId": 1, "slotStart": "2024-09-04T09:00:00.000Z",
              "slotEnd": "2024-09-04T09:30:00.000Z", "slotDuration": 30, "reservationUid": "e84be5a3",
              "reservationDuration": 5, "reservationUntil": "2024-09-04T08:05:00.000Z" } }
            """;
        assertThat(v.validateResponse("POST", "/v2/slots/reservations", 201, ok)).isEmpty();
        assertThat(v.validateResponse("POST", "/v2/slots/reservations", 201,
            ok.replace("\"reservationDuration\": 5, ", "")))
            .containsExactly("/data/reservationDuration: [required] missing required property 'reservationDuration'");
        assertThat(v.templateFor("/v2/slots/reservations")).isEqualTo("/v2/slots/reservations");
        assertThat(v.templateFor("/v2/slots/reservations/e84be5a3")).isEqualTo("/v2/slots/reservations/{uid}");
    }

    // ---- event types (NOTES §4) ------------------------------------------------------------------------------

    @Test
    void userEventTypeWithUserObjectsPasses() {
        String body = """
            { "status": "success", "data": {
              "id": 10, "lengthInMinutes": 60, "lengthInMinutesOptions": [30, 60], "title": "Intro", "slug": "intro",
              "description": "", "locations": [], "bookingFields": [], "disableGuests": false,
              "slotInterval": null, "minimumBookingNotice": 120, "beforeEventBuffer": 0, "afterEventBuffer": 15,
              "recurrence": null, "metadata": {}, "price": 0, "currency": "usd",
              "lockTimeZoneToggleOnBookingPage": false, "seatsPerTimeSlot": null,
              "forwardParamsSuccessRedirect": true, "successRedirectUrl": null, "isInstantEvent": false,
              "scheduleId": null, "hidden": false, "bookingRequiresAuthentication": false,
              "bookingWindow": [ { "type": "calendarDays", "value": 30, "rolling": true } ],
              "ownerId": 5,
              "users": [ { "id": 5, "name": "Pro Example", "username": "pro", "avatarUrl": null,
                           "weekStart": "Monday" } ] } }
            """;
        assertThat(v.validateResponse("GET", "/v2/event-types/10", 200, body)).isEmpty();
        // the document's original array<string> for users no longer passes
        List<String> errors = v.validateResponse("GET", "/v2/event-types/10", 200,
            body.replaceFirst("\"users\": \\[[^]]*]", "\"users\": [\"pro\"]"));
        assertThat(errors).contains("/data/users/0: [type] expected object but was string \"pro\" "
            + "(oneOf branch EventTypeOutput_2024_06_14)");
    }

    // ---- errors, unknown paths, statuses ---------------------------------------------------------------------

    @Test
    void calcomErrorEnvelopePassesForA400() {
        String err = """
            { "status": "error", "timestamp": "2025-12-04T10:00:00.000Z", "path": "/v2/slots?eventTypeId=10",
              "error": { "code": "BadRequestException",
                         "message": "Invalid time range given - check the 'start' and 'end' query parameters.",
                         "details": { "message": "…", "error": "Bad Request", "statusCode": 400 } } }
            """;
        assertThat(v.validateResponse("GET", "/v2/slots", 400, err)).isEmpty();
        assertThat(v.validateResponse("POST", "/v2/bookings", 400, err)).isEmpty();
        // 429 with a string "details" (NOTES §6)
        assertThat(v.validateResponse("GET", "/v2/slots", 429, """
            { "status": "error", "timestamp": "2025-12-04T10:00:00.000Z", "path": "/v2/slots?…",
              "error": { "code": "ThrottlerException",
                         "message": "CustomThrottlerGuard - Too many requests. Please try again later.",
                         "details": "CustomThrottlerGuard - Too many requests. Please try again later." } }
            """)).isEmpty();
        // Nest's bare body is not the envelope
        assertThat(v.validateResponse("POST", "/v2/bookings", 409,
            "{\"statusCode\":409,\"message\":\"booking_conflict_error\"}"))
            .contains("/status: [required] missing required property 'status'",
                "/error: [required] missing required property 'error'");
    }

    @Test
    void unknownPathAndUndocumentedStatusAreReported() {
        assertThat(v.validateResponse("GET", "/v2/nope", 200, "{}"))
            .containsExactly("unknown path GET /v2/nope: no path template in the document matches");
        assertThat(v.validateQuery("GET", "/v2/nope", Map.of())).singleElement().asString().startsWith("unknown path");
        assertThat(v.validateResponse("PUT", "/v2/slots", 200, "{}"))
            .containsExactly("no operation PUT /v2/slots in the document");
        assertThat(v.validateResponse("GET", "/v2/slots", 204, SLOTS_TIME))
            .containsExactly("no response documented for GET /v2/slots 204");
        assertThat(v.validateResponse("GET", "/v2/slots", 200, "{not json"))
            .singleElement().asString().startsWith("/: [json] body is not valid JSON");
    }

    // ---- query ------------------------------------------------------------------------------------------------

    @Test
    void queryValidation() {
        Map<String, List<String>> ok = new LinkedHashMap<>();
        ok.put("eventTypeId", List.of("10"));
        ok.put("start", List.of("2050-09-05"));
        ok.put("end", List.of("2050-09-06"));
        ok.put("timeZone", List.of("Europe/Rome"));
        assertThat(v.validateQuery("GET", "/v2/slots", ok)).isEmpty();

        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("eventTypeId", List.of("10"));
        bad.put("startTime", List.of("2050-09-05"));
        bad.put("end", List.of("2050-09-06"));
        assertThat(v.validateQuery("GET", "/v2/slots", bad)).containsExactlyInAnyOrder(
            "?startTime: [unknown-parameter] query parameter 'startTime' is not declared for GET /v2/slots",
            "?start: [required] missing required query parameter 'start' for GET /v2/slots");
    }

    // ---- mechanics on a synthetic document ---------------------------------------------------------------------

    @Test
    void refCyclesTerminateAndRecursiveDataIsStillChecked(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("doc.json");
        Files.writeString(doc, """
            { "openapi": "3.0.0", "paths": { "/t/{id}": { "get": { "responses": {
                "2XX": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Node" } } } },
                "default": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Loop" } } } }
              } } } },
              "components": { "schemas": {
                "Node": { "type": "object", "required": ["name"], "properties": {
                  "name": { "type": "string", "minLength": 2 },
                  "n": { "type": "integer", "minimum": 1, "maximum": 3 },
                  "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } } } },
                "Loop": { "allOf": [ { "$ref": "#/components/schemas/Loop2" } ] },
                "Loop2": { "anyOf": [ { "$ref": "#/components/schemas/Loop" } ] }
              } } }
            """);
        OpenApiValidator t = OpenApiValidator.load(doc, Map.of());
        assertThat(t.validateResponse("GET", "/t/1", 201,
            "{\"name\":\"ab\",\"n\":2,\"children\":[{\"name\":\"cd\",\"children\":[{\"name\":\"x\",\"n\":4}]}]}"))
            .containsExactly(
                "/children/0/children/0/name: [minLength] string of length 1 is shorter than 2",
                "/children/0/children/0/n: [maximum] 4 is above the maximum 3");
        assertThat(t.validateResponse("GET", "/t/1", 500, "{\"anything\":true}")).isEmpty();
        assertThat(t.validateResponse("GET", "/t/1", 200, "{\"n\":1.0,\"name\":\"ok\"}")).isEmpty();
    }
}
