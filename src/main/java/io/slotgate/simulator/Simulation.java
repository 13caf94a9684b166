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
import java.util.function.UnaryOperator;

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

    public static List<PolicyResult> run(Workload workload, List<Long> seeds, List<PolicyProfile> policies,
                                         Consumer<Progress> progress, int[] done, int total) {
        List<List<PolicyResult>> perPolicy = new ArrayList<>();
        policies.forEach(p -> perPolicy.add(new ArrayList<>()));
        for (long seed : seeds) {
            List<SimEvent> events = EventStream.generate(workload, seed);
            long queries = events.stream().filter(e -> e instanceof SimEvent.Query).count();
            int judgeEvery = (int) Math.max(1, (queries + JUDGED_PER_RUN - 1) / JUDGED_PER_RUN);
            for (int i = 0; i < policies.size(); i++) {
                PolicyProfile policy = policies.get(i);
                progress.accept(new Progress(done[0], total, policy.name() + ", seed " + seed));
                perPolicy.get(i).add(new PolicyRun(workload, seed, policy, judgeEvery).run(events));
                done[0]++;
            }
        }
        progress.accept(new Progress(done[0], total, "done"));
        return perPolicy.stream().map(Simulation::sum).toList();
    }

    public static SimulationResult simulate(Workload workload, List<Long> seeds, List<PolicyProfile> policies,
                                            List<SweepSpec> sweeps, List<Long> sweepSeeds, String command,
                                            Consumer<Progress> progress) {
        int total = seeds.size() * policies.size()
                + sweeps.stream().mapToInt(s -> s.values().size()).sum() * sweepSeeds.size() * policies.size();
        int[] done = {0};
        List<PolicyResult> main = run(workload, seeds, policies, progress, done, total);
        List<SimulationResult.Sweep> swept = new ArrayList<>();
        for (SweepSpec sweep : sweeps) {
            List<SimulationResult.Point> points = new ArrayList<>();
            for (double value : sweep.values()) {
                points.add(new SimulationResult.Point(value,
                        run(sweep.apply().apply(workload, value), sweepSeeds, policies, progress, done, total)));
            }
            swept.add(new SimulationResult.Sweep(sweep.dimension(), sweep.unit(), points));
        }
        return new SimulationResult(workload.describe(), seeds, main, swept, command);
    }

    /** The sweeps of issue 5: load x1-x100, booking rate, webhook loss 0-50%, share of external changes. */
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
        if (names.contains("all")) {
            return all;
        }
        List<SweepSpec> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(s -> s.dimension().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--sweep must name " + all.stream().map(SweepSpec::dimension).toList()
                            + " or all, got '" + name + "'")));
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
        List<Long> histogram = new ArrayList<>(first.latencyHistogramMs().stream().map(x -> 0L).toList());
        List<Long> calls = new ArrayList<>(first.callsPerQuarterHour().stream().map(x -> 0L).toList());
        for (PolicyResult r : runs) {
            for (int i = 0; i < histogram.size(); i++) {
                histogram.set(i, histogram.get(i) + r.latencyHistogramMs().get(i));
            }
            for (int i = 0; i < calls.size(); i++) {
                calls.set(i, calls.get(i) + r.callsPerQuarterHour().get(i));
            }
        }
        return new PolicyResult(first.policy(), runs.size(), first.eventTypes(), first.days(), queries,
                runs.stream().mapToLong(PolicyResult::hits).sum(),
                runs.stream().mapToLong(PolicyResult::staleServed).sum(),
                runs.stream().mapToLong(PolicyResult::falseAvailable).sum(),
                runs.stream().mapToLong(PolicyResult::falseUnavailable).sum(),
                runs.stream().mapToLong(PolicyResult::bookingsAttempted).sum(),
                runs.stream().mapToLong(PolicyResult::bookingsFailedTaken).sum(),
                runs.stream().mapToLong(PolicyResult::calcomCalls).sum(),
                runs.stream().mapToLong(PolicyResult::calcomSlotCalls).sum(),
                runs.stream().mapToLong(PolicyResult::calls429).sum(),
                runs.stream().mapToDouble(r -> r.latencyMeanMs() * r.queries()).sum() / weight,
                runs.stream().mapToDouble(r -> r.latencyP95Ms() * r.queries()).sum() / weight,
                runs.stream().mapToDouble(r -> r.latencyP99Ms() * r.queries()).sum() / weight,
                runs.stream().mapToLong(PolicyResult::maxAgeServedSeconds).max().orElse(0),
                histogram, calls);
    }
}
