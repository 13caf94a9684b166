package io.slotgate.simulator;

import io.slotgate.policy.PolicyJson;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.simulator.generator.EventStream;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.simulator.run.PolicyRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed-loop clients (the cold storm): each sends its next query only once its previous one got a reply. */
class ClosedLoopTest {
    private static final PolicyProfile QUIET_SLOTGATE = PolicyJson.parse(
            "{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,\"refreshAheadBeta\":0}");

    /** One-day queries, each about another far day, from {@code clients} clients over {@code eventTypes}. */
    private static PolicyResult storm(PolicyProfile policy, int eventTypes, int clients, int queries) {
        Workload w = Workload.coldStorm().with(m -> {
            m.put("eventTypes", eventTypes);
            m.put("clients", clients);
            m.put("closedLoopQueries", queries);
            return m;
        });
        return new PolicyRun(w, 1, policy, 1).run(EventStream.generate(w, 1));
    }

    @Test
    void oneClientWaitsForEachReplySoItsQueriesSpreadOverTimeAndNoneIsRefused() {
        // one call per day asked (no widening), so every query is a miss and the budget paces the client
        PolicyProfile dayByDay = PolicyJson.parse("{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,"
                + "\"refreshAheadBeta\":0,\"fillSpanDays\":1,\"fillNearDays\":0,\"fillFarMonths\":0}");
        PolicyResult one = storm(dayByDay, 1, 1, 100);

        assertThat(one.queries()).isEqualTo(100);
        assertThat(one.refused()).as("fewer calls than the budget holds in a window").isZero();
        // far days repeat now and then among 261: a repeat is a hit, every other query waits for its own call
        assertThat(one.hits()).as("only a repeated day is a hit").isLessThan(30);
        // each miss waits for Cal.com (300-800 ms): the run lasts until the last reply
        assertThat(one.days() * 86_400).isGreaterThan(25);
    }

    @Test
    void aMonthPerCallAnswersAStormOverOneEventTypeWithAFewCalls() {
        PolicyResult many = storm(QUIET_SLOTGATE, 1, 64, 150);

        assertThat(many.queries()).isEqualTo(150);
        assertThat(many.refused()).isZero();
        assertThat(many.answered()).isEqualTo(150);
        assertThat(many.calls429()).isZero();
    }

    @Test
    void sixtyFourClientsOverTwoHundredEventTypesOverrunTheRateBudgetAndAreRefused() {
        PolicyResult many = storm(QUIET_SLOTGATE, 200, 64, 400);

        assertThat(many.queries()).isEqualTo(400);
        assertThat(many.refusedRateBudget()).as("more event types than the budget has calls in a window")
                .isPositive();
        assertThat(many.answered() + many.refused()).isEqualTo(400);
        assertThat(many.calls429()).isZero();
    }
}
