package io.slotgate.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** How long the emulated Cal.com takes to answer one request. The emulator samples it; only the server sleeps it. */
@FunctionalInterface
public interface LatencyModel {
    Duration sample(RandomGenerator random);

    static LatencyModel zero() {
        return random -> Duration.ZERO;
    }

    static LatencyModel uniform(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
        }
        long lo = min.toNanos();
        long hi = max.toNanos();
        return random -> lo == hi ? min : Duration.ofNanos(random.nextLong(lo, hi + 1));
    }
}
