package io.slotgate.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a bucket may be served: as fresh until {@code freshFor}, then as stale (at once, while one background
 * refresh runs, or when Cal.com fails) until {@code maxStale}; after that a caller waits for a fill.
 * {@code maxStale == freshFor} means never serve stale.
 */
public record Freshness(Duration freshFor, Duration maxStale) {
    public Freshness {
        Objects.requireNonNull(freshFor, "freshFor");
        Objects.requireNonNull(maxStale, "maxStale");
        if (freshFor.isNegative() || maxStale.compareTo(freshFor) < 0) {
            throw new IllegalArgumentException("need 0 <= freshFor <= maxStale, got " + freshFor + ", " + maxStale);
        }
    }

    public static Freshness only(Duration freshFor) {
        return new Freshness(freshFor, freshFor);
    }
}
