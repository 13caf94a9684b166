package io.slotgate.ops;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.invalidation.Cause;
import io.slotgate.support.Stack;
import io.slotgate.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The staleness verifier against the emulator: a planted stale bucket is found and invalidated, a fresh one is not. */
class VerifierStalenessTest {
    private static final String MONDAY = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String TUESDAY = "/v2/slots?eventTypeId=1001&start=2030-01-08&end=2030-01-08";

    private Stack stack;
    private Tenant tenant;

    @BeforeEach
    void start() {
        // Cal.com's real limit (120/min): the rate budget keeps its size, so verification gets background tokens
        // three buckets a round, so one round covers every answer these tests make
        // PINNED (divergence: Cal.com's own slots result cache, withSlotsCache, 2 s). On this frozen clock a query
        // repeated after a booking gets Cal.com's pre-booking answer, so the verifier's look at Cal.com after a change
        // would see the old slots. Until slotgate is taught that cache, the emulator runs without it here. Remove
        // withoutSlotsCache() with that change.
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withoutSlotsCache(),
                // every zero: no scheduled rounds, the test runs its own
                c -> c.with(b -> b.verifier = new StalenessVerifier.Settings(java.time.Duration.ZERO, 3, 1000)),
                clock -> io.slotgate.calcom.Sleeper.system());
        DemoData.install(stack.emulator);
        tenant = stack.slotgate.tenants().defaultTenant();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aBucketChangedBehindSlotgatesBackIsCountedFalseAvailableAndInvalidated() {
        assertThat(stack.slotgate(MONDAY).headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(stack.slotgate(MONDAY).headers().firstValue("X-Cache")).hasValue("HIT");
        // Anna is made busy 09:00-11:00 Berlin in Cal.com itself: no webhook, slotgate does not know
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T08:00:00Z"),
                Instant.parse("2030-01-07T10:00:00Z"));
        long callsBefore = stack.upstreamSlotCalls();

        StalenessVerifier.Round round = tenant.verifier().verifyRound();

        assertThat(round).isEqualTo(new StalenessVerifier.Round(1, 1, 0));
        assertThat(stack.upstreamSlotCalls()).isEqualTo(callsBefore + 1);
        StalenessVerifier.Snapshot snapshot = tenant.verifier().snapshot();
        assertThat(snapshot.samplesVerified()).isEqualTo(1);
        assertThat(snapshot.falseAvailableAnswers()).isEqualTo(1);
        assertThat(snapshot.falseAvailableSlots()).isEqualTo(8); // 08:00-10:00Z in 15-minute slots
        assertThat(snapshot.falseUnavailableAnswers()).isZero();
        assertThat(snapshot.staleRatio()).isEqualTo(1.0);
        assertThat(snapshot.falseAvailableRatio()).isEqualTo(1.0);
        assertThat(snapshot.bucketsInvalidated()).isEqualTo(1);
        assertThat(tenant.invalidation().counters().invalidations(Cause.VERIFIER)).isEqualTo(1);
        assertThat(stack.slotgate("/metrics").body())
                .contains("slotgate_staleness_verified_total{result=\"false_available\"} 1.0");

        HttpResponse<String> next = stack.slotgate(MONDAY);
        assertThat(next.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(next.body()).doesNotContain("2030-01-07T08:00:00.000Z").contains("2030-01-07T10:00:00.000Z");
    }

    @Test
    void aBucketCalcomStillAgreesWithIsCountedFreshAndKept() {
        stack.slotgate(MONDAY);
        stack.slotgate(TUESDAY);
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T08:00:00Z"),
                Instant.parse("2030-01-07T10:00:00Z"));
        // Monday is now stale, Tuesday is not: one of two answers
        StalenessVerifier.Round round = tenant.verifier().verifyRound();

        assertThat(round.verified()).isEqualTo(2);
        assertThat(round.stale()).isEqualTo(1);
        StalenessVerifier.Snapshot snapshot = tenant.verifier().snapshot();
        assertThat(snapshot.samplesVerified()).isEqualTo(2);
        assertThat(snapshot.freshAnswers()).isEqualTo(1);
        assertThat(snapshot.staleRatio()).isEqualTo(0.5);
        assertThat(snapshot.samplesPending()).isZero();
        assertThat(stack.slotgate(TUESDAY).headers().firstValue("X-Cache")).hasValue("HIT");
    }

    @Test
    void slotsOfferedByCalcomButNotServedAreFalseUnavailable() {
        String blockId = stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T08:00:00Z"),
                Instant.parse("2030-01-07T09:00:00Z"));
        stack.slotgate(MONDAY);
        stack.emulator.removeBusyBlock(blockId);

        tenant.verifier().verifyRound();

        StalenessVerifier.Snapshot snapshot = tenant.verifier().snapshot();
        assertThat(snapshot.falseUnavailableAnswers()).isEqualTo(1);
        assertThat(snapshot.falseUnavailableSlots()).isEqualTo(4);
        assertThat(snapshot.falseAvailableAnswers()).isZero();
    }

    @Test
    void slotsThatHavePassedSinceTheAnswerAreNotJudged() {
        stack.slotgate(MONDAY);
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T08:00:00Z"),
                Instant.parse("2030-01-07T10:00:00Z"));
        stack.clock.advance(Duration.ofHours(26)); // 2030-01-07T10:00Z: the busy morning is in the past

        tenant.verifier().verifyRound();

        StalenessVerifier.Snapshot snapshot = tenant.verifier().snapshot();
        assertThat(snapshot.samplesVerified()).isEqualTo(1);
        assertThat(snapshot.staleAnswers()).isZero();
    }

    @Test
    void aVerificationTheRateBudgetRefusesIsSkippedAndNeverReachesCalcom() {
        stack.close();
        // the emulator announces a limit of 10: the budget is 6 calls a window, and three event types' queries (an
        // event-type lookup and a slots call each) spend them, so the background reserve is gone and VERIFICATION
        // is refused at once, while the clock stands still
        // (without the event-type catalog, whose six list calls would spend the window before the queries)
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"), io.slotgate.emulator.EmulatorSettings.defaults()
                        .withLatency(io.slotgate.emulator.LatencyModel.zero()).withRateLimit(10),
                c -> c.withCatalog(io.slotgate.availability.EventTypeCatalog.Settings.disabled()),
                clock -> io.slotgate.calcom.Sleeper.system());
        DemoData.install(stack.emulator);
        tenant = stack.slotgate.tenants().defaultTenant();
        stack.slotgate(MONDAY);
        stack.slotgate(MONDAY.replace("1001", "1004"));
        stack.slotgate(MONDAY.replace("1001", "1005"));
        long callsBefore = stack.upstreamSlotCalls();

        StalenessVerifier.Round round = tenant.verifier().verifyRound();

        assertThat(round).isEqualTo(new StalenessVerifier.Round(0, 0, 1));
        assertThat(stack.upstreamSlotCalls()).isEqualTo(callsBefore);
        assertThat(tenant.verifier().snapshot().samplesVerified()).isZero();
        assertThat(tenant.verifier().snapshot().skipped()).isEqualTo(1);
    }
}
