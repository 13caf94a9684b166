package io.slotgate.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one policy did over the simulated period and seeds, summed over seeds (rates are computed from the sums).
 *
 * <p>Every query gets one reply: an answer (a hit or a miss) or a refusal (slotgate's 503: the fill failed and nothing
 * servable was cached). So {@code queries = answered + refused}, the hit rate counts refusals in its denominator (a
 * refused query is neither a hit nor an answer), and the judged rates (false-available, false-unavailable, offers
 * after the webhook) are of answers: a refusal offers nothing, rightly or wrongly.
 *
 * @param days                     simulated days per seed (a fraction for a run of minutes)
 * @param queries                  availability queries (slots, next available, one day), answered or refused
 * @param hits                     answers served without waiting on Cal.com (fresh or stale from cache)
 * @param staleServed              answers that contained at least one day served stale (a subset of hits)
 * @param refusedRateBudget        queries refused because slotgate's rate budget for the key gave no token in time
 * @param refusedUpstream          queries refused because Cal.com failed (5xx, timeout, its own 429, open circuit)
 * @param falseAvailable           answers that offered a slot not bookable at that instant (the harmful kind)
 * @param falseUnavailable         answers that left out a slot that was bookable at that instant
 * @param offersAfterWebhook       answers offering a slot that bookings slotgate had been told of (by webhook, or by
 *                                 its own booking call's return) more than 1 s earlier make unbookable
 * @param offerAfterWebhookDelaysMs for the judged ones among those, how long slotgate had known, in ms, sorted
 * @param bookingsAttempted        bookings tried on an offered slot
 * @param bookingsFailedTaken      those refused because the offered slot was taken
 * @param calcomCalls              every availability read slotgate (or the seed gateway) made to Cal.com
 * @param calcomSlotCalls          of which GET /v2/slots
 * @param calls429                 Cal.com answers with status 429
 * @param latencyHistogramMs       replies (answers and refusals) per bucket of {@link #LATENCY_BUCKETS_MS}
 * @param callsPerQuarterHour      Cal.com calls per 15 minutes of the day, summed over days and seeds
 * @param refusedPerQuarterHour    refused queries per 15 minutes of the day, summed over days and seeds
 */
public record PolicyResult(String policy, int seeds, int eventTypes, double days,
                           long queries, long hits, long staleServed, long refusedRateBudget, long refusedUpstream,
                           long falseAvailable, long falseUnavailable,
                           long offersAfterWebhook, List<Long> offerAfterWebhookDelaysMs,
                           long bookingsAttempted, long bookingsFailedTaken,
                           long calcomCalls, long calcomSlotCalls, long calls429,
                           double latencyMeanMs, double latencyP95Ms, double latencyP99Ms,
                           long maxAgeServedSeconds,
                           List<Long> latencyHistogramMs, List<Long> callsPerQuarterHour,
                           List<Long> refusedPerQuarterHour) {

    public static final List<Long> LATENCY_BUCKETS_MS = List.of(1L, 2L, 5L, 10L, 25L, 50L, 100L, 200L, 300L, 400L,
            500L, 600L, 700L, 800L, 1000L, 1500L, 2000L, 5000L, Long.MAX_VALUE);

    public PolicyResult {
        List<Long> delays = new ArrayList<>(offerAfterWebhookDelaysMs);
        Collections.sort(delays);
        offerAfterWebhookDelaysMs = List.copyOf(delays);
        latencyHistogramMs = List.copyOf(latencyHistogramMs);
        callsPerQuarterHour = List.copyOf(callsPerQuarterHour);
        refusedPerQuarterHour = List.copyOf(refusedPerQuarterHour);
    }

    /** The same figures under another name: a policy's label in a report that runs two policies of one name. */
    public PolicyResult named(String label) {
        return new PolicyResult(label, seeds, eventTypes, days, queries, hits, staleServed, refusedRateBudget,
                refusedUpstream, falseAvailable, falseUnavailable, offersAfterWebhook, offerAfterWebhookDelaysMs,
                bookingsAttempted, bookingsFailedTaken, calcomCalls, calcomSlotCalls, calls429, latencyMeanMs,
                latencyP95Ms, latencyP99Ms, maxAgeServedSeconds, latencyHistogramMs, callsPerQuarterHour,
                refusedPerQuarterHour);
    }

    public long refused() {
        return refusedRateBudget + refusedUpstream;
    }

    public long answered() {
        return queries - refused();
    }

    /** Hits among all queries, refused ones included. */
    public double hitRate() {
        return ratio(hits, queries);
    }

    /** Refused queries among all queries. */
    public double refusedRate() {
        return ratio(refused(), queries);
    }

    /** False-available answers among answers given. */
    public double falseAvailableRate() {
        return ratio(falseAvailable, answered());
    }

    public double falseUnavailableRate() {
        return ratio(falseUnavailable, answered());
    }

    /** Per simulated day and seed, across the tenant. */
    public double falseAvailablePerDay() {
        return falseAvailable / Math.max(1e-9, days * seeds);
    }

    public double falseUnavailablePerDay() {
        return falseUnavailable / Math.max(1e-9, days * seeds);
    }

    /** Cal.com calls per day per event type, averaged over seeds. */
    public double callsPerDayPerEventType() {
        return calcomCalls / Math.max(1e-9, days * seeds * eventTypes);
    }

    public double failedBookingRate() {
        return ratio(bookingsFailedTaken, bookingsAttempted);
    }

    /** The median of {@link #offerAfterWebhookDelaysMs}, 0 when there is none. */
    public long offerAfterWebhookMedianMs() {
        List<Long> d = offerAfterWebhookDelaysMs;
        return d.isEmpty() ? 0 : d.size() % 2 == 1 ? d.get(d.size() / 2) : (d.get(d.size() / 2 - 1) + d.get(d.size() / 2)) / 2;
    }

    public long offerAfterWebhookMaxMs() {
        return offerAfterWebhookDelaysMs.isEmpty() ? 0 : offerAfterWebhookDelaysMs.getLast();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
