package io.slotgate.simulator.run;

import io.slotgate.simulator.PolicyResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Accumulates what one policy did in one run: answers, their judgement, latencies, Cal.com calls. */
final class Recorder {
    private final ZoneId zone;
    long queries;
    long hits;
    long staleServed;
    long judged;
    long falseAvailable;
    long falseUnavailable;
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

    Recorder(ZoneId zone) {
        this.zone = zone;
    }

    void answer(boolean hit, boolean stale, Duration age, Duration waited) {
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
    }

    void judgement(boolean offeredUnbookable, boolean leftOutBookable) {
        judged++;
        if (offeredUnbookable) {
            falseAvailable++;
        }
        if (leftOutBookable) {
            falseUnavailable++;
        }
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
        ZonedDateTime local = at.atZone(zone);
        callsPerQuarterHour[(local.getHour() * 60 + local.getMinute()) / 15]++;
    }

    PolicyResult result(String policy, int eventTypes, int days) {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        List<Long> histogram = new ArrayList<>();
        for (long count : latencyHistogram) {
            histogram.add(count);
        }
        List<Long> calls = new ArrayList<>();
        for (long count : callsPerQuarterHour) {
            calls.add(count);
        }
        // judged answers may be a sample of all answers; scale the counts to all answers
        double scale = judged == 0 ? 0 : (double) queries / judged;
        return new PolicyResult(policy, 1, eventTypes, days, queries, hits, staleServed,
                Math.round(falseAvailable * scale), Math.round(falseUnavailable * scale),
                bookingsAttempted, bookingsFailedTaken, calcomCalls, calcomSlotCalls, calls429,
                latencyCount == 0 ? 0 : latencySumMs / latencyCount, percentile(sorted, 0.95), percentile(sorted, 0.99),
                maxAgeSeconds, histogram, calls);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
