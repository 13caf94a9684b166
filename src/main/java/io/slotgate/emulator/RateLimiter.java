package io.slotgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Cal.com's CustomThrottlerGuard (NOTES §6): a fixed window per tracker; the request that passes the limit blocks the
 * tracker for {@code blockDuration}, during which every request is refused. Time comes from the caller (the injected
 * clock), so virtual time works. Not thread-safe; used under the emulator's lock.
 */
final class RateLimiter {
    /** The outcome for one request and the values of the X-RateLimit-*-Default headers. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private static final class Bucket {
        Instant windowStart;
        int hits;
        Instant blockedUntil;
    }

    private final int limit;
    private final Duration window;
    private final Duration block;
    private final Map<String, Bucket> buckets = new HashMap<>();

    RateLimiter(int limit, Duration window, Duration block) {
        this.limit = limit;
        this.window = window;
        this.block = block;
    }

    Decision hit(String tracker, Instant now) {
        Bucket b = buckets.computeIfAbsent(tracker, k -> new Bucket());
        if (b.blockedUntil != null) {
            if (now.isBefore(b.blockedUntil)) {
                return new Decision(false, limit, 0, ceilSeconds(Duration.between(now, b.blockedUntil)));
            }
            // Block over: the tracker starts afresh.
            b.blockedUntil = null;
            b.windowStart = null;
        }
        if (b.windowStart == null || !now.isBefore(b.windowStart.plus(window))) {
            b.windowStart = now;
            b.hits = 0;
        }
        b.hits++;
        if (b.hits > limit) {
            b.blockedUntil = now.plus(block);
            return new Decision(false, limit, 0, ceilSeconds(block));
        }
        return new Decision(true, limit, limit - b.hits,
                ceilSeconds(Duration.between(now, b.windowStart.plus(window))));
    }

    private static long ceilSeconds(Duration d) {
        long millis = d.toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }
}
