package io.slotgate.simulator;

import io.slotgate.policy.PolicyProfile;
import io.slotgate.simulator.generator.EventStream;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.simulator.run.PolicyRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs policies side by side on the same event streams: for each seed one stream, replayed once per policy against
 * a fresh emulator and a fresh slotgate. Results are summed over seeds.
 */
public final class Simulation {
    /** How many answers per run are judged at most; beyond, one in N is (counts are scaled). */
    private static final long JUDGED_PER_RUN = 120_000;

    /** A sweep: a name, a unit, the values, and how each value changes the workload. */
    public record SweepSpec(String dimension, String unit, List<Double> values,
                            java.util.function.BiFunction<Workload, Double, Workload> apply) {
    }

    /** Progress: runs done out of runs in all, and what is running. */
    public record Progress(int done, int total, String what) {
    }

    private Simulation() {
    }

    /** A workload preset by name ({@link Workload#PRESETS}). */
    public static Workload workload(String preset) {
        return Workload.preset(preset);
    }

    public static List<PolicyResult> run(Workload workload, List<Long> seeds, List<PolicyProfile> policies,
                                         Consumer<Progress> progress, int[] done, int total) {
        return run(workload, seeds, policies, policies.stream().map(PolicyProfile::name).toList(), progress, done,
                total);
    }

    /**
     * @param labels each policy's name in the results (two policy files may name their policies alike: a policy and
     *               its variant side by side)
     */
    public static List<PolicyResult> run(Workload workload, List<Long> seeds, List<PolicyProfile> policies,
                                         List<String> labels, Consumer<Progress> progress, int[] done, int total) {
        if (labels.size() != policies.size() || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("every policy needs a label of its own, got " + labels);
        }
        List<List<PolicyResult>> perPolicy = new ArrayList<>();
        policies.forEach(p -> perPolicy.add(new ArrayList<>()));
        for (long seed : seeds) {
            List<SimEvent> events = EventStream.generate(workload, seed);
            long queries = events.stream().filter(e -> e instanceof SimEvent.Query).count();
            int judgeEvery = (int) Math.max(1, (queries + JUDGED_PER_RUN - 1) / JUDGED_PER_RUN);
            for (int i = 0; i < policies.size(); i++) {
                PolicyProfile policy = policies.get(i);
                progress.accept(new Progress(done[0], total, labels.get(i) + ", seed " + seed));
                perPolicy.get(i).add(new PolicyRun(workload, seed, policy, judgeEvery).run(events).named(labels.get(i)));
                done[0]++;
            }
        }
        progress.accept(new Progress(done[0], total, "done"));
        return perPolicy.stream().map(Simulation::sum).toList();
    }

    public static SimulationResult simulate(Workload workload, List<Long> seeds, List<PolicyProfile> policies,
                                            List<String> labels, List<SweepSpec> sweeps, List<Long> sweepSeeds,
                                            String command, Consumer<Progress> progress) {
        int total = seeds.size() * policies.size()
                + sweeps.stream().mapToInt(s -> s.values().size()).sum() * sweepSeeds.size() * policies.size();
        int[] done = {0};
        List<PolicyResult> main = run(workload, seeds, policies, labels, progress, done, total);
        List<SimulationResult.Sweep> swept = new ArrayList<>();
        for (SweepSpec sweep : sweeps) {
            List<SimulationResult.Point> points = new ArrayList<>();
            for (double value : sweep.values()) {
                points.add(new SimulationResult.Point(value,
                        run(sweep.apply().apply(workload, value), sweepSeeds, policies, labels, progress, done, total)));
            }
            swept.add(new SimulationResult.Sweep(sweep.dimension(), sweep.unit(), points));
        }
        return new SimulationResult(workload.describe(), seeds, main, swept, command);
    }

    /** The event-types sweep's dimension: 10 to 200 event types on one API key. */
    public static final String EVENT_TYPES = "event-types";

