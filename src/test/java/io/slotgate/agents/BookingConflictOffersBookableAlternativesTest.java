package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.AgentClient;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot offered from the cache is booked directly at Cal.com by someone else a moment before the caller books it:
 * {@code book_slot} (and {@code POST /v1/finder/book}) answer, in the same call, that it was taken and the nearest free
 * alternatives from a refetch of that day, and the first alternative is bookable at once.
 */
class BookingConflictOffersBookableAlternativesTest {
    private static final String TOKEN = "agt_conflict_7a8b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private Stack stack;
    private AgentClient agent;

    @BeforeEach
    void start() {
        // Cal.com's own result cache off: the frozen clock would give the refetch the answer from before the booking.
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache(),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAgentToken(Optional.of(new Secret(TOKEN))));
        DemoData.install(stack.emulator);
        agent = new AgentClient(stack.slotgateUrl(), "/mcp", TOKEN);
    }

    @AfterEach
    void stop() {
        agent.close();
        stack.close();
    }

    @Test
    void aSlotTakenAMomentAgoIsAnsweredWithAnAlternativeThatBooksAtOnce() {
        JsonNode offered = agent.call("find_next_slot", Map.of("eventTypeId", 1001, "timeZone", "Europe/Berlin"));
        String first = offered.path("slot").path("start").asText();
        assertThat(first).isEqualTo("2030-01-07T09:00:00.000+01:00");
        competitorBooks("2030-01-07T08:00:00Z");

        JsonNode refused = agent.call("book_slot", booking(first));
        assertThat(refused.path("booked").asBoolean()).isFalse();
        assertThat(refused.path("reason").asText()).contains("taken");
        assertThat(refused.path("alternatives")).isNotEmpty();
        assertThat(refused.path("alternatives").toString()).doesNotContain(first);
        String alternative = refused.path("alternatives").get(0).path("start").asText();
        assertThat(alternative).isEqualTo("2030-01-07T09:15:00.000+01:00");

        JsonNode booked = agent.call("book_slot", booking(alternative));
        assertThat(booked.path("booked").asBoolean()).as(booked.toString()).isTrue();
        assertThat(stack.emulator.bookings()).hasSize(2);
    }

    @Test
    void theHttpRouteAnswers409WithAlternativesAnd201ForTheAlternative() throws Exception {
        competitorBooks("2030-01-07T08:00:00Z");
        HttpResponse<String> refused = book(booking("2030-01-07T08:00:00Z"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("data").path("booked").asBoolean()).isFalse();
        String alternative = body.path("data").path("alternatives").get(0).path("start").asText();

        HttpResponse<String> booked = book(booking(alternative));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(JSON.readTree(booked.body()).path("data").path("booking").path("uid").asText()).isNotBlank();
    }

    @Test
    void theHttpRouteRefusesBadInputWith400() {
        HttpResponse<String> notJson = send("{eventTypeId");
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> noAttendee = send("{\"eventTypeId\":1001,\"start\":\"2030-01-07T08:00:00Z\"}");
        assertThat(noAttendee.statusCode()).isEqualTo(400);
        assertThat(noAttendee.body()).contains("attendee is required");
        assertThat(stack.emulator.bookings()).isEmpty();
    }

    private static Map<String, Object> booking(String start) {
        return Map.of("eventTypeId", 1001, "start", start,
                "attendee", Map.of("name", "Carla Caller", "email", "carla@example.com", "timeZone", "Europe/Berlin"));
    }

    private HttpResponse<String> book(Map<String, Object> request) throws Exception {
        return send(JSON.writeValueAsString(request));
    }

    private HttpResponse<String> send(String body) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v1/finder/book"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Someone books at Cal.com directly: slotgate hears nothing of it (no webhook is subscribed). */
    private void competitorBooks(String start) {
        HttpResponse<String> taken = stack.send(HttpRequest.newBuilder(
                        URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypeId\":1001,\"start\":\"" + start
                        + "\",\"attendee\":{\"name\":\"Rival\",\"timeZone\":\"UTC\"}}")).build());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
    }
}
