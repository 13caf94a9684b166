package io.slotgate.simulator.run;

import io.slotgate.simulator.PolicyResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Accumulates what one policy did in one run: answers and refusals, their judgement, latencies, Cal.com calls. */
final class Recorder {
    /** Why slotgate refused a query (answered 503). */
    enum Refusal { RATE_BUDGET, UPSTREAM }

    private final ZoneId zone;
    long queries;
    long hits;
    long staleServed;
    long refusedRateBudget;
    long refusedUpstream;
    long judged;
    long falseAvailable;
    long falseUnavailable;
    long offersAfterWebhook;
    private final List<Long> offerAfterWebhookDelaysMs = new ArrayList<>();
    long bookingsAttempted;
    long bookingsFailedTaken;
    long calcomCalls;
    long calcomSlotCalls;
    long calls429;
    long maxAgeSeconds;
    private double latencySumMs;
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private final long[] latencyHistogram = new long[PolicyResult.LATENCY_BUCKETS_MS.size()];
    private final long[] callsPerQuarterHour = new long[96];
    private final long[] refusedPerQuarterHour = new long[96];

    Recorder(ZoneId zone) {
        this.zone = zone;
    }

    /** A query slotgate refused: a reply like any other for latency, but neither a hit nor an answer. */
    Duration refused(Refusal why, Instant at, Duration waited) {
        switch (why) {
            case RATE_BUDGET -> refusedRateBudget++;
            case UPSTREAM -> refusedUpstream++;
        }
        refusedPerQuarterHour[quarterHour(at)]++;
        return answer(false, false, Duration.ZERO, waited);
    }

    /** @return the reply's latency: 1 ms from cache, plus what it waited for otherwise */
    Duration answer(boolean hit, boolean stale, Duration age, Duration waited) {
        queries++;
        if (hit) {
            hits++;
        }
        if (stale) {
            staleServed++;
        }
        maxAgeSeconds = Math.max(maxAgeSeconds, age.toSeconds());
        long ms = 1 + (hit ? 0 : waited.toMillis());
        latencySumMs += ms;
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = ms;
        for (int i = 0; i < latencyHistogram.length; i++) {
            if (ms <= PolicyResult.LATENCY_BUCKETS_MS.get(i)) {
                latencyHistogram[i]++;
                break;
            }
        }
        return Duration.ofMillis(ms);
    }

    void judgement(boolean offeredUnbookable, boolean leftOutBookable, Optional<Duration> offeredAfterWebhook) {
        judged++;
        if (offeredUnbookable) {
            falseAvailable++;
        }
        if (leftOutBookable) {
            falseUnavailable++;
        }
        offeredAfterWebhook.ifPresent(delay -> {
            offersAfterWebhook++;
            offerAfterWebhookDelaysMs.add(delay.toMillis());
        });
    }

    /** Availability reads only (GET): bookings cost the same under every policy and are not a cache's doing. */
    void calcomCall(Instant at, String method, String path, int status) {
        if (!method.equals("GET")) {
            return;
        }
        calcomCalls++;
        if (path.equals("/v2/slots")) {
            calcomSlotCalls++;
        }
        if (status == 429) {
            calls429++;
        }
        callsPerQuarterHour[quarterHour(at)]++;
    }

    private int quarterHour(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return (local.getHour() * 60 + local.getMinute()) / 15;
    }

    PolicyResult result(String policy, int eventTypes, double days) {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        // judged answers may be a sample of the answers (never of refusals); scale the counts to all answers
        long answered = queries - refusedRateBudget - refusedUpstream;
        double scale = judged == 0 ? 0 : (double) answered / judged;
        return new PolicyResult(policy, 1, eventTypes, days, queries, hits, staleServed, refusedRateBudget,
                refusedUpstream, Math.round(falseAvailable * scale), Math.round(falseUnavailable * scale),
                Math.round(offersAfterWebhook * scale), offerAfterWebhookDelaysMs,
                bookingsAttempted, bookingsFailedTaken, calcomCalls, calcomSlotCalls, calls429,
                latencyCount == 0 ? 0 : latencySumMs / latencyCount, percentile(sorted, 0.95), percentile(sorted, 0.99),
                maxAgeSeconds, list(latencyHistogram), list(callsPerQuarterHour), list(refusedPerQuarterHour));
    }

    private static List<Long> list(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
