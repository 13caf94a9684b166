package io.slotgate.calcom;

import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.slotgate.calcom.CircuitBreakerInterceptor.State.CLOSED;
import static io.slotgate.calcom.CircuitBreakerInterceptor.State.HALF_OPEN;
import static io.slotgate.calcom.CircuitBreakerInterceptor.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The circuit breaker over virtual time, against a Cal.com fake. */
class CircuitBreakerInterceptorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final ScriptedTransport calcom = new ScriptedTransport();
    private final CircuitBreakerInterceptor breaker =
            new CircuitBreakerInterceptor(CircuitBreakerInterceptor.Settings.defaults(), clock);
    private final CalcomClient client = new CalcomClient(Optional.of("cal_live_cb"), List.of(breaker), calcom);

    private CalcomOutcome<UpstreamResponse> call() {
        return client.call(new UpstreamRequest("GET", "/v2/slots?eventTypeId=1", Map.of(), ""));
    }

    private void failFiveTimes() {
        calcom.always(ScriptedTransport.status(500));
        for (int i = 0; i < 5; i++) {
            call();
        }
    }

    @Test
    void opensAfterFiveConsecutiveFailuresAndThenFailsFastWithoutCallingCalcom() {
        calcom.always(ScriptedTransport.status(500));
        for (int i = 0; i < 4; i++) {
            call();
        }
        assertThat(breaker.state()).isEqualTo(CLOSED);
        calcom.then(new IOException("connection reset"));
        call();
        assertThat(breaker.state()).as("transport failures count too").isEqualTo(OPEN);

        CalcomOutcome<UpstreamResponse> fast = call();
        assertThat(fast).isInstanceOf(CalcomOutcome.UpstreamError.class);
        assertThat(((CalcomOutcome.UpstreamError<UpstreamResponse>) fast).reason()).contains("circuit open");
        assertThat(calcom.calls()).isEqualTo(5);
    }

    @Test
    void opensWhenHalfTheCallsOfAFullWindowFailedThoughNeverFiveInARow() {
        for (int i = 0; i < 19; i++) {
            calcom.then(ScriptedTransport.status(i % 2 == 0 ? 503 : 200));
            call();
        }
        assertThat(breaker.state()).as("19 calls: the window is not full yet").isEqualTo(CLOSED);
        calcom.then(ScriptedTransport.status(200));
        call();
        assertThat(breaker.state()).as("10 failures in 20").isEqualTo(OPEN);
    }

    @Test
    void staysClosedWhenFailuresAreRareAndIgnoresRefusalsAndRateLimits() {
        for (int i = 0; i < 60; i++) {
            calcom.then(ScriptedTransport.status(i % 4 == 0 ? 500 : 200));
            call();
        }
        calcom.always(ScriptedTransport.status(429));
        for (int i = 0; i < 10; i++) {
            call();
        }
        calcom.always(ScriptedTransport.status(400));
        for (int i = 0; i < 10; i++) {
            call();
        }
        calcom.always(ScriptedTransport.status(501));
        for (int i = 0; i < 10; i++) {
            call();
        }
        assertThat(breaker.state()).isEqualTo(CLOSED);
    }

    @Test
    void halfOpensAfterTheCoolDownLettingOneProbeThroughWhoseSuccessClosesIt() throws Exception {
        failFiveTimes();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.state()).isEqualTo(OPEN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);

        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        CalcomClient slowCalcom = new CalcomClient(Optional.empty(), List.of(breaker), request -> {
            probing.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return ScriptedTransport.ok();
        });
        CompletableFuture<CalcomOutcome<UpstreamResponse>> probe = CompletableFuture.supplyAsync(() ->
                slowCalcom.call(new UpstreamRequest("GET", "/v2/slots", Map.of(), "")));
        assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(call()).as("only one probe at a time").isInstanceOf(CalcomOutcome.UpstreamError.class);
        assertThat(calcom.calls()).isEqualTo(5);
        answer.countDown();
        assertThat(probe.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(breaker.state()).isEqualTo(CLOSED);
        calcom.always(ScriptedTransport.ok());
        assertThat(call().isSuccess()).isTrue();
    }

    @Test
    void aFailedProbeOpensTheCircuitForAnotherCoolDown() {
        failFiveTimes();
        clock.advance(Duration.ofSeconds(30));
        call();
        assertThat(calcom.calls()).isEqualTo(6);
        assertThat(breaker.state()).isEqualTo(OPEN);
        clock.advance(Duration.ofSeconds(29));
        call();
        assertThat(calcom.calls()).isEqualTo(6);
        clock.advance(Duration.ofSeconds(1));
        calcom.always(ScriptedTransport.ok());
        assertThat(call().isSuccess()).isTrue();
        assertThat(breaker.state()).isEqualTo(CLOSED);
    }

    @Test
    void aProbeThatIsRateLimitedLeavesTheCircuitHalfOpenForTheNextCall() {
        failFiveTimes();
        clock.advance(Duration.ofSeconds(30));
        calcom.then(ScriptedTransport.status(429));
        call();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        calcom.always(ScriptedTransport.ok());
        assertThat(call().isSuccess()).isTrue();
        assertThat(breaker.state()).isEqualTo(CLOSED);
    }
}
