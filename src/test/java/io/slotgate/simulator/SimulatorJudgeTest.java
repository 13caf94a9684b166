package io.slotgate.simulator;

import io.slotgate.policy.PolicyJson;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.policy.PolicyProfiles;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.simulator.run.PolicyRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's judge on hand-made scenarios: a booking, then a query before and after the webhook. */
class SimulatorJudgeTest {
    /** Every webhook arrives exactly 5 s after the booking, none is lost. */
    private static final Workload FIVE_SECOND_WEBHOOKS = new Workload(10, 1, Workload.seed().firstDay(),
            Workload.seed().zone(), 10, 2, Workload.seed().peaks(), 0.6, 0.3, 0.1, 14, 90, 14, 1.5, 0.5, 0.1, 0.05,
            0.2, 0.5, 5.0, 5.0, 0.0, 300, 800, 120);
    /** slotgate's policy without background traffic, so only the scenario's own calls happen. */
    private static final PolicyProfile QUIET_SLOTGATE = PolicyJson.parse(
            "{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,\"refreshAheadBeta\":0}");

    private static Instant at(String localTime) {
        return FIVE_SECOND_WEBHOOKS.firstDay().atTime(LocalTime.parse(localTime))
                .atZone(FIVE_SECOND_WEBHOOKS.zone()).toInstant();
    }

    private static List<SimEvent> bookingBetweenQueries(boolean throughSlotgate) {
        return List.of(
                new SimEvent.Query(at("09:00:00"), 0, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Booking(at("09:00:10"), 1, 1001, 0.0, throughSlotgate, 0, 0, 0),
                new SimEvent.Query(at("09:00:12"), 2, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Query(at("09:00:20"), 3, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0));
    }

    private static PolicyResult run(PolicyProfile profile, List<SimEvent> events) {
        return new PolicyRun(FIVE_SECOND_WEBHOOKS, 1, profile, 1).run(events);
    }

    @Test
    void aBookedSlotIsFalseAvailableUntilTheWebhookAndNotAfter() {
        PolicyResult result = run(QUIET_SLOTGATE, bookingBetweenQueries(false));
        assertThat(result.queries()).isEqualTo(3);
        assertThat(result.bookingsAttempted()).isEqualTo(1);
        assertThat(result.bookingsFailedTaken()).isZero();
        assertThat(result.falseAvailable()).as("only the answer between booking and webhook").isEqualTo(1);
        assertThat(result.falseUnavailable()).isZero();
    }

    @Test
    void aBookingThroughSlotgateIsNeverOfferedAgainEvenBeforeTheWebhook() {
        PolicyResult result = run(QUIET_SLOTGATE, bookingBetweenQueries(true));
        assertThat(result.bookingsAttempted()).isEqualTo(1);
        assertThat(result.falseAvailable()).isZero();
    }

    @Test
    void withoutInvalidationTheSeedsPhaseOneOffersTheBookedSlotUntilItsTtlEnds() {
        PolicyResult result = run(PolicyProfiles.named(PolicyProfiles.SEED_PHASE1).orElseThrow(),
                bookingBetweenQueries(false));
        assertThat(result.falseAvailable()).as("both answers after the booking, within the 60 s TTL").isEqualTo(2);
    }

    @Test
    void aCancellationMakesACachedAnswerFalseUnavailable() {
        List<SimEvent> events = List.of(
                new SimEvent.Booking(at("09:00:00"), 0, 1001, 0.95, false, 600, 0, 0),
                new SimEvent.Query(at("09:09:30"), 1, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Query(at("09:10:01"), 2, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0));
        PolicyResult seed = run(PolicyProfiles.named(PolicyProfiles.SEED_BEFORE).orElseThrow(), events);
        assertThat(seed.falseUnavailable()).as("the freed slot is missing from the 300 s cached answer").isEqualTo(1);
        PolicyResult slotgate = run(QUIET_SLOTGATE, events);
        assertThat(slotgate.falseUnavailable()).as("the cancel webhook has not arrived 1 s later").isEqualTo(1);
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        Workload small = Workload.seed().with(m -> {
            Map<String, Object> changed = m;
            changed.put("eventTypes", 2);
            changed.put("peakQueriesPerMinute", 2.0);
            changed.put("offPeakQueriesPerMinute", 0.2);
            return changed;
        });
        PolicyProfile slotgate = PolicyProfiles.named(PolicyProfiles.SLOTGATE).orElseThrow();
        var first = Simulation.run(small, List.of(7L), List.of(slotgate), p -> { }, new int[1], 1);
        var second = Simulation.run(small, List.of(7L), List.of(slotgate), p -> { }, new int[1], 1);
        assertThat(first).isEqualTo(second);
        assertThat(first.get(0).queries()).isPositive();
        assertThat(first.get(0).calcomCalls()).isPositive();
    }
}
