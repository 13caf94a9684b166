package io.slotgate.simulator;

import java.util.List;

/**
 * What one policy did over the simulated days and seeds, summed over seeds (rates are computed from the sums).
 *
 * @param queries            availability answers given (slots, next available, one day)
 * @param hits               answers served without waiting on Cal.com (fresh or stale from cache)
 * @param staleServed        answers that contained at least one day served stale (a subset of hits)
 * @param falseAvailable     answers that offered a slot not bookable at that instant (the harmful kind)
 * @param falseUnavailable   answers that left out a slot that was bookable at that instant
 * @param bookingsAttempted  bookings tried on a slot the policy had offered
 * @param bookingsFailedTaken those refused because the offered slot was taken
 * @param calcomCalls        every call slotgate (or the seed gateway) made to Cal.com
 * @param calcomSlotCalls    of which GET /v2/slots
 * @param calls429           Cal.com answers with status 429
 * @param latencyHistogramMs counts per bucket of {@link #LATENCY_BUCKETS_MS} (upper bounds, last is +inf)
 * @param callsPerQuarterHour Cal.com calls per 15 minutes of the simulated day, summed over days and seeds
 */
public record PolicyResult(String policy, int seeds, int eventTypes, int days,
                           long queries, long hits, long staleServed, long falseAvailable, long falseUnavailable,
                           long bookingsAttempted, long bookingsFailedTaken,
                           long calcomCalls, long calcomSlotCalls, long calls429,
                           double latencyMeanMs, double latencyP95Ms, double latencyP99Ms,
                           long maxAgeServedSeconds,
                           List<Long> latencyHistogramMs, List<Long> callsPerQuarterHour) {

    public static final List<Long> LATENCY_BUCKETS_MS = List.of(1L, 2L, 5L, 10L, 25L, 50L, 100L, 200L, 300L, 400L,
            500L, 600L, 700L, 800L, 1000L, 1500L, 2000L, 5000L, Long.MAX_VALUE);

    public PolicyResult {
        latencyHistogramMs = List.copyOf(latencyHistogramMs);
        callsPerQuarterHour = List.copyOf(callsPerQuarterHour);
    }

    public double hitRate() {
        return ratio(hits, queries);
    }

    public double falseAvailableRate() {
        return ratio(falseAvailable, queries);
    }

    public double falseUnavailableRate() {
        return ratio(falseUnavailable, queries);
    }

    /** Per simulated day and seed, across the tenant. */
    public double falseAvailablePerDay() {
        return (double) falseAvailable / Math.max(1, days * seeds);
    }

    public double falseUnavailablePerDay() {
        return (double) falseUnavailable / Math.max(1, days * seeds);
    }

    /** Cal.com calls per day per event type, averaged over seeds. */
    public double callsPerDayPerEventType() {
        return (double) calcomCalls / Math.max(1, days * seeds * eventTypes);
    }

    public double failedBookingRate() {
        return ratio(bookingsFailedTaken, bookingsAttempted);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
