package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.openapi.OpenApiValidator;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of answer the emulator gives, and every request slotgate sends it, checked against Cal.com's own OpenAPI
 * document (with the errata NOTES.md documents, see OpenApiErrata).
 */
class EmulatorOpenApiConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = EmulatorSettings.DEMO_API_KEY;
    private final OpenApiValidator spec = OpenApiValidator.cal();
    private final List<String> violations = new ArrayList<>();
    private CalcomEmulator emulator;

    @BeforeEach
    void tenant() {
        emulator = new CalcomEmulator(new MutableClock(Instant.parse("2030-01-06T08:00:00Z")),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(10_000));
        DemoData.install(emulator);
    }

    private EmulatorResponse exchange(EmulatorRequest request, int expectedStatus) {
        EmulatorResponse response = emulator.handle(request);
        assertThat(response.status()).as(request.method() + " " + request.path() + " -> " + response.body())
                .isEqualTo(expectedStatus);
        String where = request.method() + " " + request.path() + " " + response.status() + ": ";
        spec.validateResponse(request.method(), request.path(), response.status(), response.body())
                .forEach(v -> violations.add(where + v));
        if (!request.body().isEmpty() && response.status() < 400) {
            spec.validateRequestBody(request.method(), request.path(), request.body())
                    .forEach(v -> violations.add(where + "request " + v));
        }
        if (request.method().equals("GET") && response.status() == 200) {
            spec.validateQuery(request.method(), request.path(), request.query())
                    .forEach(v -> violations.add(where + "query " + v));
        }
        return response;
    }

    private static Map<String, String> slotsHeaders() {
        return Map.of("cal-api-version", "2024-09-04");
    }

    private static Map<String, String> bookingHeaders() {
        return Map.of("cal-api-version", "2024-08-13", "authorization", "Bearer " + KEY);
    }

    @Test
    void everyAnswerConformsToCalcomsDocument() throws Exception {
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1006", "start", "2030-01-07",
                "end", "2030-01-09", "timeZone", "Europe/Rome"), slotsHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1002", "start", "2030-01-07",
                "end", "2030-01-09", "format", "range", "duration", "45"), slotsHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeSlug", "intro-call", "username", "anna",
                "start", "2030-01-07", "end", "2030-01-08"), slotsHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1006", "start", "2030-01-12",
                "end", "2030-01-12"), slotsHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1006", "start", "2030-01-09",
                "end", "2030-01-07"), slotsHeaders()), 400);
        exchange(EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "42", "start", "2030-01-07",
                "end", "2030-01-08"), slotsHeaders()), 404);
        exchange(EmulatorRequest.get("/v2/event-types/1006", Map.of(), bookingHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/event-types/1001", Map.of(), bookingHeaders()), 200);
        exchange(EmulatorRequest.get("/v2/event-types/1001", Map.of(), Map.of("cal-api-version", "2024-06-14")), 401);

        String booking = "{\"start\":\"2030-01-08T10:00:00Z\",\"eventTypeId\":1001,"
                + "\"attendee\":{\"name\":\"Jo\",\"email\":\"jo@example.com\",\"timeZone\":\"Europe/Berlin\"}}";
        JsonNode created = JSON.readTree(exchange(EmulatorRequest.post("/v2/bookings", bookingHeaders(), booking), 201).body());
        String uid = created.path("data").path("uid").asText();
        exchange(EmulatorRequest.post("/v2/bookings", bookingHeaders(), booking), 400);
        exchange(EmulatorRequest.get("/v2/bookings/" + uid, Map.of(), bookingHeaders()), 200);
        JsonNode moved = JSON.readTree(exchange(EmulatorRequest.post("/v2/bookings/" + uid + "/reschedule", bookingHeaders(),
                "{\"start\":\"2030-01-08T11:00:00Z\"}"), 201).body());
        String newUid = moved.path("data").path("uid").asText();
        exchange(EmulatorRequest.post("/v2/bookings/" + newUid + "/cancel", bookingHeaders(),
                "{\"cancellationReason\":\"changed plans\"}"), 200);
        exchange(EmulatorRequest.post("/v2/bookings/" + newUid + "/cancel", bookingHeaders(), "{}"), 400);

        JsonNode reservation = JSON.readTree(exchange(EmulatorRequest.post("/v2/slots/reservations", slotsHeaders(),
                "{\"eventTypeId\":1004,\"slotStart\":\"2030-01-08T06:00:00Z\"}"), 201).body());
        exchange(EmulatorRequest.delete("/v2/slots/reservations/" + reservation.path("data").path("reservationUid").asText(),
                slotsHeaders()), 200);

        assertThat(violations).isEmpty();
    }

    @Test
    void theThrottledAnswerConformsToo() {
        emulator = new CalcomEmulator(new MutableClock(Instant.parse("2030-01-06T08:00:00Z")),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(3));
        DemoData.install(emulator);
        EmulatorRequest request = EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1006",
                "start", "2030-01-07", "end", "2030-01-08"), slotsHeaders());
        for (int i = 0; i < 3; i++) {
            assertThat(emulator.handle(request).status()).isEqualTo(200);
        }
        EmulatorResponse throttled = emulator.handle(request);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(spec.validateResponse("GET", "/v2/slots", 429, throttled.body())).isEmpty();
    }

    @Test
    void theRequestsSlotgateSendsAreOnesCalcomDocuments() {
        // the fill and the event-type lookup of io.slotgate.calcom.CalcomClient
        assertThat(spec.validateQuery("GET", "/v2/slots", EmulatorRequest.query("eventTypeId", "1006",
                "start", "2030-01-07T00:00:00Z", "end", "2030-01-09T23:59:59Z", "format", "range", "duration", "30")))
                .isEmpty();
        assertThat(spec.templateFor("/v2/event-types/1006")).isEqualTo("/v2/event-types/{eventTypeId}");
    }
}
