package io.slotgate.metrics;

import java.util.Locale;

/**
 * What one request to slotgate came to (the {@code outcome} label): the {@code X-Cache} header it answered with
 * (HIT, MISS, PARTIAL, STALE; BYPASS for what went to Cal.com uncached, and for webhooks, which involve no cache), or
 * ERROR when slotgate itself could not answer: a 5xx, or a 4xx of slotgate's own (no {@code X-Cache}; a malformed
 * query, a bad webhook signature). Cal.com's 4xx relayed unchanged (a slot taken) is BYPASS: Cal.com answered.
 */
public enum RequestOutcome {
    HIT, MISS, PARTIAL, STALE, BYPASS, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Answered from the cache's day buckets (the denominator of hit and stale rates). */
    public boolean cached() {
        return this == HIT || this == MISS || this == PARTIAL || this == STALE;
    }

    /** From the status slotgate answered with and its {@code X-Cache} header (null when none). */
    public static RequestOutcome of(int status, String xCache) {
        if (status >= 500) {
            return ERROR;
        }
        if (xCache != null) {
            try {
                return valueOf(xCache.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return status >= 400 ? ERROR : BYPASS;
            }
        }
        return status >= 400 ? ERROR : BYPASS;
    }
}
