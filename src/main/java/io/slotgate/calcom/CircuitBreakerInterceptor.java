package io.slotgate.calcom;

import io.slotgate.slots.CalcomErrorBody;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops calling Cal.com while it is failing, so users get an answer at once (stale data, or a clear error) instead of
 * waiting out timeouts and retries, and a struggling Cal.com is not hammered.
 *
 * <p>CLOSED: calls go through; it opens after {@link Settings#consecutiveFailures()} failures in a row, or when at
 * least {@link Settings#failureRatePercent()} of the last {@link Settings#window()} calls failed (once that many were
 * seen). OPEN: calls fail fast with a synthetic 503 (classified as {@link CalcomOutcome.UpstreamError}) and never
 * reach the transport. After {@link Settings#coolDown()} it is HALF_OPEN: one probe goes through, the rest keep
 * failing fast; the probe's success closes the circuit, its failure opens it for another cool-down.
 *
 * <p>A failure is a 5xx other than 501 or no answer at all (IOException); a 4xx means Cal.com is up and counts as a
 * success. A 429 (Cal.com's, or the rate budget's refusal) says nothing about Cal.com's health and is not counted;
 * a probe that gets one leaves the circuit half-open for the next call to probe.
 */
public final class CircuitBreakerInterceptor implements CalcomInterceptor {
    /** Marks the 503 slotgate makes up while the circuit is open. */
    public static final String OPEN_HEADER = "x-slotgate-circuit";

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * @param consecutiveFailures failures in a row that open the circuit
     * @param window              how many recent calls the failure rate is taken over
     * @param failureRatePercent  failure rate over a full window that opens the circuit
     * @param coolDown            how long the circuit stays open before a probe
     */
    public record Settings(int consecutiveFailures, int window, int failureRatePercent, Duration coolDown) {
        public Settings {
            Objects.requireNonNull(coolDown, "coolDown");
            if (consecutiveFailures < 1 || window < 1 || failureRatePercent < 1 || failureRatePercent > 100
                    || coolDown.isNegative()) {
                throw new IllegalArgumentException("circuit breaker settings out of range");
            }
        }

        public static Settings defaults() {
            return new Settings(5, 20, 50, Duration.ofSeconds(30));
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Outcomes of the last calls, true = failure; a ring of {@code window} entries. */
    private final boolean[] recent;
    private int recorded;
    private int next;
    private int failuresInWindow;
    private int consecutive;
    private State state = State.CLOSED;
    private Instant openedAt = Instant.MIN;
    private boolean probing;

    public CircuitBreakerInterceptor(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = new boolean[settings.window()];
    }

    /** The state now (an open circuit whose cool-down is over reads HALF_OPEN). */
    public State state() {
        lock.lock();
        try {
            return state == State.OPEN && coolDownOver() ? State.HALF_OPEN : state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        boolean probe;
        lock.lock();
        try {
            if (state == State.OPEN && coolDownOver()) {
                state = State.HALF_OPEN;
                probing = false;
            }
            if (state == State.OPEN || (state == State.HALF_OPEN && probing)) {
                return openReply(request);
            }
            probe = state == State.HALF_OPEN;
            probing |= probe;
        } finally {
            lock.unlock();
        }
        UpstreamResponse response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            record(probe, Verdict.FAILURE);
            throw e;
        } catch (RuntimeException | Error e) {
            record(probe, Verdict.NEUTRAL);
            throw e;
        }
        record(probe, verdict(response.status()));
        return response;
    }

    private enum Verdict { SUCCESS, FAILURE, NEUTRAL }

    private static Verdict verdict(int status) {
        if (status == 429) {
            return Verdict.NEUTRAL;
        }
        return status >= 500 && status != 501 ? Verdict.FAILURE : Verdict.SUCCESS;
    }

    private void record(boolean probe, Verdict verdict) {
        lock.lock();
        try {
            if (probe) {
                probing = false;
                switch (verdict) {
                    case SUCCESS -> close();
                    case FAILURE -> open();
                    case NEUTRAL -> { } // stays half-open; the next call probes
                }
                return;
            }
            if (state != State.CLOSED || verdict == Verdict.NEUTRAL) {
                return; // a straggler from before the circuit opened: it changes nothing
            }
            boolean failure = verdict == Verdict.FAILURE;
            if (recorded == recent.length && recent[next]) {
                failuresInWindow--;
            }
            recent[next] = failure;
            next = (next + 1) % recent.length;
            recorded = Math.min(recorded + 1, recent.length);
            if (failure) {
                failuresInWindow++;
                consecutive++;
            } else {
                consecutive = 0;
            }
            if (consecutive >= settings.consecutiveFailures()
                    || (recorded == recent.length
                    && failuresInWindow * 100 >= settings.failureRatePercent() * recent.length)) {
                open();
            }
        } finally {
            lock.unlock();
        }
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
    }

    private void close() {
        state = State.CLOSED;
        recorded = 0;
        next = 0;
        failuresInWindow = 0;
        consecutive = 0;
        java.util.Arrays.fill(recent, false);
    }

    private boolean coolDownOver() {
        return !clock.instant().isBefore(openedAt.plus(settings.coolDown()));
    }

    private UpstreamResponse openReply(UpstreamRequest request) {
        Duration left = Duration.between(clock.instant(), openedAt.plus(settings.coolDown()));
        long seconds = Math.max(1, RateBudgetInterceptor.ceilSeconds(left));
        String message = "Cal.com failed repeatedly; slotgate is not calling it for " + seconds + " s (circuit open)";
        return new UpstreamResponse(503, Map.of(
                "content-type", List.of("application/json"),
                OPEN_HEADER, List.of("open")),
                CalcomErrorBody.of(clock, request.pathAndQuery(), 503, CalcomErrorBody.codeFor(503), message));
    }

    /** The message of a fail-fast reply, for the client's classification. */
    static boolean isOpenReply(UpstreamResponse response) {
        return response.header(OPEN_HEADER).isPresent();
    }
}
