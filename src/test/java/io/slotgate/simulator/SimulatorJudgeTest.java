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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's judge on hand-made scenarios: a booking, then a query before and after the webhook. */
class SimulatorJudgeTest {
    /** Every webhook arrives exactly 5 s after the booking, none is lost. */
    private static final Workload FIVE_SECOND_WEBHOOKS = Workload.seed().with(m -> {
        m.put("webhookMedianSeconds", 5.0);
        m.put("webhookP99Seconds", 5.0);
        m.put("webhookLoss", 0.0);
        return m;
    });
    /** slotgate's policy without background traffic, so only the scenario's own calls happen. */
    private static final PolicyProfile QUIET_SLOTGATE = PolicyJson.parse(
            "{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,\"refreshAheadBeta\":0}");

    private static Instant at(String localTime) {
        return FIVE_SECOND_WEBHOOKS.firstDay().atTime(LocalTime.parse(localTime))
                .atZone(FIVE_SECOND_WEBHOOKS.zone()).toInstant();
    }

    private static List<SimEvent> bookingBetweenQueries(boolean throughSlotgate) {
        return bookingBetweenQueries(throughSlotgate, 0.0);
    }

    /** @param pick which of the first ten offered slots the booker takes, as a fraction */
    private static List<SimEvent> bookingBetweenQueries(boolean throughSlotgate, double pick) {
        return List.of(
                new SimEvent.Query(at("09:00:00"), 0, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Booking(at("09:00:10"), 1, 1001, pick, throughSlotgate, 0, 0, 0),
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
        assertThat(result.offersAfterWebhook()).as("the one false answer came before the webhook").isZero();
        assertThat(result.refused()).isZero();
    }

    @Test
    void aBookingThroughSlotgateIsNeverOfferedAgainEvenBeforeTheWebhook() {
        PolicyResult result = run(QUIET_SLOTGATE, bookingBetweenQueries(true));
        assertThat(result.bookingsAttempted()).isEqualTo(1);
        assertThat(result.falseAvailable()).isZero();
        assertThat(result.offersAfterWebhook()).isZero();
    }

    @Test
    void withoutInvalidationTheSeedsPhaseOneOffersTheBookedSlotUntilItsTtlEnds() {
        PolicyResult result = run(PolicyProfiles.named(PolicyProfiles.SEED_PHASE1).orElseThrow(),
                bookingBetweenQueries(false));
        assertThat(result.falseAvailable()).as("both answers after the booking, within the 60 s TTL").isEqualTo(2);
    }

    @Test
    void aCachedAnswerOfferingTheBookedSlotAfterItsWebhookIsAnOfferAfterTheWebhook() {
        // booked on Cal.com at 09:00:10 (the sixth slot offered: the first passes into the minimum notice while
        // cached), webhook at 09:00:15; phase 1 still serves its 09:00:00 answer
        PolicyResult result = run(PolicyProfiles.named(PolicyProfiles.SEED_PHASE1).orElseThrow(),
                bookingBetweenQueries(false, 0.5));
        assertThat(result.bookingsFailedTaken()).isZero();
        assertThat(result.offersAfterWebhook()).as("the 09:00:20 answer, not the 09:00:12 one").isEqualTo(1);
        assertThat(result.offerAfterWebhookDelaysMs()).containsExactly(5_000L);
        assertThat(result.offerAfterWebhookMedianMs()).isEqualTo(5_000);
    }

    @Test
    void aBookingMadeThroughTheGatewayIsKnownFromTheMomentItsCallReturned() {
        // booked through the gateway at 09:00:10: known from then, so the answers 2 s and 10 s later both count
        PolicyResult result = run(PolicyProfiles.named(PolicyProfiles.SEED_PHASE1).orElseThrow(),
                bookingBetweenQueries(true, 0.5));
        assertThat(result.bookingsFailedTaken()).isZero();
        assertThat(result.offersAfterWebhook()).isEqualTo(2);
        assertThat(result.offerAfterWebhookDelaysMs()).containsExactly(2_000L, 10_000L);
        assertThat(result.offerAfterWebhookMaxMs()).isEqualTo(10_000);
    }

    @Test
    void queriesBeyondTheRateBudgetAreRefusedAndCountedAsNeitherHitsNorAnswers() {
        // 150 questions about 150 different days in one second, one call per day: slotgate's budget spends Cal.com's
        // 120 less a margin of 4 in any window and lets a user wait at most 2 s for a call, so the rest are refused
        // (503), not silently counted as misses
        PolicyProfile dayByDay = PolicyJson.parse("{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,"
                + "\"refreshAheadBeta\":0,\"fillSpanDays\":1,\"fillNearDays\":0,\"fillFarMonths\":0}");
        List<SimEvent> burst = new ArrayList<>();
        for (int day = 0; day < 150; day++) {
            burst.add(new SimEvent.Query(at("09:00:00").plusMillis(day * 6L), day, 1001, SimEvent.QueryKind.ONE_DAY,
                    day));
        }
        PolicyResult result = run(dayByDay, burst);

        assertThat(result.queries()).isEqualTo(150);
        assertThat(result.refusedRateBudget()).isBetween(20L, 40L);
        assertThat(result.refusedUpstream()).isZero();
        assertThat(result.answered()).isEqualTo(150 - result.refused());
        assertThat(result.hits()).isZero();
        assertThat(result.hitRate()).isZero();
        assertThat(result.refusedRate()).isEqualTo(result.refused() / 150.0);
        assertThat(result.refusedPerQuarterHour().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(result.refused());
        assertThat(result.calls429()).as("refused by slotgate, never by Cal.com").isZero();
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
    void theEventTypesSweepRunsTenToTwoHundredEventTypesAndIsNotPartOfAll() {
        List<Simulation.SweepSpec> named = Simulation.standardSweeps(List.of(Simulation.EVENT_TYPES));
        assertThat(named).singleElement().satisfies(s -> {
            assertThat(s.values()).containsExactly(10.0, 20.0, 50.0, 100.0, 150.0, 200.0);
            assertThat(s.apply().apply(Workload.seed(), 150.0).eventTypes()).isEqualTo(150);
        });
        assertThat(Simulation.standardSweeps(List.of("all"))).extracting(Simulation.SweepSpec::dimension)
                .containsExactly("load", "booking-rate", "webhook-loss", "external-share");
        assertThat(Simulation.standardSweeps(List.of("all", Simulation.EVENT_TYPES)))
                .extracting(Simulation.SweepSpec::dimension).endsWith(Simulation.EVENT_TYPES).hasSize(5);
    }

    @Test
    void aTenantOfTwentyEventTypesIsAnsweredAndJudgedLikeTheDemoTenant() {
        Workload twenty = FIVE_SECOND_WEBHOOKS.with(m -> {
            m.put("eventTypes", 20);
            return m;
        });
        PolicyResult result = new PolicyRun(twenty, 1, QUIET_SLOTGATE, 1).run(List.of(
                new SimEvent.Query(at("09:00:00"), 0, 1011, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Booking(at("09:00:10"), 1, 1011, 0.0, false, 0, 0, 0),
                new SimEvent.Query(at("09:00:12"), 2, 1011, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Query(at("09:00:20"), 3, 1020, SimEvent.QueryKind.NEXT_AVAILABLE, 0)));
        assertThat(result.eventTypes()).isEqualTo(20);
        assertThat(result.queries()).isEqualTo(3);
        assertThat(result.refused()).isZero();
        assertThat(result.bookingsAttempted()).isEqualTo(1);
        assertThat(result.falseAvailable()).as("the answer between booking and webhook").isEqualTo(1);
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
