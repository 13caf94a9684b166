package io.slotgate.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.support.ManualScheduler;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted sequence through real sockets, and {@code GET /metrics} afterwards says exactly what happened: one miss,
 * two hits, one signed webhook invalidating, a booking through slotgate and the same booking again refused as taken.
 */
class MetricsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOKINGS = "2024-08-13";
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private static final String WEEK_1001 = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13";
    private static final String T = "tenant=\"default\"";

    private Stack stack;
    private ManualScheduler deliveries;

    @BeforeEach
    void start() {
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
        DemoData.install(stack.emulator);
        deliveries = new ManualScheduler();
        stack.emulator.webhooks().use(deliveries, WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theMetricsCountAScriptedSequenceExactly() throws IOException {
        assertThat(stack.slotgate(WEEK_1001).headers().firstValue("X-Cache")).contains("MISS");
        assertThat(stack.slotgate(WEEK_1001).headers().firstValue("X-Cache")).contains("HIT");
        assertThat(stack.slotgate(WEEK_1001).headers().firstValue("X-Cache")).contains("HIT");

        bookOnCalcom(TEN); // Cal.com sends a signed BOOKING_CREATED webhook, held until we let it go
        assertThat(deliveries.runAll()).isEqualTo(1);

        Instant quarterPast = TEN.plusSeconds(900);
        HttpResponse<String> booked = stack.post("/v2/bookings", BOOKINGS, bookingBody(quarterPast));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        HttpResponse<String> taken = stack.post("/v2/bookings", BOOKINGS, bookingBody(quarterPast));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(400);

        HttpResponse<String> scrape = stack.slotgate("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        String m = scrape.body();

        // requests by endpoint and outcome
        assertThat(value(m, "slotgate_requests_total", T, "endpoint=\"slots\"", "outcome=\"miss\"")).isEqualTo(1);
        assertThat(value(m, "slotgate_requests_total", T, "endpoint=\"slots\"", "outcome=\"hit\"")).isEqualTo(2);
        assertThat(value(m, "slotgate_requests_total", T, "endpoint=\"webhook\"", "outcome=\"bypass\"")).isEqualTo(1);
        assertThat(value(m, "slotgate_requests_total", T, "endpoint=\"bookings\"", "outcome=\"bypass\"")).isEqualTo(2);
        assertThat(sum(m, "slotgate_requests_total")).isEqualTo(6);
        assertThat(value(m, "slotgate_event_type_requests_total", T, "endpoint=\"slots\"", "event_type=\"1001\"",
                "outcome=\"hit\"")).isEqualTo(2);
        assertThat(value(m, "slotgate_event_type_requests_total", T, "endpoint=\"slots\"", "event_type=\"1001\"",
                "outcome=\"miss\"")).isEqualTo(1);
        assertThat(sum(m, "slotgate_event_type_requests_total")).isEqualTo(3);
        assertThat(value(m, "slotgate_request_duration_seconds_count", "endpoint=\"slots\"")).isEqualTo(3);
        assertThat(value(m, "slotgate_request_duration_seconds_count", "endpoint=\"bookings\"")).isEqualTo(2);
        assertThat(value(m, "slotgate_request_duration_seconds_count", "endpoint=\"webhook\"")).isEqualTo(1);

        // invalidations by cause, webhooks, staleness
        assertThat(value(m, "slotgate_invalidations_total", T, "cause=\"webhook:BOOKING_CREATED\"")).isEqualTo(1);
        assertThat(value(m, "slotgate_invalidations_total", T, "cause=\"slotgate-booking\"")).isEqualTo(1);
        assertThat(value(m, "slotgate_invalidations_total", T, "cause=\"slot-taken\"")).isEqualTo(1);
        assertThat(sum(m, "slotgate_invalidations_total")).isEqualTo(3);
        assertThat(value(m, "slotgate_webhooks_total", T, "outcome=\"accepted\"")).isEqualTo(1);
        assertThat(sum(m, "slotgate_webhooks_total")).isEqualTo(1);
        assertThat(value(m, "slotgate_webhook_signature_failures_total", T)).isZero();
        assertThat(value(m, "slotgate_webhook_duplicates_total", T)).isZero();
        assertThat(value(m, "slotgate_staleness_incidents_total", T)).isEqualTo(1);

        // Cal.com calls: exactly what the emulator received from slotgate
        assertThat(value(m, "slotgate_calcom_calls_total", T, "endpoint=\"/v2/slots\"", "status=\"200\""))
                .isEqualTo(1).isEqualTo(stack.upstreamSlotCalls());
        assertThat(value(m, "slotgate_calcom_calls_total", T, "endpoint=\"/v2/bookings\"", "status=\"201\""))
                .isEqualTo(1);
        assertThat(value(m, "slotgate_calcom_calls_total", T, "endpoint=\"/v2/bookings\"", "status=\"400\""))
                .isEqualTo(1);
        assertThat(value(m, "slotgate_calcom_event_type_calls_total", T, "event_type=\"1001\""))
                .isEqualTo(stack.upstreamSlotCalls() + stack.emulator.requestCount("/v2/event-types/1001"));
        assertThat(value(m, "slotgate_calcom_rate_limited_total", T)).isZero();
        assertThat(value(m, "slotgate_circuit_state", T)).isZero();
        assertThat(value(m, "slotgate_rate_budget_per_minute", T)).isPositive(); // sized from Cal.com's headers

        // the cache: seven days fetched once, served fresh twice
        assertThat(value(m, "slotgate_cache_days_total", T, "state=\"fetched\"")).isEqualTo(7);
        assertThat(value(m, "slotgate_cache_days_total", T, "state=\"fresh\"")).isEqualTo(14);
        assertThat(value(m, "slotgate_staleness_verified_total", "result=\"false_available\"")).isZero();

        // the tenant's ledger (what `slotgate cache stats` shows) and the dashboard's timeline agree
        var ledger = stack.slotgate.tenants().defaultTenant().ledger();
        assertThat(ledger.calls(LocalDate.of(2030, 1, 6), 1001L))
                .isEqualTo((long) value(m, "slotgate_calcom_event_type_calls_total", T, "event_type=\"1001\""));
        JsonNode data = JSON.readTree(stack.slotgate("/dashboard/data").body());
        assertThat(data.at("/totals/requests").asLong()).isEqualTo(6);
        assertThat(data.at("/totals/hits").asLong()).isEqualTo(2);
        assertThat(data.at("/totals/misses").asLong()).isEqualTo(1);
        assertThat(data.at("/totals/bypass").asLong()).isEqualTo(3);
        assertThat(data.at("/totals/invalidations").asLong()).isEqualTo(3);
        assertThat(data.at("/headline/hitRatePercent").asDouble()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(data.at("/minutes").size()).isEqualTo(60);
        assertThat(data.at("/minutes/59/requests").asLong()).isEqualTo(6);
    }

    @Test
    void aStaleVerificationReportedByTheVerifierIsCountedAndSampled() {
        SlotgateMetrics metrics = stack.slotgate.runtime().metrics();
        metrics.recordVerification(VerificationResult.OK);
        metrics.recordVerification(VerificationResult.OK);
        metrics.recordVerification(VerificationResult.OK);
        metrics.recordVerification(VerificationResult.FALSE_AVAILABLE);
        String m = stack.slotgate("/metrics").body();
        assertThat(value(m, "slotgate_staleness_verified_total", "result=\"ok\"")).isEqualTo(3);
        assertThat(value(m, "slotgate_staleness_verified_total", "result=\"false_available\"")).isEqualTo(1);
        assertThat(value(m, "slotgate_staleness_verified_total", "result=\"false_unavailable\"")).isZero();
        assertThat(value(m, "slotgate_staleness_sample")).isEqualTo(0.25);
    }

    @Test
    void aRequestForAnUnknownTenantIsCountedUnderUnknownNotUnderItsName() {
        assertThat(stack.slotgate("/tenants/nosuch/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07")
                .statusCode()).isEqualTo(404);
        assertThat(stack.slotgate("/v2/slots?eventTypeId=abc&start=2030-01-07&end=2030-01-07").statusCode())
                .isEqualTo(400);
        String m = stack.slotgate("/metrics").body();
        assertThat(m).doesNotContain("nosuch");
        assertThat(value(m, "slotgate_requests_total", "tenant=\"unknown\"", "endpoint=\"slots\"", "outcome=\"error\""))
                .isEqualTo(1);
        assertThat(value(m, "slotgate_event_type_requests_total", T, "endpoint=\"slots\"", "event_type=\"none\"",
                "outcome=\"error\"")).isEqualTo(1);
    }

    private void bookOnCalcom(Instant start) {
        HttpResponse<String> booked = stack.send(HttpRequest.newBuilder(
                        URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", BOOKINGS).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bookingBody(start))).build());
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    }

    private static String bookingBody(Instant start) {
        return """
                {"start":"%s","eventTypeId":1001,"attendee":{"name":"Carol Client","email":"carol@example.com","timeZone":"Europe/Paris"}}"""
                .formatted(start);
    }

    /** The value of the one sample of {@code name} carrying all the given labels (fails unless exactly one). */
    static double value(String scrape, String name, String... labels) {
        Map<String, Double> found = samples(scrape, name);
        var matching = found.entrySet().stream()
                .filter(e -> java.util.Arrays.stream(labels).allMatch(l -> e.getKey().contains(l)))
                .toList();
        assertThat(matching).as("samples of %s with %s in:%n%s", name, java.util.List.of(labels), found).hasSize(1);
        return matching.get(0).getValue();
    }

    static double sum(String scrape, String name) {
        return samples(scrape, name).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every sample of exactly that metric name: labels (as written) to value. */
    static Map<String, Double> samples(String scrape, String name) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        while (matcher.find()) {
            out.put(matcher.group(1) == null ? "" : matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return out;
    }
}
