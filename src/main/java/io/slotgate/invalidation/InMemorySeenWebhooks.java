package io.slotgate.invalidation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;

/** {@link SeenWebhooks} for one process: keys kept for {@code retention} (by the given clock), at most {@code max}. */
public final class InMemorySeenWebhooks implements SeenWebhooks {
    private final Cache<String, Boolean> seen;

    public InMemorySeenWebhooks(Clock clock, Duration retention, long max) {
        this.seen = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(retention)
                .maximumSize(max)
                .build();
    }

    public InMemorySeenWebhooks(Clock clock) {
        this(clock, Duration.ofHours(24), 200_000);
    }

    @Override
    public boolean firstSighting(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }
}
