package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyJson;
import io.slotgate.support.AgentClient;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot held through {@code hold_slot} is gone from every other reader's answers (another agent's tools, the finder
 * over HTTP, {@code GET /v2/slots}) within 100 ms of the hold's answer, and comes back when the hold is released, or
 * when Cal.com lets it lapse, long before the day's copy would go stale.
 */
class HeldSlotLeavesEveryReaderTest {
    private static final String TOKEN = "agt_hold_1c2d";
    private static final String TEN = "\"start\":\"2030-01-07T10:00:00.000Z\"";
    private static final String SLOTS = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String WINDOW = "/v1/finder/window?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private Stack stack;
    private AgentClient holder;
    private AgentClient other;

    @BeforeEach
    void start() {
        // Days stay fresh for an hour: a slot that comes back after a lapsed hold was brought back by slotgate, not by
        // its copy going stale.
        PolicyHolder longFresh = PolicyHolder.fixed(PolicyJson.parse("{\"name\":\"long\",\"freshTodaySeconds\":3600,"
                + "\"freshNearSeconds\":3600,\"freshFarSeconds\":3600,\"freshEmptySeconds\":3600,"
                + "\"staleWindowSeconds\":0,\"webhookSilenceMinutes\":0,\"refreshAheadBeta\":0,"
                + "\"refreshOnInvalidate\":false,\"warmTopEventTypes\":0,\"fillNearDays\":0,\"fillFarMonths\":0,"
                + "\"fillSpanDays\":90,\"backgroundSpacingSeconds\":0,\"patchConfirmSeconds\":0}"));
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache(),
                longFresh, c -> c.withAgentToken(Optional.of(new Secret(TOKEN))));
        DemoData.install(stack.emulator);
        holder = new AgentClient(stack.slotgateUrl(), "/mcp", TOKEN);
        other = new AgentClient(stack.slotgateUrl(), "/mcp", TOKEN);
    }

    @AfterEach
    void stop() {
        holder.close();
        other.close();
        stack.close();
    }

    @Test
    void aHeldSlotLeavesEveryReaderAtOnceAndComesBackWhenReleased() {
        assertThat(everyReaderOffersTen()).isTrue();

        JsonNode held = holder.call("hold_slot", Map.of("eventTypeId", 1001, "start", "2030-01-07T10:00:00Z"));
        long answered = System.nanoTime();
        assertThat(held.path("held").asBoolean()).as(held.toString()).isTrue();
        assertThat(noReaderOffersTen()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofMillis(100));

        holder.call("release_hold", Map.of("reservationUid", held.path("reservationUid").asText()));
        assertThat(everyReaderOffersTen()).isTrue();
    }

    @Test
    void aHeldSlotComesBackWhenTheHoldLapses() {
        assertThat(everyReaderOffersTen()).isTrue();
        JsonNode held = holder.call("hold_slot", Map.of("eventTypeId", 1001, "start", "2030-01-07T10:00:00Z"));
        assertThat(held.path("until").asText()).isEqualTo("2030-01-06T08:05:00.000Z");
        assertThat(noReaderOffersTen()).isTrue();

        stack.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        // the sweep runs every second on wall time: poll with a deadline
        Instant deadline = Instant.now().plusSeconds(10);
        while (!everyReaderOffersTen() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(everyReaderOffersTen()).isTrue();
    }

    @Test
    void aSlotHeldBySomeoneElseIsAnsweredWithAlternatives() {
        holder.call("hold_slot", Map.of("eventTypeId", 1001, "start", "2030-01-07T10:00:00Z"));
        JsonNode second = other.call("hold_slot", Map.of("eventTypeId", 1001, "start", "2030-01-07T10:00:00Z"));
        assertThat(second.path("held").asBoolean()).isFalse();
        assertThat(second.path("reason").asText()).contains("no longer free");
        assertThat(second.path("alternatives")).isNotEmpty();
        assertThat(second.path("alternatives").toString()).doesNotContain(TEN);
    }

    private boolean everyReaderOffersTen() {
        return otherAgentOffersTen() && stack.slotgate(WINDOW).body().contains(TEN)
                && stack.slotgate(SLOTS).body().contains(TEN);
    }

    private boolean noReaderOffersTen() {
        return !otherAgentOffersTen() && !stack.slotgate(WINDOW).body().contains(TEN)
                && !stack.slotgate(SLOTS).body().contains(TEN);
    }

    private boolean otherAgentOffersTen() {
        return other.call("list_slots", Map.of("eventTypeId", 1001, "start", "2030-01-07", "end", "2030-01-07"))
                .toString().contains(TEN);
    }
}
