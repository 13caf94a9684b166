package io.slotgate.http;

import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fair shares over real sockets: a client whose misses took its share of the window is held behind everyone else and
 * refused first, while another client's miss is still answered; cached answers are never rationed.
 *
 * <p>The budget is small so the figures are few: 20 calls a window, no margin, no waiting; a client's share is 10 %
 * (2 calls), and a client past it only takes a call while more than 30 % (6 calls) of the window is free.
 */
class FairShareEndToEndTest {
    private static final String DAYS = "&start=2030-01-07&end=2030-01-08";
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T12:00:00Z"),
                // Cal.com's limit as slotgate's budget knows it (its headers would resize the budget otherwise)
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(20),
                c -> c.withRateBudget(new RateBudget.Settings(20, 0, Duration.ZERO, 10, 30, 10, 30)),
                clock -> d -> { });
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aClientPastItsShareIsRefusedWhileAnotherIsAnswered() {
        // the catalog's six list calls are nobody's; the modest client's first miss makes it one within its share
        // that is about, for whom the reserve is kept: 13 calls are left in the window
        assertThat(ask("modest", 1003, 0).statusCode()).isEqualTo(200);
        assertThat(ask("greedy", 1001, 0).statusCode()).isEqualTo(200);
        long slotsBefore = stack.upstreamSlotCalls();
        int answered = 0;
        HttpResponse<String> refused = null;
        for (int duration = 7; duration < 30 && refused == null; duration++) {
            HttpResponse<String> answer = ask("greedy", 1001, duration);
            if (answer.statusCode() == 200) {
                answered++;
            } else {
                refused = answer;
            }
        }
        // its share (2 calls, the first was one of them), then only while more than 6 of the 20 stay free: 5 more
        assertThat(answered).isEqualTo(1 + 5);
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(stack.upstreamSlotCalls() - slotsBefore).isEqualTo(1 + 5);

        HttpResponse<String> other = ask("modest", 1002, 0);
        assertThat(other.statusCode()).as("another client within its share").isEqualTo(200);
        assertThat(other.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(ask("greedy", 1001, 0).headers().firstValue("X-Cache")).as("cached answers are never rationed")
                .contains("HIT");
        RateBudget budget = stack.client().interceptor(RateBudgetInterceptor.class).orElseThrow().budget();
        assertThat(budget.shares().held()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theReserveIsLentToAHeldClientWhileNoOtherClientIsAbout() {
        // one heavy client alone (many users behind one proxy) may spend the whole window: nobody else wants it
        int answered = 0;
        for (int duration = 7; duration < 40; duration++) {
            if (ask("alone", 1001, duration).statusCode() == 200) {
                answered++;
            }
        }
        assertThat(answered).as("20 calls a window less the catalog's 6").isEqualTo(14);
    }

    @Test
    void clientsAreToldApartByTheirAuthorizationOrAgentTokenElseTheirAddress() {
        assertThat(ask("greedy", 1001, 0).statusCode()).isEqualTo(200);
        RateBudget budget = stack.client().interceptor(RateBudgetInterceptor.class).orElseThrow().budget();
        send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/slots?eventTypeId=1003" + DAYS))
                .header("cal-api-version", "2024-09-04").header("Authorization", "Bearer cal_live_someone").build());
        stack.slotgate("/v2/slots?eventTypeId=1004" + DAYS);
        var names = budget.shares().top(10, stack.clock.instant(), RateBudget.WINDOW).stream()
                .map(u -> u.client().substring(0, u.client().indexOf('-'))).sorted().toList();
        assertThat(names).containsExactly("agent", "ip", "token");
        assertThat(budget.shares().top(10, stack.clock.instant(), RateBudget.WINDOW).toString())
                .doesNotContain("127.0.0.1").doesNotContain("cal_live_someone").doesNotContain("greedy");
    }

    private HttpResponse<String> ask(String agent, long eventTypeId, int duration) {
        String query = "/v2/slots?eventTypeId=" + eventTypeId + DAYS + (duration > 0 ? "&duration=" + duration : "");
        return send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + query))
                .header("cal-api-version", "2024-09-04").header("X-Agent-Token", agent).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return stack.send(request);
    }
}
