package io.slotgate.calcom;

import com.sun.net.httpserver.HttpServer;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against a real local HTTP server that answers as Cal.com would (canned answers per test). */
class CalcomClientTest {
    private HttpServer server;
    private final AtomicReference<Canned> next = new AtomicReference<>();
    private final AtomicReference<com.sun.net.httpserver.Headers> lastHeaders = new AtomicReference<>();
    private final AtomicReference<URI> lastUri = new AtomicReference<>();
    private CalcomClient client;

    record Canned(int status, Map<String, String> headers, String body, Duration delay) {
        Canned(int status, String body) {
            this(status, Map.of(), body, Duration.ZERO);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastHeaders.set(exchange.getRequestHeaders());
            lastUri.set(exchange.getRequestURI());
            Canned canned = next.get();
            try {
                Thread.sleep(canned.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            canned.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        // a generous request timeout: a busy build machine's first request must not read as Cal.com timing out
        client = clientWithRequestTimeout(Duration.ofSeconds(5));
    }

    private CalcomClient clientWithRequestTimeout(Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new CalcomClient(Optional.of("cal_live_test"), List.of(),
                new HttpTransport(base, Duration.ofSeconds(2), timeout));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static final TimeRange TWO_DAYS = TimeRange.utcDays(LocalDate.of(2050, 9, 5), LocalDate.of(2050, 9, 6));

    @Test
    void slotsAreAskedForInUtcRangeFormatWithTheKeyAndVersion() {
        next.set(new Canned(200, "{\"status\":\"success\",\"data\":{\"2050-09-05\":[{\"start\":\"2050-09-05T07:00:00.000Z\",\"end\":\"2050-09-05T08:00:00.000Z\"}]}}"));
        CalcomOutcome<List<Slot>> outcome = client.slots(10, TWO_DAYS, Optional.of(60));
        assertThat(outcome).isInstanceOf(CalcomOutcome.Success.class);
        assertThat(((CalcomOutcome.Success<List<Slot>>) outcome).value())
                .containsExactly(new Slot(Instant.parse("2050-09-05T07:00:00Z"), Instant.parse("2050-09-05T08:00:00Z")));
        assertThat(lastHeaders.get().getFirst("Authorization")).isEqualTo("Bearer cal_live_test");
        assertThat(lastHeaders.get().getFirst("cal-api-version")).isEqualTo("2024-09-04");
        assertThat(lastUri.get().getQuery()).isEqualTo(
                "eventTypeId=10&start=2050-09-05T00:00:00Z&end=2050-09-06T23:59:59Z&format=range&duration=60");
    }

    @Test
    void aWindowEndingAtMidnightIsSentAsTheSecondBeforeItWhichCalcomDoesNotStretchToTheNextDay() {
        next.set(new Canned(200, "{\"status\":\"success\",\"data\":{}}"));
        TimeRange legacyDates = new TimeRange(Instant.parse("2050-09-05T00:00:00Z"), Instant.parse("2050-09-07T00:00:00Z"));
        client.slotsAsAsked(10, legacyDates, Optional.empty(), java.time.ZoneOffset.UTC, Priority.EXACT);
        assertThat(lastUri.get().getQuery()).isEqualTo(
                "eventTypeId=10&start=2050-09-05T00:00:00Z&end=2050-09-06T23:59:59Z&format=range");
    }

    @Test
    void aThrottledCallIsRateLimitedForCalcomsResetOrItsDefaultBlock() {
        next.set(new Canned(429, Map.of("X-RateLimit-Reset-Default", "42"), "{}", Duration.ZERO));
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOfSatisfying(CalcomOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(42)));
        next.set(new Canned(429, "{}"));
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOfSatisfying(CalcomOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        next.set(new Canned(429, Map.of("Retry-After", "7"), "{}", Duration.ZERO));
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOfSatisfying(CalcomOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aBusyHostRefusalIsSlotTaken() {
        next.set(new Canned(400, "{\"status\":\"error\",\"error\":{\"code\":\"BadRequestException\",\"message\":\"User either already has booking at this time or is not available\"}}"));
        assertThat(client.createBooking("{}")).isInstanceOf(CalcomOutcome.SlotTaken.class);
        next.set(new Canned(409, "{\"statusCode\":409,\"message\":\"booking_conflict_error\"}"));
        assertThat(client.createBooking("{}")).isInstanceOf(CalcomOutcome.SlotTaken.class);
        next.set(new Canned(400, "{\"status\":\"error\",\"error\":{\"message\":\"Attempting to book a meeting in the past.\"}}"));
        assertThat(client.createBooking("{}")).isInstanceOf(CalcomOutcome.Rejected.class);
    }

    @Test
    void refusedCredentialsAreUnauthorised() {
        next.set(new Canned(401, "{\"status\":\"error\"}"));
        assertThat(client.eventType(10)).isInstanceOf(CalcomOutcome.Unauthorised.class);
    }

    @Test
    void serverErrorsTimeoutsAndUnreadableBodiesAreErrorsNeverEmptySlots() {
        next.set(new Canned(502, "bad gateway"));
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOf(CalcomOutcome.UpstreamError.class);
        next.set(new Canned(200, "<html>maintenance</html>"));
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOf(CalcomOutcome.UpstreamError.class);
        next.set(new Canned(200, Map.of(), "{\"status\":\"success\",\"data\":{}}", Duration.ofSeconds(2)));
        CalcomClient impatient = clientWithRequestTimeout(Duration.ofMillis(500));
        assertThat(impatient.slots(10, TWO_DAYS, Optional.empty())).isInstanceOfSatisfying(CalcomOutcome.UpstreamError.class,
                e -> assertThat(e.reason()).contains("Timeout"));
    }

    @Test
    void aRefusedConnectionIsAnUpstreamError() {
        server.stop(0);
        assertThat(client.slots(10, TWO_DAYS, Optional.empty())).isInstanceOfSatisfying(CalcomOutcome.UpstreamError.class,
                e -> assertThat(e.status()).isZero());
    }

    @Test
    void eventTypesAreReadForLengthNoticeBuffersAndHosts() {
        next.set(new Canned(200, "{\"status\":\"success\",\"data\":{\"id\":10,\"lengthInMinutes\":30,"
                + "\"lengthInMinutesOptions\":[15,30],\"minimumBookingNotice\":120,\"beforeEventBuffer\":5,"
                + "\"afterEventBuffer\":10,\"hosts\":[{\"userId\":3},{\"userId\":4}]}}"));
        assertThat(client.eventType(10)).isInstanceOfSatisfying(CalcomOutcome.Success.class, ok -> assertThat(ok.value())
                .isEqualTo(new EventTypeInfo(10, 30, List.of(15, 30), 120, 5, 10, List.of(3L, 4L))));
        assertThat(lastHeaders.get().getFirst("cal-api-version")).isEqualTo("2024-06-14");
    }
}
