package io.slotgate.cache;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * Probabilistic early refresh (XFetch, Vattani et al., "Optimal Probabilistic Cache Stampede Prevention"): a fresh
 * bucket read at age {@code a} is refreshed early when {@code a - delta * beta * ln(U) >= freshFor}, U uniform in
 * (0,1]. Hot buckets are thus refreshed shortly before they expire, by one reader, with no coordination; cold ones
 * almost never. {@code delta} is what a refresh costs (Cal.com's latency), {@code beta > 1} favours earlier refreshes;
 * beta is read on every decision, so a policy reload changes it.
 */
public final class RefreshAhead {
    private final DoubleSupplier beta;
    private final Duration delta;
    private final RandomGenerator random;

    public RefreshAhead(DoubleSupplier beta, Duration delta, RandomGenerator random) {
        this.beta = beta;
        this.delta = delta;
        this.random = random;
    }

    public static RefreshAhead off() {
        return new RefreshAhead(() -> 0, Duration.ZERO, RandomGenerator.getDefault());
    }

    public boolean shouldRefreshEarly(Duration age, Duration freshFor) {
        double b = beta.getAsDouble();
        if (b <= 0 || delta.isZero()) {
            return false;
        }
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double earlyMillis = -delta.toMillis() * b * Math.log(u);
        return age.toMillis() + earlyMillis >= freshFor.toMillis();
    }
}
