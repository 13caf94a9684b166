package io.slotgate.calcom;

import io.slotgate.slots.CalcomErrorBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Puts every call made with slotgate's key through its {@link RateBudget}: a refused call never reaches Cal.com and
 * comes back as a 429 with {@code Retry-After} (which the client classifies as {@link CalcomOutcome.RateLimited});
 * a USER call may first wait, for the request's patience or the budget's default; Cal.com's answer is then shown to
 * the budget.
 *
 * <p>Calls carrying someone else's credentials (a pass-through with the client's own key) are counted by Cal.com
 * against that key, not ours, and go by untouched.
 */
public final class RateBudgetInterceptor implements CalcomInterceptor {
    /** Marks a 429 that slotgate made up without calling Cal.com. */
    public static final String REFUSED_HEADER = "x-slotgate-rate-budget";

    private final RateBudget budget;
    private final Sleeper sleeper;
    private final Predicate<UpstreamRequest> counted;

    /**
     * @param apiKey the key the budget is for; without one, Cal.com counts slotgate's unauthenticated calls by its IP
     *               at the same limit, so those are what the budget counts
     */
    public RateBudgetInterceptor(RateBudget budget, Sleeper sleeper, Optional<String> apiKey) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Optional<String> ours = apiKey.map(key -> "Bearer " + key);
        this.counted = request -> Objects.equals(request.headers().get("authorization"), ours.orElse(null));
    }

    public RateBudget budget() {
        return budget;
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        if (!counted.test(request)) {
            return chain.proceed(request);
        }
        RateBudget.Decision decision;
        try {
            decision = budget.acquire(request.priority(),
                    request.patience().orElse(budget.settings().maxUserWait()), sleeper);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate budget");
        }
        if (decision instanceof RateBudget.Refused refused) {
            return refusal(request, refused.retryAfter());
        }
        RateBudget.Granted granted = (RateBudget.Granted) decision;
        UpstreamResponse response = chain.proceed(request);
        budget.observe(granted, response);
        return response;
    }

    /** What Cal.com would say if we called, without calling: a 429 with the wait rounded up to whole seconds. */
    private UpstreamResponse refusal(UpstreamRequest request, Duration retryAfter) {
        long seconds = Math.max(1, ceilSeconds(retryAfter));
        String body = CalcomErrorBody.throttled(budget.clock(), request.pathAndQuery(),
                "slotgate's rate budget for this Cal.com API key is spent; retry in " + seconds + " s");
        return new UpstreamResponse(429, Map.of(
                "content-type", List.of("application/json"),
                "retry-after", List.of(Long.toString(seconds)),
                REFUSED_HEADER, List.of("refused")), body);
    }

    static long ceilSeconds(Duration d) {
        long seconds = d.getSeconds();
        return d.getNano() > 0 ? seconds + 1 : seconds;
    }
}