    /**
     * The sweeps of issue 5 (load x1-x100, booking rate, webhook loss 0-50%, share of external changes) and of the
     * pressure issue (event types per API key, 10-200, at the seed's per-event-type rates). {@code all} is the first
     * four: the event-types sweep takes longer than all of them together (docs/simulation.md), so it runs when named.
     */
    public static List<SweepSpec> standardSweeps(List<String> names) {
        List<SweepSpec> all = List.of(
                new SweepSpec("load", "x queries per minute", List.of(1.0, 3.0, 10.0, 30.0, 100.0),
                        (w, x) -> w.with(m -> put(m, "peakQueriesPerMinute", w.peakQueriesPerMinute() * x,
                                "offPeakQueriesPerMinute", w.offPeakQueriesPerMinute() * x))),
                new SweepSpec("booking-rate", "x bookings per hour", List.of(0.5, 1.0, 2.0, 4.0, 8.0),
                        (w, x) -> w.with(m -> put(m, "peakBookingsPerHour", w.peakBookingsPerHour() * x,
                                "offPeakBookingsPerHour", w.offPeakBookingsPerHour() * x))),
                new SweepSpec("webhook-loss", "share of webhooks lost", List.of(0.0, 0.01, 0.1, 0.25, 0.5),
                        (w, x) -> w.with(m -> put(m, "webhookLoss", x))),
                new SweepSpec("external-share", "share of changes with no webhook", List.of(0.0, 0.1, 0.2, 0.4, 0.6),
                        (w, x) -> w.with(m -> put(m, "externalShare", x))));
        SweepSpec eventTypes = new SweepSpec(EVENT_TYPES, "event types on one API key",
                List.of(10.0, 20.0, 50.0, 100.0, 150.0, 200.0),
                (w, x) -> w.with(m -> put(m, "eventTypes", x.intValue())));
        List<SweepSpec> known = new ArrayList<>(all);
        known.add(eventTypes);
        List<SweepSpec> chosen = new ArrayList<>();
        for (String name : names) {
            if (name.equals("all")) {
                all.stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
                continue;
            }
            SweepSpec spec = known.stream().filter(s -> s.dimension().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--sweep must name " + known.stream().map(SweepSpec::dimension)
                            .toList() + " or all, got '" + name + "'"));
            if (!chosen.contains(spec)) {
                chosen.add(spec);
            }
        }
        return chosen;
    }

    private static Map<String, Object> put(Map<String, Object> m, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Sums seeds; latency mean and percentiles are query-weighted means of the seeds' own. */
    static PolicyResult sum(List<PolicyResult> runs) {
        PolicyResult first = runs.get(0);
        long queries = runs.stream().mapToLong(PolicyResult::queries).sum();
        double weight = Math.max(1, queries);
        List<Long> delays = new ArrayList<>();
        runs.forEach(r -> delays.addAll(r.offerAfterWebhookDelaysMs()));
        return new PolicyResult(first.policy(), runs.size(), first.eventTypes(),
                runs.stream().mapToDouble(PolicyResult::days).sum() / runs.size(), queries,
                total(runs, PolicyResult::hits), total(runs, PolicyResult::staleServed),
                total(runs, PolicyResult::refusedRateBudget), total(runs, PolicyResult::refusedUpstream),
                total(runs, PolicyResult::falseAvailable), total(runs, PolicyResult::falseUnavailable),
                total(runs, PolicyResult::offersAfterWebhook), delays,
                total(runs, PolicyResult::bookingsAttempted), total(runs, PolicyResult::bookingsFailedTaken),
                total(runs, PolicyResult::calcomCalls), total(runs, PolicyResult::calcomSlotCalls),
                total(runs, PolicyResult::calls429),
                runs.stream().mapToDouble(r -> r.latencyMeanMs() * r.queries()).sum() / weight,
                runs.stream().mapToDouble(r -> r.latencyP95Ms() * r.queries()).sum() / weight,
                runs.stream().mapToDouble(r -> r.latencyP99Ms() * r.queries()).sum() / weight,
                runs.stream().mapToLong(PolicyResult::maxAgeServedSeconds).max().orElse(0),
                elementWise(runs, PolicyResult::latencyHistogramMs), elementWise(runs, PolicyResult::callsPerQuarterHour),
                elementWise(runs, PolicyResult::refusedPerQuarterHour));
    }

    private static long total(List<PolicyResult> runs, ToLongFunction<PolicyResult> figure) {
        return runs.stream().mapToLong(figure).sum();
    }

    private static List<Long> elementWise(List<PolicyResult> runs, Function<PolicyResult, List<Long>> counts) {
        long[] sum = new long[counts.apply(runs.get(0)).size()];
        for (PolicyResult r : runs) {
            List<Long> c = counts.apply(r);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c.get(i);
            }
        }
        return java.util.Arrays.stream(sum).boxed().toList();
    }
}
