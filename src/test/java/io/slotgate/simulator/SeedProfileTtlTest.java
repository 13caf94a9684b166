package io.slotgate.simulator;

import io.slotgate.policy.PolicyJson;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.policy.PolicyProfiles;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.simulator.run.PolicyRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each baseline reproduces its profile as observed from outside: how often the same question reaches Cal.com, for a
 * day with slots and for an empty one, and whether overlapping questions share anything.
 */
class SeedProfileTtlTest {
    private static final Workload WORKLOAD = Workload.seed();

    private static Instant at(LocalTime time) {
        return WORKLOAD.firstDay().atTime(time).atZone(WORKLOAD.zone()).toInstant();
    }

    /** The same question every 10 s for 15 minutes, from 09:00 Berlin on Monday. */
    private static List<SimEvent> every10Seconds(SimEvent.QueryKind kind, int dayOffset) {
        List<SimEvent> events = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            events.add(new SimEvent.Query(at(LocalTime.of(9, 0)).plus(Duration.ofSeconds(10L * i)), i, 1001, kind,
                    dayOffset));
        }
        return events;
    }

    private static long slotCalls(String policy, List<SimEvent> events) {
        return new PolicyRun(WORKLOAD, 1, PolicyProfiles.named(policy).orElseThrow(), 1).run(events).calcomSlotCalls();
    }

    @Test
    void seedBeforeAsksCalcomEveryFiveMinutesForADayWithSlots() {
        assertThat(slotCalls(PolicyProfiles.SEED_BEFORE, every10Seconds(SimEvent.QueryKind.ONE_DAY, 1))).isEqualTo(3);
    }

    @Test
    void seedPhaseOneAndHybridAskEveryMinute() {
        assertThat(slotCalls(PolicyProfiles.SEED_PHASE1, every10Seconds(SimEvent.QueryKind.ONE_DAY, 1))).isEqualTo(15);
        assertThat(slotCalls(PolicyProfiles.SEED_HYBRID, every10Seconds(SimEvent.QueryKind.ONE_DAY, 1))).isEqualTo(15);
    }

    @Test
    void emptyDaysAreCachedSixtySecondsBeforeAndThirtyInPhaseOne() {
        // 2030-01-12 is a Saturday: event type 1001 (Anna, weekdays) has no slot
        assertThat(slotCalls(PolicyProfiles.SEED_BEFORE, every10Seconds(SimEvent.QueryKind.ONE_DAY, 5))).isEqualTo(15);
        assertThat(slotCalls(PolicyProfiles.SEED_PHASE1, every10Seconds(SimEvent.QueryKind.ONE_DAY, 5))).isEqualTo(30);
    }

    @Test
    void theSeedKeysByExactQuerySoOverlappingQuestionsShareNothing() {
        List<SimEvent> overlapping = List.of(
                new SimEvent.Query(at(LocalTime.of(9, 0)), 0, 1001, SimEvent.QueryKind.SLOTS_7_DAYS, 0),
                new SimEvent.Query(at(LocalTime.of(9, 0, 5)), 1, 1001, SimEvent.QueryKind.ONE_DAY, 2));
        assertThat(slotCalls(PolicyProfiles.SEED_PHASE1, overlapping)).isEqualTo(2);
        PolicyProfile quiet = PolicyJson.parse("{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,\"refreshAheadBeta\":0}");
        assertThat(new PolicyRun(WORKLOAD, 1, quiet, 1).run(overlapping).calcomSlotCalls())
                .as("slotgate answers the day from the week's buckets").isEqualTo(1);
    }
}
