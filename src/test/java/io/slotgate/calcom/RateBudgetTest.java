package io.slotgate.calcom;

import io.slotgate.time.MutableClock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate budget over virtual time, through the client and a Cal.com fake. */
class RateBudgetTest {
    private static final String KEY = "cal_live_budget";
    /** Cal.com's 120 less the margin of 4, in any 62 s. */
    private static final RateBudget.Settings DEFAULTS = RateBudget.Settings.defaults();
    private static final int CAPACITY = 116;

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

    private static Duration retryAfter(CalcomOutcome<UpstreamResponse> outcome) {
        assertThat(outcome).isInstanceOf(CalcomOutcome.RateLimited.class);
        return ((CalcomOutcome.RateLimited<UpstreamResponse>) outcome).retryAfter();
    }

    @Test
    void calcomsLimitLessTheMarginGoesThroughInAnyWindowAndNotOneCallMore() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        assertThat(successes(CAPACITY + 10, Priority.USER)).isEqualTo(CAPACITY);
        clock.advance(RateBudget.WINDOW.minusMillis(1));
        assertThat(successes(5, Priority.USER)).as("one window after the first call, not before").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(successes(CAPACITY + 10, Priority.USER)).isEqualTo(CAPACITY);
        assertThat(calcom.calls()).isEqualTo(2 * CAPACITY);
        assertThat(budget.snapshot().callsMade()).isEqualTo(2 * CAPACITY);
        assertThat(budget.snapshot().refused()).containsEntry(Priority.USER, 25L);
        assertThat(slept).as("a user never waits when the allowed wait is zero").isEmpty();
    }

    @Test
    void aUserWaitsForTheNextCallToFreeAndBeyondItsPatienceIsRefusedWithTheWaitItWouldNeed() {
        start(DEFAULTS, advancing);
        successes(1, Priority.USER);
        clock.advance(Duration.ofSeconds(1));
        successes(CAPACITY - 1, Priority.USER);
        clock.advance(RateBudget.WINDOW.minusSeconds(2)); // the first call stops counting in 1 s, the rest in 2 s
        assertThat(call(Priority.USER).isSuccess()).as("within the 2 s a user may wait").isTrue();
        assertThat(slept).containsExactly(Duration.ofSeconds(1));

        start(DEFAULTS, advancing);
        successes(CAPACITY, Priority.USER);
        clock.advance(RateBudget.WINDOW.minusSeconds(3)); // nothing stops counting for 3 s
        slept.clear();
        Duration wait = retryAfter(call(Priority.USER));
        assertThat(wait).as("3 s, beyond the 2 s a user may wait").isEqualTo(Duration.ofSeconds(3));
        assertThat(slept).as("no use waiting for what comes too late").isEmpty();
        assertThat(calcom.calls()).as("a refused call never reaches Cal.com").isEqualTo(2 * CAPACITY + 1);
    }

    @Test
    void lowerPrioritiesNeverWaitAndLeaveAReserveForUsers() {
        start(DEFAULTS, advancing);
        int reserve30 = (int) Math.ceil(CAPACITY * 0.30);
        int reserve10 = (int) Math.ceil(CAPACITY * 0.10);
        int reserve5 = (int) Math.ceil(CAPACITY * 0.05);
        assertThat(successes(CAPACITY, Priority.WARMING)).as("warming stops while 30% remain")
                .isEqualTo(CAPACITY - reserve30);
        assertThat(call(Priority.VERIFICATION)).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(successes(CAPACITY, Priority.REFRESH)).as("refreshes stop while 10% remain")
                .isEqualTo(reserve30 - reserve10);
        assertThat(successes(CAPACITY, Priority.REFETCH)).as("a refetch leaves half the refresh reserve")
                .isEqualTo(reserve10 - reserve5);
        assertThat(successes(CAPACITY, Priority.USER)).as("the last calls are the users'").isEqualTo(reserve5);
        assertThat(slept).as("nobody waited").isEmpty();
        assertThat(budget.snapshot().refused()).containsEntry(Priority.VERIFICATION, 1L)
                .containsEntry(Priority.WARMING, (long) reserve30).containsEntry(Priority.USER, (long) CAPACITY - reserve5);
    }

    @Test
    void nothingButAUserTakesACallWhileAUserWaitsInLine() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(DEFAULTS, d -> {
            waiting.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            clock.advance(d);
        });
        successes(CAPACITY, Priority.USER);
        clock.advance(RateBudget.WINDOW.minusSeconds(1));
        CompletableFuture<CalcomOutcome<UpstreamResponse>> user = CompletableFuture.supplyAsync(
                () -> call(Priority.USER));
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(1)); // room again, but a user is first in line
        assertThat(call(Priority.REFETCH)).isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(call(Priority.REFRESH)).isInstanceOf(CalcomOutcome.RateLimited.class);
        release.countDown();
        assertThat(user.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(call(Priority.REFETCH).isSuccess()).as("the line is empty again").isTrue();
    }

    @Test
    void aUserBehindOthersGoesAtOnceWhileTheWindowHoldsACallForEachButNeverJumpsTheLineWhenItDoesNot()
            throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(DEFAULTS, d -> {
            waiting.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            clock.advance(d);
        });
        successes(1, Priority.USER);
        clock.advance(Duration.ofMillis(500));
        successes(CAPACITY - 1, Priority.USER);
        clock.advance(RateBudget.WINDOW.minusMillis(1500));
        // each user on a thread of its own (the common pool may have a single one, which a sleeping user holds)
        var users = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<CalcomOutcome<UpstreamResponse>> first = CompletableFuture.supplyAsync(
                () -> call(Priority.USER), users);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the window is full: the first user waits").isTrue();

        clock.advance(Duration.ofSeconds(1)); // the oldest call stops counting: room for one, which is the first's
        CompletableFuture<CalcomOutcome<UpstreamResponse>> second = CompletableFuture.supplyAsync(
                () -> call(Priority.USER), users);
        // the second is behind the first, with room for one: it waits in line rather than take the first's call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> budget.snapshot().waiting() == 2);
        clock.advance(Duration.ofMillis(500)); // the rest stop counting: room for all
        CompletableFuture<CalcomOutcome<UpstreamResponse>> third = CompletableFuture.supplyAsync(
                () -> call(Priority.USER), users);
        // the third finds room for everyone ahead of it and itself, and goes without sleeping (a sleep would block
        // until the release below)
        assertThat(third.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(calcom.calls()).isEqualTo(CAPACITY + 3);
        users.close();
    }

    @Test
    void callsCalcomCountedThatTheLedgerDoesNotExplainCountUntilCalcomsReset() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "120",
                "X-RateLimit-Remaining-Default", "20", "X-RateLimit-Reset-Default", "30")));
        assertThat(call(Priority.USER).isSuccess()).isTrue();
        assertThat(budget.snapshot().free()).as("someone else spends this key: 100 of its calls are not ours")
                .isEqualTo(20 - 4);
        assertThat(successes(30, Priority.USER)).isEqualTo(16);
        clock.advance(Duration.ofSeconds(32));
        assertThat(budget.snapshot().free()).as("Cal.com's window reset; ours still count")
                .isEqualTo(CAPACITY - 17);
    }

    @Test
    void callsInFlightAreNotTakenForSomeoneElsesAndAnswersAreNotCountedTwice() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        successes(10, Priority.USER);
        // Cal.com has seen only 4 of our 10 (the others are on their way): nothing is unexplained
        budget.observe(new RateBudget.Granted(4), ScriptedTransport.withHeaders(200, Map.of(
                "X-RateLimit-Remaining-Default", "116", "X-RateLimit-Reset-Default", "50")));
        assertThat(budget.snapshot().free()).isEqualTo(CAPACITY - 10);
        // Cal.com counts 30, we made 10: 20 are someone else's, and saying so twice holds them once
        for (int i = 0; i < 2; i++) {
            budget.observe(new RateBudget.Granted(10), ScriptedTransport.withHeaders(200, Map.of(
                    "X-RateLimit-Remaining-Default", "90", "X-RateLimit-Reset-Default", "50")));
        }
        assertThat(budget.snapshot().free()).isEqualTo(CAPACITY - 30);
    }

    @Test
    void ourOwnCallsThatTookTimeToArriveAreNotMistakenForSomeoneElses() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), d -> { });
        // each call travels 800 ms before Cal.com counts it, and its answer says the window resets in 60 s
        for (int i = 1; i <= 20; i++) {
            RateBudget.Granted permit = (RateBudget.Granted) budget.acquireNow(Priority.USER);
            clock.advance(Duration.ofMillis(800));
            budget.observe(permit, ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "120",
                    "X-RateLimit-Remaining-Default", Integer.toString(120 - i), "X-RateLimit-Reset-Default",
                    Long.toString(60 - (i - 1) * 800L / 1000))));
        }
        assertThat(budget.snapshot().free()).as("twenty calls, all ours").isEqualTo(CAPACITY - 20);
    }

    @Test
    void calcomsLimitHeaderResizesTheBudgetToItLessTheMargin() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "240",
                "X-RateLimit-Remaining-Default", "239", "X-RateLimit-Reset-Default", "59")));
        call(Priority.USER);
        RateBudget.Snapshot raised = budget.snapshot();
        assertThat(raised.calcomLimit()).hasValue(240);
        assertThat(raised.capacity()).isEqualTo(236);
        calcom.then(ScriptedTransport.withHeaders(200, Map.of("X-RateLimit-Limit-Default", "60",
                "X-RateLimit-Remaining-Default", "58", "X-RateLimit-Reset-Default", "59")));
        call(Priority.USER);
        assertThat(budget.snapshot().capacity()).isEqualTo(56);
        assertThat(budget.snapshot().free()).isEqualTo(54);
    }

    @Test
    void a429BlocksEveryPriorityUntilCalcomsResetThenCallsResume() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(429, Map.of("X-RateLimit-Limit-Default", "120",
                "X-RateLimit-Remaining-Default", "0", "X-RateLimit-Reset-Default", "45")));
        assertThat(retryAfter(call(Priority.USER))).isEqualTo(Duration.ofSeconds(45));
        assertThat(budget.snapshot().blockedUntil()).hasValue(clock.instant().plusSeconds(45));
        for (int second = 0; second < 45; second += 5) {
            for (Priority priority : Priority.values()) {
                assertThat(retryAfter(call(priority))).as("%s at +%d s", priority, second)
                        .isEqualTo(Duration.ofSeconds(45 - second));
            }
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(calcom.calls()).as("no call at all while blocked").isEqualTo(1);
        assertThat(budget.snapshot().blockedUntil()).isEmpty();
        assertThat(call(Priority.USER).isSuccess()).isTrue();
        assertThat(slept).as("a user never waited for a block it could not outlast").isEmpty();
    }

    @Test
    void aRetryAfterOnAnyAnswerBlocksLikeA429AndA429WithoutHeadersBlocksSixtySeconds() {
        start(DEFAULTS, advancing);
        calcom.then(ScriptedTransport.withHeaders(503, Map.of("Retry-After", "10")));
        call(Priority.USER);
        assertThat(call(Priority.REFRESH)).isInstanceOf(CalcomOutcome.RateLimited.class);
        clock.advance(Duration.ofSeconds(10));
        calcom.then(ScriptedTransport.status(429));
        call(Priority.USER);
        assertThat(budget.snapshot().blockedUntil()).hasValue(clock.instant().plusSeconds(60));
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

    @Test
    void aNewUserIsToldWhenACallIsExpectedAfterTheUsersAheadOfIt() {
        start(DEFAULTS.withMaxUserWait(Duration.ZERO), advancing);
        successes(1, Priority.USER);
        clock.advance(Duration.ofSeconds(5));
        successes(CAPACITY - 1, Priority.USER);
        assertThat(budget.expectedUserWait()).as("the first call frees one window after it was made")
                .isEqualTo(RateBudget.WINDOW.minusSeconds(5));
    }

    /** However calls of every priority come, no window ever holds more than the budget's capacity. */
    @Property(tries = 200)
    void noWindowEverHoldsMoreThanTheCapacity(
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 4000) Integer> gapsMillis,
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 4) Integer> priorities) {
        start(DEFAULTS.withMaxUserWait(Duration.ofSeconds(2)), advancing);
        List<Instant> granted = new ArrayList<>();
        for (int i = 0; i < gapsMillis.size(); i++) {
            clock.advance(Duration.ofMillis(gapsMillis.get(i)));
            Priority priority = Priority.values()[priorities.get(i % priorities.size())];
            if (call(priority).isSuccess()) {
                granted.add(clock.instant());
            }
        }
        for (int i = 0; i < granted.size(); i++) {
            Instant windowEnd = granted.get(i).plus(RateBudget.WINDOW);
            long inWindow = granted.subList(i, granted.size()).stream().filter(t -> t.isBefore(windowEnd)).count();
            assertThat(inWindow).as("calls in the window from %s", granted.get(i)).isLessThanOrEqualTo(CAPACITY);
        }
    }
}
