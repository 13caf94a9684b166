package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tool of slotgate's MCP server, driven by the official Java SDK's client over real HTTP: the list shows each
 * tool with its input and output schema, each answers structured content with the same JSON as text, reads agree with
 * the finder's HTTP answers, and bad input is a tool error an agent can act on, never a stack trace.
 */
class McpToolsOverSdkClientTest {
    static final String TOKEN = "agt_test_token_5e6f";
    private Stack stack;
    private AgentClient agent;

    @BeforeEach
    void start() {
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
    @SuppressWarnings("unchecked")
    void toolsListShowsEveryToolWithItsInputAndOutputSchema() {
        List<McpSchema.Tool> tools = agent.sdk().listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("list_event_types",
                "find_next_slot", "list_slots", "find_alternatives", "hold_slot", "release_hold", "book_slot",
                "cancel_booking", "reschedule_booking");
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
        }
        McpSchema.Tool book = tools.stream().filter(t -> t.name().equals("book_slot")).findFirst().orElseThrow();
        assertThat((List<Object>) book.inputSchema().get("required")).containsExactlyInAnyOrder("eventTypeId", "start",
                "attendee");
        assertThat((Map<Object, Object>) book.inputSchema().get("properties")).containsKeys("eventTypeId", "start", "attendee", "duration",
                "timeZone");
    }

