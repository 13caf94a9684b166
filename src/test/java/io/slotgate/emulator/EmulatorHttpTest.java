package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.slotgate.emulator.EmulatorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Over real sockets: EmulatorServer on a free port, java.net.http client, zero latency. */
class EmulatorHttpTest {
    private static final String MONDAY_QUERY = "eventTypeId=10&start=2026-06-15&end=2026-06-15";
    private MutableClock clock;
    private CalcomEmulator emulator;
    private EmulatorServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        clock = clock();
        emulator = tenant(clock, settings());
        server = EmulatorServer.start(emulator, 0);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> slots(String query) throws IOException, InterruptedException {
        return get("/v2/slots?" + query, "cal-api-version", "2024-09-04");
    }

    @Test
    void slotsWithoutTimeZoneAreUtcWithZ() throws Exception {
        var response = slots(MONDAY_QUERY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode day = json(response.body()).at("/data/2026-06-15");
        assertThat(day.get(0).get("start").asText()).isEqualTo("2026-06-15T07:00:00.000Z");
        assertThat(day.get(0).has("end")).isFalse();
        assertThat(day).hasSize(16);
        assertThat(response.headers().firstValue("x-ratelimit-limit-default")).hasValue("120");
        assertThat(response.headers().firstValue("x-ratelimit-remaining-default")).hasValue("119");
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void slotsInEuropeRomeCarryTheSummerOffsetAndRangeFormatAddsTheEnd() throws Exception {
        var response = slots(MONDAY_QUERY + "&timeZone=Europe/Rome&format=range");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode first = json(response.body()).at("/data/2026-06-15/0");
        assertThat(first.get("start").asText()).isEqualTo("2026-06-15T09:00:00.000+02:00");
        assertThat(first.get("end").asText()).isEqualTo("2026-06-15T09:30:00.000+02:00");

        var nothing = slots("eventTypeId=10&start=2026-06-20&end=2026-06-21");
        assertThat(nothing.body()).isEqualTo("{\"status\":\"success\",\"data\":{}}");
    }

    @Test
    void anUnknownQueryParameterIs400PropertyShouldNotExist() throws Exception {
        var response = slots(MONDAY_QUERY + "&foo=bar");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response.body());
        assertThat(body.at("/error/code").asText()).isEqualTo("BadRequestException");
        assertThat(body.at("/error/message").asText()).isEqualTo("property foo should not exist");
        assertThat(body.get("path").asText()).isEqualTo("/v2/slots?" + MONDAY_QUERY + "&foo=bar");

        var mixedVariant = slots(MONDAY_QUERY + "&username=alice");
        assertThat(json(mixedVariant.body()).at("/error/message").asText()).isEqualTo("property username should not exist");
    }

    @Test
    void missingApiVersionIs404InTheEnvelope() throws Exception {
        var response = get("/v2/slots?" + MONDAY_QUERY);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json(response.body());
        assertThat(body.at("/error/code").asText()).isEqualTo("NotFoundException");
        // Nest builds the message from the original URL, query included (legacy-slots.md §1)
        assertThat(body.at("/error/message").asText()).isEqualTo("Cannot GET /v2/slots?" + MONDAY_QUERY);
    }

    @Test
    void theLegacyRoutesWorkOverHttpWithBracketArraysTheRawPathAndTheUidCookie() throws Exception {
        var bySlug = get("/v2/slots/available?eventTypeSlug=chat&usernameList%5B%5D=alice"
                + "&startTime=2026-06-15T00:00:00Z&endTime=2026-06-16T00:00:00Z");
        assertThat(bySlug.statusCode()).isEqualTo(200);
        assertThat(json(bySlug.body()).at("/data/slots/2026-06-15")).hasSize(16);

        var invalid = get("/v2/slots/available?eventTypeId=abc&startTime=2026-06-15%2B02:00&endTime=x");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid.body()).at("/path").asText())
                .isEqualTo("/v2/slots/available?eventTypeId=abc&startTime=2026-06-15%2B02:00&endTime=x");

