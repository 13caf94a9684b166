package io.slotgate.simulator.report;

import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made simulation results shaped like a real run: four policies, 3 seeds, 5 event types, 1 day. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static final long QUERIES = 500_000;

    /** slotgate: hit 99.2%, false-available 427 / 500 000 = 0.0854%. */
    static PolicyResult slotgate() {
        return policy("slotgate", 496_000, 427, 1_310, 4_200, 12, 2_160, 3.2, 12, 310, 60, 1.0);
    }

    /**
     * seed-hybrid refused 2,500 queries for the rate budget and 500 on Cal.com failures (so 497,000 answers), and
     * offered a booked slot 1.5, 6 and 37 s after its webhook in three of them.
     */
    static PolicyResult hybrid() {
        return refusing(policy("seed-hybrid", 470_500, 1_650, 2_100, 4_200, 40, 18_000, 21.4, 330, 760, 120, 1.5),
                2_500, 500, List.of(37_000L, 1_500L, 6_000L));
    }

    static List<PolicyResult> policies() {
        return List.of(
                policy("seed-before", 0, 0, 0, 4_200, 0, 500_000, 412.5, 690, 1_450, 0, 20.0),
                policy("seed-phase1", 430_000, 3_900, 2_800, 4_200, 95, 70_000, 62.0, 420, 980, 300, 3.0),
                hybrid(),
                slotgate());
    }

    /** The same policy, with refusals (all at 09:00) and offers after the webhook. */
    static PolicyResult refusing(PolicyResult p, long budget, long upstream, List<Long> offerDelaysMs) {
        List<Long> refusedPerQuarter = new ArrayList<>(java.util.Collections.nCopies(96, 0L));
        refusedPerQuarter.set(36, budget + upstream);
        return new PolicyResult(p.policy(), p.seeds(), p.eventTypes(), p.days(), p.queries(), p.hits(),
                p.staleServed(), budget, upstream, p.falseAvailable(), p.falseUnavailable(), offerDelaysMs.size(),
                offerDelaysMs, p.bookingsAttempted(), p.bookingsFailedTaken(), p.calcomCalls(), p.calcomSlotCalls(),
                p.calls429(), p.latencyMeanMs(), p.latencyP95Ms(), p.latencyP99Ms(), p.maxAgeServedSeconds(),
                p.latencyHistogramMs(), p.callsPerQuarterHour(), refusedPerQuarter);
    }

    static SimulationResult withoutSweeps() {
        return result(policies(), List.of());
    }

    static SimulationResult withSweep() {
        List<SimulationResult.Point> points = new ArrayList<>();
        for (double perHour : new double[]{5, 10, 20, 40}) {
            double f = perHour / 10;
            points.add(new SimulationResult.Point(perHour, List.of(
                    policy("seed-before", 0, 0, 0, 4_200, 0, 500_000, 412.5, 690, 1_450, 0, 20.0),
                    policy("seed-phase1", (long) (440_000 - 10_000 * f), (long) (3_900 * f), 2_800, 4_200, 95,
                            70_000, 62.0, 420, 980, 300, 3.0),
                    refusing(policy("seed-hybrid", (long) (475_000 - 4_500 * f), (long) (1_650 * f), 2_100, 4_200,
                            40, (long) (16_000 + 2_000 * f), 21.4, 330, 760, 120, 1.5), (long) (1_000 * f), 0,
                            List.of()),
                    policy("slotgate", (long) (497_000 - 1_000 * f), (long) (427 * f), 1_310, 4_200, 12,
                            (long) (1_800 + 360 * f), 3.2, 12, 310, 60, 1.0))));
        }
        return result(policies(), List.of(new SimulationResult.Sweep("bookings per hour", "1/h", points)));
    }

    static SimulationResult result(List<PolicyResult> policies, List<SimulationResult.Sweep> sweeps) {
        Map<String, String> workload = new LinkedHashMap<>();
        workload.put("event-types", "5");
        workload.put("days", "1");
        workload.put("queries-per-second", "5.8");
        workload.put("bookings-per-hour", "10");
        workload.put("calcom-latency", "lognormal(median=380ms, p99=1.4s)");
        workload.put("rate-limit", "120/min");
        return new SimulationResult(workload, List.of(1L, 2L, 3L), policies, sweeps,
                "slotgate simulate --policies seed-before,seed-phase1,seed-hybrid,slotgate --seeds 3 --days 1");
    }

    /**
     * @param latencyShape where the latency mass sits: 1 mostly sub-5ms (cache), 20 mostly Cal.com round trips
     */
    static PolicyResult policy(String name, long hits, long falseAvailable, long falseUnavailable, long bookings,
                               long failed, long calls, double mean, double p95, double p99, long maxAge,
                               double latencyShape) {
        return policy(name, 3, 5, 1, QUERIES, hits, falseAvailable, falseUnavailable, bookings, failed, calls, mean,
                p95, p99, maxAge, latencyShape);
    }

    static PolicyResult policy(String name, int seeds, int eventTypes, int days, long queries, long hits,
                               long falseAvailable, long falseUnavailable, long bookings, long failed, long calls,
                               double mean, double p95, double p99, long maxAge, double latencyShape) {
        return new PolicyResult(name, seeds, eventTypes, days, queries, hits, hits / 20, 0, 0, falseAvailable,
                falseUnavailable, 0, List.of(), bookings, failed, calls, calls * 9 / 10, calls > 100_000 ? 37 : 0,
                mean, p95, p99, maxAge, histogram(queries, hits), quarters(calls), quarters(0));
    }

    /** Hits land in the 1..5 ms buckets, misses around Cal.com's 300..1000 ms. */
    static List<Long> histogram(long queries, long hits) {
        double[] hitShare = {0.55, 0.35, 0.08, 0.02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] missShare = {0, 0, 0, 0, 0, 0, 0, 0.02, 0.18, 0.30, 0.22, 0.12, 0.07, 0.04, 0.03, 0.015, 0.004,
                0.0008, 0.0002};
        List<Long> h = new ArrayList<>();
        for (int i = 0; i < PolicyResult.LATENCY_BUCKETS_MS.size(); i++) {
            h.add(Math.round(hits * hitShare[i] + (queries - hits) * missShare[i]));
        }
        return h;
    }

    /** A working-day curve: quiet at night, busy 08:00-18:00, the given total over 96 quarter hours. */
    static List<Long> quarters(long calls) {
        double[] weight = new double[96];
        double sum = 0;
        for (int q = 0; q < 96; q++) {
            double hour = q / 4.0;
            weight[q] = 0.05 + Math.exp(-Math.pow((hour - 10.5) / 2.2, 2)) + 0.8 * Math.exp(-Math.pow((hour - 15) / 2, 2));
            sum += weight[q];
        }
        List<Long> out = new ArrayList<>();
        for (double w : weight) {
            out.add(Math.round(calls * w / sum));
        }
        return out;
    }
}