    @Test
    void eachToolAnswersStructuredContentAndTheSameJsonAsText() throws Exception {
        McpSchema.CallToolResult result = agent.result("find_next_slot",
                Map.of("eventTypeId", 1001, "timeZone", "Europe/Berlin"));
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        JsonNode structured = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(result.structuredContent());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(AgentClient.text(result)))
                .isEqualTo(structured);
        assertThat(structured.path("found").asBoolean()).isTrue();
        // Monday 2030-01-07, Anna's first 15 minutes in Berlin (the notice of 60 min has long passed by then)
        assertThat(structured.path("slot").path("start").asText()).isEqualTo("2030-01-07T09:00:00.000+01:00");
        assertThat(structured.path("slot").path("end").asText()).isEqualTo("2030-01-07T09:15:00.000+01:00");
    }

    @Test
    void readsAgreeWithTheFinderOverHttp() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode window = agent.call("list_slots", Map.of("eventTypeId", 1002, "start", "2030-01-07",
                "end", "2030-01-08", "timeZone", "America/New_York"));
        JsonNode http = mapper.readTree(stack.slotgate("/v1/finder/window?eventTypeId=1002&start=2030-01-07"
                + "&end=2030-01-08&timeZone=America/New_York").body()).path("data");
        assertThat(window).isEqualTo(http);
        assertThat(window.path("count").asInt()).isPositive();

        JsonNode alternatives = agent.call("find_alternatives", Map.of("eventTypeId", 1001,
                "wanted", "2030-01-07T12:07:00Z", "count", 4, "radiusDays", 2));
        JsonNode httpAlternatives = mapper.readTree(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-07T12:07:00Z&count=4&radiusDays=2").body()).path("data");
        assertThat(alternatives).isEqualTo(httpAlternatives);
        assertThat(alternatives.path("slots")).hasSize(4);

        JsonNode next = agent.call("find_next_slot", Map.of("eventTypeId", 1001, "after", "2030-01-08T10:00:00Z",
                "days", 3));
        assertThat(next.path("slot").path("start").asText()).isEqualTo("2030-01-08T10:00:00.000Z");
    }

    @Test
    void listEventTypesNamesEachWithItsLengthAndHosts() {
        JsonNode listed = agent.call("list_event_types", Map.of());
        JsonNode intro = null;
        for (JsonNode t : listed.path("eventTypes")) {
            if (t.path("id").asLong() == 1001) {
                intro = t;
            }
        }
        assertThat(intro).as(listed.toString()).isNotNull();
        assertThat(intro.path("lengthInMinutes").asInt()).isEqualTo(15);
        assertThat(intro.path("title").asText()).isNotBlank();
        assertThat(intro.path("hosts").toString()).contains("Anna Schmidt");
    }

    @Test
    void bookCancelAndRescheduleGoThroughCalcomAndTheCacheFollows() {
        JsonNode booked = agent.call("book_slot", Map.of("eventTypeId", 1001, "start", "2030-01-07T10:00:00Z",
                "attendee", Map.of("name", "Carla Caller", "email", "carla@example.com", "timeZone", "Europe/Rome")));
        assertThat(booked.path("booked").asBoolean()).as(booked.toString()).isTrue();
        String uid = booked.path("booking").path("uid").asText();
        assertThat(stack.emulator.booking(uid)).isPresent();
        assertThat(slotStarts()).doesNotContain("2030-01-07T10:00:00.000Z");

        JsonNode moved = agent.call("reschedule_booking", Map.of("bookingUid", uid, "start", "2030-01-07T11:00:00Z"));
        assertThat(moved.path("rescheduled").asBoolean()).as(moved.toString()).isTrue();
        String newUid = moved.path("booking").path("uid").asText();
        assertThat(slotStarts()).contains("2030-01-07T10:00:00.000Z").doesNotContain("2030-01-07T11:00:00.000Z");

        JsonNode cancelled = agent.call("cancel_booking", Map.of("bookingUid", newUid, "cancellationReason", "test"));
        assertThat(cancelled.path("cancelled").asBoolean()).isTrue();
        assertThat(cancelled.path("booking").path("status").asText()).isEqualTo("cancelled");
        assertThat(slotStarts()).contains("2030-01-07T11:00:00.000Z");
    }

    @Test
    void badInputIsAToolErrorThatSaysWhatToDo() {
        assertThat(error("find_next_slot", Map.of())).contains("eventTypeId is required");
        assertThat(error("find_next_slot", Map.of("eventTypeId", 99))).contains("eventTypeId 99 is unknown")
                .contains("list_event_types");
        assertThat(error("list_slots", Map.of("eventTypeId", 1001, "start", "tomorrow", "end", "2030-01-08")))
                .contains("start must be an ISO 8601");
        // the same bounds, in the same words, as GET /v1/finder/window
        assertThat(error("list_slots", Map.of("eventTypeId", 1001, "start", "2030-01-09", "end", "2030-01-08")))
                .contains("end must not be before start");
        assertThat(error("list_slots", Map.of("eventTypeId", 1001, "start", "2030-01-01", "end", "2030-06-01")))
                .contains("end must be at most 90 days after start, got 151 days");
        assertThat(error("find_alternatives", Map.of("eventTypeId", 1001, "wanted", "2030-01-07T10:00:00Z",
                "timeZone", "Mars/Olympus"))).contains("timeZone must be an IANA time zone");
        assertThat(error("book_slot", Map.of("eventTypeId", 1001, "start", "2029-01-07T10:00:00Z",
                "attendee", Map.of("name", "A", "timeZone", "UTC")))).contains("the slot is in the past");
        assertThat(error("cancel_booking", Map.of("bookingUid", "no-such-booking"))).contains("no-such-booking")
                .contains("unknown");
        assertThat(error("release_hold", Map.of("reservationUid", "no-such-hold"))).contains("no hold");
        for (String message : List.of(error("find_next_slot", Map.of("eventTypeId", "x")),
                error("book_slot", Map.of("eventTypeId", 1001)))) {
            assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private String error(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = agent.result(tool, arguments);
        assertThat(result.isError()).as(tool + " " + arguments + ": " + AgentClient.text(result)).isTrue();
        return AgentClient.text(result);
    }

    private List<String> slotStarts() {
        JsonNode window = agent.call("list_slots", Map.of("eventTypeId", 1001, "start", "2030-01-07",
                "end", "2030-01-07"));
        return java.util.stream.StreamSupport.stream(window.path("slots").spliterator(), false)
                .map(s -> s.path("start").asText()).toList();
    }
}
