package io.slotgate.calcom;

import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries of idempotent calls, against a Cal.com fake, with the random source and the sleeper injected. */
class RetryInterceptorTest {
    private static final RetryInterceptor.Settings DEFAULTS = RetryInterceptor.Settings.defaults();
    private static final Optional<Integer> NO_DURATION = Optional.empty();
    private static final io.slotgate.slots.TimeRange DAY = io.slotgate.slots.TimeRange.utcDays(
            java.time.LocalDate.of(2030, 1, 7), java.time.LocalDate.of(2030, 1, 7));

    private final ScriptedTransport calcom = new ScriptedTransport();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final CalcomClient client = new CalcomClient(Optional.of("cal_live_retry"),
            List.of(new RetryInterceptor(DEFAULTS, slept::add, new SplittableRandom(7))), calcom);

    /** Always draws the largest value allowed, so each delay is its cap. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void aServerErrorThenAnAnswerSucceedsWithTwoCalls() {
        calcom.then(ScriptedTransport.status(502)).then(ScriptedTransport.ok());
        assertThat(client.slots(1, DAY, NO_DURATION).isSuccess()).isTrue();
        assertThat(calcom.calls()).isEqualTo(2);
        assertThat(slept).hasSize(1);
    }

    @Test
    void timeoutsAndRefusedConnectionsAreRetriedAtMostTwiceThenReported() {
        calcom.then(new HttpTimeoutException("request timed out")).then(ScriptedTransport.ok());
        assertThat(client.slots(1, DAY, NO_DURATION).isSuccess()).isTrue();
        assertThat(calcom.calls()).isEqualTo(2);

        calcom.always(ScriptedTransport.status(503));
        calcom.then(new java.net.ConnectException("refused"));
        CalcomOutcome<?> outcome = client.slots(1, DAY, NO_DURATION);
        assertThat(outcome).isEqualTo(new CalcomOutcome.UpstreamError<>(503, "Cal.com answered 503"));
        assertThat(calcom.calls()).as("one try and two retries").isEqualTo(5);
    }

    @Test
    void aPostIsNeverRetriedEvenOnAServerErrorOrATimeout() {
        calcom.then(ScriptedTransport.status(500));
        assertThat(client.createBooking("{}")).isInstanceOf(CalcomOutcome.UpstreamError.class);
        calcom.then(new HttpTimeoutException("request timed out"));
        assertThat(client.createBooking("{}")).isInstanceOf(CalcomOutcome.UpstreamError.class);
        assertThat(calcom.calls()).as("a retried booking could book twice").isEqualTo(2);
        assertThat(slept).isEmpty();
    }

    @Test
    void clientErrorsRateLimitsAndNotImplementedAreNeverRetried() {
        for (int status : new int[]{400, 401, 404, 409, 429, 501}) {
            calcom.then(ScriptedTransport.status(status));
            assertThat(client.slots(1, DAY, NO_DURATION).isSuccess()).isFalse();
        }
        assertThat(calcom.calls()).isEqualTo(6);
        assertThat(slept).isEmpty();
    }

    @Test
    void jitteredDelaysStayWithinTheirExponentialCaps() {
        RetryInterceptor highest = new RetryInterceptor(DEFAULTS, d -> { }, HIGHEST);
        assertThat(List.of(highest.delayBefore(0), highest.delayBefore(1), highest.delayBefore(2),
                highest.delayBefore(3), highest.delayBefore(4), highest.delayBefore(70)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                        Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2));

        RetryInterceptor seeded = new RetryInterceptor(DEFAULTS, d -> { }, new SplittableRandom(11));
        for (int i = 0; i < 2_000; i++) {
            assertThat(seeded.delayBefore(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(seeded.delayBefore(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        }
        calcom.always(ScriptedTransport.status(500));
        client.slots(1, DAY, NO_DURATION);
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(slept.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void everyRetryAsksTheRateBudgetAndARefusalEndsTheRetrying() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
        RateBudget budget = new RateBudget(new RateBudget.Settings(4, 2, Duration.ZERO, 10, 30), clock);
        CalcomClient chained = new CalcomClient(Optional.of("cal_live_retry"), List.of(
                new RetryInterceptor(DEFAULTS, slept::add, new SplittableRandom(7)),
                new RateBudgetInterceptor(budget, d -> { }, Optional.of("cal_live_retry"))), calcom);
        calcom.always(ScriptedTransport.status(500));
        CalcomOutcome<?> outcome = chained.slots(1, DAY, NO_DURATION);
        assertThat(outcome).as("the third try had no token").isInstanceOf(CalcomOutcome.RateLimited.class);
        assertThat(calcom.calls()).isEqualTo(2);
        assertThat(budget.snapshot().callsMade()).isEqualTo(2);
    }
}
