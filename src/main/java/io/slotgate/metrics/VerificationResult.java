package io.slotgate.metrics;

import java.util.Locale;

/**
 * What re-checking one served answer against Cal.com found (DESIGN.md §2, "sampled in production"): it offered a
 * slot that was not bookable (FALSE_AVAILABLE, the harmful kind), omitted one that was (FALSE_UNAVAILABLE), or
 * matched (OK). Reported through {@link SlotgateMetrics#recordVerification(VerificationResult)}.
 */
public enum VerificationResult {
    OK, FALSE_AVAILABLE, FALSE_UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
