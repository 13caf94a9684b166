package io.slotgate.app;

import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import io.slotgate.time.VirtualScheduler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The client as wired: bearer, circuit breaker, retry, rate budget, transport. */
class UpstreamChainTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final CalcomClient client = Slotgate.client(SlotgateConfig.defaults(), Optional.of("cal_live_chain"),
            new RuntimeServices(clock, d -> clock.advance(d), new VirtualScheduler(clock), Runnable::run, s -> null,
                    PolicyHolder.fixed(Stack.TEST_POLICY), new ActivityTracker(clock), new java.util.Random(7)),
            request -> {
                calls.incrementAndGet();
                assertThat(request.headers()).containsEntry("authorization", "Bearer cal_live_chain");
                return new UpstreamResponse(500, Map.of(), "");
            });

    private CalcomOutcome<UpstreamResponse> get() {
        return client.call(new UpstreamRequest("GET", "/v2/slots?eventTypeId=1", Map.of(), ""));
    }

    @Test
    void theBreakerJudgesACallByItsOutcomeAfterRetriesAndEveryAttemptSpendsAToken() {
        for (int i = 0; i < 4; i++) {
            assertThat(get()).isInstanceOf(CalcomOutcome.UpstreamError.class);
        }
        assertThat(calls.get()).as("a try and two retries each").isEqualTo(12);
        CircuitBreakerInterceptor breaker = client.interceptor(CircuitBreakerInterceptor.class).orElseThrow();
        assertThat(breaker.state()).as("four failed calls, not twelve").isEqualTo(CircuitBreakerInterceptor.State.CLOSED);
        RateBudgetInterceptor budget = client.interceptor(RateBudgetInterceptor.class).orElseThrow();
        assertThat(budget.budget().snapshot().callsMade()).isEqualTo(12);

        get();
        assertThat(breaker.state()).isEqualTo(CircuitBreakerInterceptor.State.OPEN);
        assertThat(get()).isInstanceOf(CalcomOutcome.UpstreamError.class);
        assertThat(calls.get()).isEqualTo(15);
        assertThat(budget.budget().snapshot().callsMade()).as("failing fast spends no token").isEqualTo(15);
    }
}
