package io.slotgate.calcom;

import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate budget's fair shares: a client that asked for its share of the window's misses only takes a call while the
 * over-share reserve stays free, so a client within its share (or a call for nobody in particular) still gets one.
 * 20 calls a window, no margin, no waiting; a share is 10 % (2 misses), the reserve 30 % (6 calls).
 */
class FairShareTest {
    private static final String KEY = "cal_live_fair";
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final RateBudget budget = new RateBudget(new RateBudget.Settings(20, 0, Duration.ZERO, 10, 30, 10, 30),
            clock);
    private final CalcomClient client = new CalcomClient(Optional.of(KEY),
            List.of(new RateBudgetInterceptor(budget, d -> { }, Optional.of(KEY))), new ScriptedTransport());

    private boolean callFor(String... clients) {
        return Callers.as(Set.of(clients), () -> client.call(new UpstreamRequest("GET", "/v2/slots?eventTypeId=1",
                Map.of(), "", Priority.USER)).isSuccess());
    }

    @Test
    void aClientPastItsShareLeavesTheReserveToClientsWithinTheirs() {
        assertThat(callFor("modest")).isTrue();
        int greedy = 0;
        while (callFor("greedy")) {
            greedy++;
        }
        assertThat(greedy).as("its share, then while more than the reserve is free").isEqualTo(13);
        assertThat(budget.shares().held()).as("11 held calls, and the refused one").isEqualTo(12);
        assertThat(callFor("greedy")).as("still held while modest is within its share").isFalse();
        assertThat(callFor("modest")).isTrue();
        assertThat(budget.shares().top(1, clock.instant(), RateBudget.WINDOW).get(0).held()).isTrue();
        assertThat(callFor("greedy")).as("modest has asked for its share too: the reserve is lent").isTrue();
    }

    @Test
    void theReserveIsLentToHeldClientsWhileNoClientWithinItsShareIsAbout() {
        int alone = 0;
        while (callFor("alone")) {
            alone++;
        }
        assertThat(alone).isEqualTo(20);
    }

    @Test
    void aCallForSeveralClientsStandsAsWellAsTheLightestOfThem() {
        assertThat(callFor("modest")).isTrue();
        while (callFor("greedy")) {
            // spend its share and more
        }
        assertThat(callFor("greedy", "modest")).isTrue();
        assertThat(callFor()).as("a call for nobody in particular is never held").isTrue();
    }

    @Test
    void missesStopCountingOnceTheWindowHasPassed() {
        while (callFor("greedy")) {
            // spend its share and more
        }
        clock.advance(RateBudget.WINDOW.plusSeconds(1));
        assertThat(budget.shares().top(10, clock.instant(), RateBudget.WINDOW)).isEmpty();
        assertThat(callFor("greedy")).isTrue();
    }
}
