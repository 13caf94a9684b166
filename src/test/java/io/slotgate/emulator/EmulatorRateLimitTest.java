package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatorRateLimitTest {
    private static final String MESSAGE = "CustomThrottlerGuard - Too many requests. Please try again later.";
    private MutableClock clock;
    private CalcomEmulator emulator;

    @BeforeEach
    void setUp() {
        clock = clock();
        emulator = tenant(clock, settings().withRateLimit(3).withRateWindow(Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    private EmulatorResponse slots(String ip) {
        return emulator.handle(EmulatorRequest.get("/v2/slots",
                EmulatorRequest.query("eventTypeId", "10", "start", "2026-06-15", "end", "2026-06-15"),
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION)).withClientIp(ip));
    }

    @Test
    void everyResponseCarriesTheDefaultRateLimitHeaders() {
        var first = slots("10.0.0.1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit-Default")).hasValue("3");
        assertThat(first.header("X-RateLimit-Remaining-Default")).hasValue("2");
        assertThat(first.header("X-RateLimit-Reset-Default")).hasValue("60");
        clock.advance(Duration.ofSeconds(20));
        var error = emulator.handle(EmulatorRequest.get("/v2/slots", Map.of(), Map.of()).withClientIp("10.0.0.1"));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("X-RateLimit-Remaining-Default")).hasValue("1");
        assertThat(error.header("X-RateLimit-Reset-Default")).hasValue("40");
    }

    @Test
    void overTheLimitIs429WithTheThrottlerBodyForTheBlockDurationThenAllowedAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(slots("10.0.0.1").status()).isEqualTo(200);
        }
        var refused = slots("10.0.0.1");
        assertThat(refused.status()).isEqualTo(429);
        JsonNode body = json(refused);
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("path").asText()).isEqualTo("/v2/slots?eventTypeId=10&start=2026-06-15&end=2026-06-15");
        assertThat(body.at("/error/code").asText()).isEqualTo("ThrottlerException");
        assertThat(body.at("/error/message").asText()).isEqualTo(MESSAGE);
        assertThat(body.at("/error/details").asText()).isEqualTo(MESSAGE);
        assertThat(refused.header("X-RateLimit-Remaining-Default")).hasValue("0");
        assertThat(refused.header("X-RateLimit-Reset-Default")).hasValue("60");
        assertThat(refused.header("Retry-After")).isEmpty();

        assertThat(slots("10.0.0.2").status()).as("another client").isEqualTo(200);

        // The window would have reset after 60 s from the first request, but the block lasts 60 s from the refusal.
        clock.advance(Duration.ofSeconds(30));
        var stillBlocked = slots("10.0.0.1");
        assertThat(stillBlocked.status()).isEqualTo(429);
        assertThat(stillBlocked.header("X-RateLimit-Reset-Default")).hasValue("30");
        clock.advance(Duration.ofSeconds(30));
        var allowed = slots("10.0.0.1");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("X-RateLimit-Remaining-Default")).hasValue("2");
        assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(200, 200, 200, 429, 200, 429, 200);
    }

    @Test
    void anApiKeyIsTrackedSeparatelyFromTheIpAndCfConnectingIpWins() {
        for (int i = 0; i < 4; i++) {
            slots("10.0.0.1");
        }
        assertThat(slots("10.0.0.1").status()).isEqualTo(429);
        var withKey = emulator.handle(EmulatorRequest.get("/v2/slots",
                EmulatorRequest.query("eventTypeId", "10", "start", "2026-06-15", "end", "2026-06-15"),
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION, "authorization", "Bearer " + KEY))
                .withClientIp("10.0.0.1"));
        assertThat(withKey.status()).isEqualTo(200);
        var viaCloudflare = emulator.handle(EmulatorRequest.get("/v2/slots",
                EmulatorRequest.query("eventTypeId", "10", "start", "2026-06-15", "end", "2026-06-15"),
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION, "cf-connecting-ip", "203.0.113.9"))
                .withClientIp("10.0.0.1"));
        assertThat(viaCloudflare.status()).isEqualTo(200);
    }
}