        var reserved = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/slots/reserve"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypeId\":10,\"slotUtcStartDate\":"
                        + "\"2026-06-15T07:00:00Z\",\"slotUtcEndDate\":\"2026-06-15T07:30:00Z\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reserved.statusCode()).isEqualTo(201);
        String cookie = reserved.headers().firstValue("set-cookie").orElseThrow();
        String uid = json(reserved.body()).path("data").asText();
        assertThat(cookie).isEqualTo("uid=" + uid + "; Path=/");
        String window = "/v2/slots/available?eventTypeId=10&startTime=2026-06-15T00:00:00Z&endTime=2026-06-16T00:00:00Z";
        assertThat(json(get(window).body()).at("/data/slots/2026-06-15")).as("hidden from others").hasSize(15);
        assertThat(json(get(window, "cookie", "uid=" + uid).body()).at("/data/slots/2026-06-15"))
                .as("Cal.com's result cache ignores the cookie: the other client's answer, for 2 s").hasSize(15);
        clock.advance(Duration.ofSeconds(2));
        assertThat(json(get(window, "cookie", "uid=" + uid).body()).at("/data/slots/2026-06-15"))
                .as("not hidden from the holder").hasSize(16);
    }

    @Test
    void badSlotParametersGetCalcomsMessages() throws Exception {
        assertThat(json(slots("eventTypeId=10&start=2026-06-16&end=2026-06-15").body()).at("/error/message").asText())
                .isEqualTo("Invalid time range given - check the 'start' and 'end' query parameters.");
        assertThat(json(slots(MONDAY_QUERY + "&format=list").body()).at("/error/message").asText())
                .isEqualTo("slotFormat must be either 'range' or 'time'");
        assertThat(slots(MONDAY_QUERY + "&timeZone=Mars/Base").statusCode()).isEqualTo(400);
        assertThat(slots(MONDAY_QUERY + "&duration=abc").statusCode()).isEqualTo(400);
        // Not refused: Cal.com checks a slots duration against nothing but @IsNumber() (docs/calcom-slots.md).
        var unlisted = slots(MONDAY_QUERY + "&duration=45&format=range");
        assertThat(unlisted.statusCode()).isEqualTo(200);
        assertThat(json(unlisted.body()).at("/data/2026-06-15/0/end").asText()).endsWith("T07:45:00.000Z");
        assertThat(slots("eventTypeId=10&end=2026-06-15").statusCode()).isEqualTo(400);
        var unknown = slots("eventTypeId=999&start=2026-06-15&end=2026-06-15");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/message").asText()).isEqualTo("Event Type not found");
        var team = slots("eventTypeSlug=x&teamSlug=acme&start=2026-06-15&end=2026-06-15");
        assertThat(json(team.body()).at("/error/message").asText()).isEqualTo("Team with slug acme not found");
        var wrongKey = get("/v2/slots?" + MONDAY_QUERY, "cal-api-version", "2024-09-04",
                "authorization", "Bearer cal_unknown");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(json(wrongKey.body()).at("/error/message").asText()).isEqualTo("CustomThrottlerGuard - Invalid API Key");
    }

    @Test
    void slotsBySlugAndUsernameAndMultipleLengths() throws Exception {
        var bySlug = slots("eventTypeSlug=notice&username=alice&start=2026-06-15&end=2026-06-15&duration=60");
        assertThat(bySlug.statusCode()).isEqualTo(200);
        assertThat(json(bySlug.body()).at("/data/2026-06-15")).hasSize(8);
        var noUser = slots("eventTypeSlug=notice&username=zed&start=2026-06-15&end=2026-06-15");
        assertThat(json(noUser.body()).at("/error/message").asText()).isEqualTo("User with username zed not found");
    }

    @Test
    void bookingOverHttpRemovesTheSlotAndBookingUidToRescheduleIgnoresIt() throws Exception {
        var booking = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bookingBody(ALICE_30, at(MONDAY, 7, 0)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(booking.statusCode()).isEqualTo(201);
        String uid = json(booking.body()).at("/data/uid").asText();

        assertThat(json(slots(MONDAY_QUERY).body()).at("/data/2026-06-15/0/start").asText())
                .isEqualTo("2026-06-15T07:30:00.000Z");
        assertThat(json(slots(MONDAY_QUERY + "&bookingUidToReschedule=" + uid).body())
                .at("/data/2026-06-15/0/start").asText()).isEqualTo("2026-06-15T07:00:00.000Z");

        var malformed = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed.body()).at("/error/code").asText()).isEqualTo("BadRequestException");
    }

    @Test
    void everyRequestIsRecordedWithItsQuery() throws Exception {
        slots(MONDAY_QUERY + "&timeZone=Europe/Rome");
        get("/v2/nowhere");
        assertThat(emulator.requestCount("/v2/slots")).isEqualTo(1);
        RecordedRequest first = emulator.requests().get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.query().get("timeZone")).containsExactly("Europe/Rome");
        assertThat(first.status()).isEqualTo(200);
        assertThat(emulator.requests().get(1).status()).isEqualTo(404);
        emulator.clearRequests();
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void concurrentBookingsOfOneSlotSucceedExactlyOnce() throws Exception {
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/bookings"))
                    .header("cal-api-version", "2024-08-13")
                    .POST(HttpRequest.BodyPublishers.ofString(bookingBody(ALICE_30, at(MONDAY, 9, 0)))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }

    @Test
    void rateLimitOverHttpUsesTheRemoteAddressAndTheMutableClock() throws Exception {
        server.close();
        emulator = tenant(clock, settings().withRateLimit(2));
        server = EmulatorServer.start(emulator, 0);
        assertThat(slots(MONDAY_QUERY).statusCode()).isEqualTo(200);
        assertThat(slots(MONDAY_QUERY).statusCode()).isEqualTo(200);
        var refused = slots(MONDAY_QUERY);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("ThrottlerException");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-default")).hasValue("60");
        clock.advance(Duration.ofSeconds(61));
        assertThat(slots(MONDAY_QUERY).statusCode()).isEqualTo(200);
    }
}
