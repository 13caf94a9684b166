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

    /** 150 one-day queries, each about another far day of one event type, from {@code clients} clients. */
    private static PolicyResult storm(int clients) {
        Workload w = Workload.coldStorm().with(m -> {
            m.put("eventTypes", 1);
            m.put("clients", clients);
            m.put("closedLoopQueries", 150);
            return m;
        });
        return new PolicyRun(w, 1, QUIET_SLOTGATE, 1).run(EventStream.generate(w, 1));
    }

    @Test
    void oneClientWaitsForEachReplySoItsQueriesSpreadOverTimeAndNoneIsRefused() {
        PolicyResult one = storm(1);

        assertThat(one.queries()).isEqualTo(150);
        assertThat(one.refused()).isZero();
        assertThat(one.hits()).as("every day is asked once").isZero();
        // after the budget's burst of 20, a token every 0.75 s: the run lasts until the last reply
        assertThat(one.days() * 86_400).isGreaterThan(95);
    }

    @Test
    void sixtyFourClientsAtOnceOverrunTheRateBudgetAndAreRefused() {
        PolicyResult many = storm(64);

        assertThat(many.queries()).isEqualTo(150);
        assertThat(many.refusedRateBudget()).isGreaterThan(100);
        assertThat(many.answered()).isPositive();
        assertThat(many.calls429()).isZero();
    }
}
