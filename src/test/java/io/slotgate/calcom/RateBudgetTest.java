package io.slotgate.calcom;

import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate budget over virtual time, through the client and a Cal.com fake. */
class RateBudgetTest {
    private static final String KEY = "cal_live_budget";
    /** 100 per minute: a bucket of 20, refilled with 80 a minute, one token every 750 ms. */
    private static final RateBudget.Settings DEFAULTS = RateBudget.Settings.defaults();
    private static final Duration TOKEN = Duration.ofMillis(750);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final ScriptedTransport calcom = new ScriptedTransport();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    /** Records each wait and lets the virtual time pass. */
    private final Sleeper advancing = d -> {
        slept.add(d);
        clock.advance(d);
    };

    private RateBudget budget;
    private CalcomClient client;

    private void start(RateBudget.Settings settings, Sleeper sleeper) {
        budget = new RateBudget(settings, clock);
        client = new CalcomClient(Optional.of(KEY),
                List.of(new RateBudgetInterceptor(budget, sleeper, Optional.of(KEY))), calcom);
    }

    private CalcomOutcome<UpstreamResponse> call(Priority priority) {
        return client.call(new UpstreamRequest("GET", "/v2/slots?eventTypeId=1", Map.of(), "", priority));
    }

    private int successes(int attempts, Priority priority) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            ok += call(priority).isSuccess() ? 1 : 0;
        }
        return ok;
    }

    @Test
    void aFullBucketLetsItsBurstThroughThenRefillsContinuouslyOverVirtualTime() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        assertThat(successes(25, Priority.USER)).isEqualTo(20);
        clock.advance(TOKEN);
        assertThat(successes(2, Priority.USER)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(15));
        assertThat(successes(25, Priority.USER)).as("80 a minute: 20 in 15 s").isEqualTo(20);
        clock.advance(Duration.ofMinutes(10));
        assertThat(budget.snapshot().tokens()).as("never more than the capacity").isEqualTo(20.0);
        assertThat(calcom.calls()).isEqualTo(41);
        assertThat(budget.snapshot().callsMade()).isEqualTo(41);
        assertThat(budget.snapshot().refused()).containsEntry(Priority.USER, 11L);
        assertThat(slept).as("a user never waits when the allowed wait is zero").isEmpty();
    }

    @Test
    void aUserWaitsForTheNextTokenInTurnAndBeyondTheBoundIsRefusedWithTheWaitItWouldNeed() {
        Sleeper recordOnly = slept::add; // the clock stands still: each user reserves the next token in turn
        start(DEFAULTS, recordOnly);
        assertThat(successes(20, Priority.USER)).isEqualTo(20);
        assertThat(call(Priority.USER).isSuccess()).isTrue();
        assertThat(call(Priority.USER).isSuccess()).isTrue();
        assertThat(slept).containsExactly(TOKEN, TOKEN.multipliedBy(2));

        assertThat(budget.acquire(Priority.USER)).as("2.25 s is beyond the 2 s a user may wait")
                .isEqualTo(new RateBudget.Refused(TOKEN.multipliedBy(3)));
        CalcomOutcome<UpstreamResponse> refused = call(Priority.USER);
        assertThat(refused).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(((CalcomOutcome.RateLimited<UpstreamResponse>) refused).retryAfter())
                .as("2.25 s rounded up").isEqualTo(Duration.ofSeconds(3));
        assertThat(calcom.calls()).as("a refused call never reaches Cal.com").isEqualTo(22);
    }

    @Test
    void lowerPrioritiesAreRefusedAtOnceAndLeaveAReserveForUsers() {
        start(DEFAULTS, advancing);
        assertThat(successes(20, Priority.WARMING)).as("warming stops while 30% of 20 remain").isEqualTo(14);
        assertThat(call(Priority.VERIFICATION)).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(budget.acquire(Priority.WARMING)).as("one more token is 750 ms away")
                .isEqualTo(new RateBudget.Refused(TOKEN));
        assertThat(successes(20, Priority.REFRESH)).as("refreshes stop while 10% of 20 remain").isEqualTo(4);
        assertThat(successes(2, Priority.USER)).as("the reserve is the users'").isEqualTo(2);
        assertThat(slept).as("nobody waited").isEmpty();
        assertThat(budget.snapshot().refused())
                .containsEntry(Priority.WARMING, 7L).containsEntry(Priority.VERIFICATION, 1L)
                .containsEntry(Priority.REFRESH, 16L).containsEntry(Priority.USER, 0L);
    }

    @Test
    void waitingUsersGetTheNextTokensBeforeAnyLowerPriority() {
        start(DEFAULTS, slept::add);
        successes(20, Priority.USER);
        assertThat(budget.acquire(Priority.USER)).isInstanceOf(RateBudget.Granted.class);
        assertThat(budget.acquire(Priority.USER)).isInstanceOf(RateBudget.Granted.class);
        clock.advance(TOKEN.multipliedBy(2));
        assertThat(budget.acquire(Priority.REFRESH)).as("the refilled tokens are the waiting users'")
                .isInstanceOf(RateBudget.Refused.class);
        clock.advance(TOKEN.multipliedBy(3));
        assertThat(budget.acquire(Priority.REFRESH)).isInstanceOf(RateBudget.Granted.class);
    }

    @Test
    void calcomsRemainingBelowOurCountDrainsTheBudgetAndHoldsTheRefillUntilItsReset() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "120",
                "X-RateLimit-Remaining-Default", "3", "X-RateLimit-Reset-Default", "30")));
        assertThat(call(Priority.USER).isSuccess()).isTrue();
        assertThat(budget.snapshot().tokens()).as("someone else spends this key: Cal.com knows best").isEqualTo(3.0);
        assertThat(successes(3, Priority.USER)).isEqualTo(3);
        CalcomOutcome<UpstreamResponse> held = call(Priority.USER);
        assertThat(held).as("no refill before Cal.com's window resets").isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(((CalcomOutcome.RateLimited<UpstreamResponse>) held).retryAfter()).isEqualTo(Duration.ofSeconds(31));
        clock.advance(Duration.ofSeconds(30));
        assertThat(call(Priority.USER).isSuccess()).as("after the reset, a user waits 750 ms for a token").isTrue();
        assertThat(slept).containsExactly(TOKEN);
    }

    @Test
    void callsLetOutMeanwhileAreTakenOffCalcomsRemainingCount() {
        start(DEFAULTS, advancing);
        RateBudget.Granted first = (RateBudget.Granted) budget.acquire(Priority.USER);
        for (int i = 0; i < 5; i++) {
            budget.acquire(Priority.USER);
        }
        budget.observe(first, ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Remaining-Default", "10",
                "X-RateLimit-Reset-Default", "20")));
        assertThat(budget.snapshot().tokens()).as("10 left when the first arrived, 5 sent since").isEqualTo(5.0);
    }

    @Test
    void calcomsLimitHeaderResizesTheBudgetToTheSameFractionOfIt() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "240",
                "X-RateLimit-Remaining-Default", "239")));
        call(Priority.USER);
        RateBudget.Snapshot raised = budget.snapshot();
        assertThat(raised.calcomLimit()).hasValue(240);
        assertThat(raised.perMinute()).isEqualTo(200);
        assertThat(raised.capacity()).isEqualTo(40);

        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "60",
                "X-RateLimit-Remaining-Default", "59")));
        call(Priority.USER);
        RateBudget.Snapshot lowered = budget.snapshot();
        assertThat(lowered.perMinute()).isEqualTo(50);
        assertThat(lowered.capacity()).isEqualTo(10);
        assertThat(lowered.tokens()).isLessThanOrEqualTo(10.0);
    }

    @Test
    void a429BlocksEveryCallUntilCalcomsResetThenCallsResume() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(429, Map.of("X-RateLimit-Limit-Default", "120",
                "X-RateLimit-Remaining-Default", "0", "X-RateLimit-Reset-Default", "45")));
        CalcomOutcome<UpstreamResponse> throttled = call(Priority.USER);
        assertThat(throttled).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(((CalcomOutcome.RateLimited<UpstreamResponse>) throttled).retryAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(budget.snapshot().blockedUntil()).hasValue(clock.instant().plusSeconds(45));

        for (int second = 0; second < 45; second += 5) {
            for (Priority priority : Priority.values()) {
                CalcomOutcome<UpstreamResponse> outcome = call(priority);
                assertThat(outcome).as("%s at +%d s", priority, second).isInstanceOf(CalcomOutcome.RateLimited.class);
                assertThat(((CalcomOutcome.RateLimited<UpstreamResponse>) outcome).retryAfter())
                        .isEqualTo(Duration.ofSeconds(45 - second));
            }
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(calcom.calls()).as("no call at all while blocked").isEqualTo(1);
        assertThat(budget.snapshot().blockedUntil()).isEmpty();
        assertThat(call(Priority.USER).isSuccess()).as("the block is over; the bucket starts empty").isTrue();
        assertThat(slept).containsExactly(TOKEN);
        assertThat(calcom.calls()).isEqualTo(2);
    }

    @Test
    void aRetryAfterOnAnyAnswerBlocksLikeA429AndA429WithoutHeadersBlocksSixtySeconds() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(503, Map.of("Retry-After", "10")));
        call(Priority.USER);
        assertThat(call(Priority.USER)).isInstanceOf(CalcomOutcome.RateLimited.class);
        clock.advance(Duration.ofSeconds(10));
        calcom.then(ScriptedTransport.status(429));
        call(Priority.USER);
        assertThat(budget.snapshot().blockedUntil()).hasValue(clock.instant().plusSeconds(60));
    }

    @Test
    void aUserWhoseWaitEndsInsideANewBlockIsRefusedWithoutCallingCalcom() {
        start(DEFAULTS, d -> {
            clock.advance(d);
            budget.observe(new RateBudget.Granted(Duration.ZERO, 0), ScriptedTransport.withHeaders(429,
                    Map.of("X-RateLimit-Reset-Default", "60")));
        });
        successes(20, Priority.USER);
        CalcomOutcome<UpstreamResponse> outcome = call(Priority.USER);
        assertThat(outcome).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(calcom.calls()).isEqualTo(20);
        assertThat(budget.snapshot().callsMade()).isEqualTo(20);
    }

    @Test
    void callsWithSomeoneElsesCredentialsAreNotCountedAgainstOurKey() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        successes(20, Priority.USER);
        CalcomOutcome<UpstreamResponse> theirs = client.call(new UpstreamRequest("GET", "/v2/bookings",
                Map.of("authorization", "Bearer cal_live_theirs"), ""));
        assertThat(theirs.isSuccess()).isTrue();
        assertThat(budget.snapshot().callsMade()).isEqualTo(20);
    }
}
