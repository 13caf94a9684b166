package io.slotgate.simulator.report;

import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The report's plots, each an SVG with the file name it is written under. */
final class Plots {
    /** Okabe-Ito, colour-blind safe; yellow last as it is faint on white. */
    private static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9",
            "#E69F00", "#000000", "#999999", "#F0E442");
    private static final List<String> DASHES = List.of("6 3", "2 3", "8 3 2 3", "1 2");

    static final String HIT_VS_STALE = "hit-vs-stale.svg";
    static final String CALLS_THROUGH_DAY = "calls-through-day.svg";
    static final String LATENCY = "latency.svg";
    static final String REFUSED_THROUGH_DAY = "refused-through-day.svg";

    record Plot(String fileName, String title, String caption, String svg) {
    }

    record SweepPlots(SimulationResult.Sweep sweep, List<Plot> plots) {
    }

    private Plots() {
    }

    static List<Plot> all(SimulationResult r) {
        List<Plot> all = new ArrayList<>(main(r));
        sweeps(r).forEach(s -> all.addAll(s.plots()));
        return all;
    }

    static List<Plot> main(SimulationResult r) {
        Map<String, String> colours = colours(r);
        return List.of(hitVsStale(r, colours), callsThroughDay(r, colours), refusedThroughDay(r, colours),
                latency(r, colours));
    }

    /** Four plots per sweep (hit rate, false-available, calls, refused), file names unique per sweep. */
    static List<SweepPlots> sweeps(SimulationResult r) {
        Map<String, String> colours = colours(r);
        Set<String> used = new HashSet<>();
        List<SweepPlots> out = new ArrayList<>();
        for (SimulationResult.Sweep sweep : r.sweeps()) {
            String slug = Fmt.slug(sweep.dimension());
            String unique = slug;
            for (int i = 2; !used.add(unique); i++) {
                unique = slug + "-" + i;
            }
            String x = sweep.dimension() + (Table.blank(sweep.unit()) ? "" : " (" + sweep.unit() + ")");
            out.add(new SweepPlots(sweep, List.of(
                    sweepPlot(sweep, colours, "sweep-" + unique + "-hit-rate.svg", "Hit rate against " + sweep.dimension(),
                            x, "hit rate (%)", p -> p.hitRate() * 100),
                    sweepPlot(sweep, colours, "sweep-" + unique + "-false-available.svg",
                            "False-available against " + sweep.dimension(), x, "false-available (% of answers)",
                            p -> p.falseAvailableRate() * 100),
                    sweepPlot(sweep, colours, "sweep-" + unique + "-calls.svg", "Cal.com calls against " + sweep.dimension(),
                            x, "calls / day / event type", PolicyResult::callsPerDayPerEventType),
                    sweepPlot(sweep, colours, "sweep-" + unique + "-refused.svg",
                            "Refused queries against " + sweep.dimension(), x, "refused (% of queries)",
                            p -> p.refusedRate() * 100))));
        }
        return out;
    }

    /** A colour per policy name, in order of first appearance (headline policies first, then sweep-only ones). */
    static Map<String, String> colours(SimulationResult r) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        r.policies().forEach(p -> names.add(p.policy()));
        r.sweeps().forEach(s -> names.addAll(Table.sweepPolicies(s)));
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            colours.put(name, PALETTE.get(i++ % PALETTE.size()));
        }
        return colours;
    }

    private static Plot hitVsStale(SimulationResult r, Map<String, String> colours) {
        String title = "Hit rate against false-available rate";
        SvgPlot plot = new SvgPlot(title, "false-available (% of answers, lower is better)",
                "hit rate (% of answers)", 760, 440).xFromZero().yCap(100);
        for (int k = 0; k < r.sweeps().size(); k++) {
            SimulationResult.Sweep sweep = r.sweeps().get(k);
            String dash = DASHES.get(k % DASHES.size());
            for (String policy : Table.sweepPolicies(sweep)) {
                List<double[]> pts = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (SimulationResult.Point point : sweep.points()) {
                    Table.find(point, policy).ifPresent(p -> {
                        pts.add(new double[]{p.falseAvailableRate() * 100, p.hitRate() * 100});
                        labels.add(Fmt.value(point.value()));
                    });
                }
                plot.add(new SvgPlot.Series(policy + ", " + sweep.dimension(), colours.get(policy), pts, labels, true,
                        true, dash, false, true));
            }
            plot.add(new SvgPlot.Series("sweep: " + sweep.dimension(), "#666666", List.of(), List.of(), true, false,
                    dash, true, true));
        }
        for (PolicyResult p : r.policies()) {
            plot.add(new SvgPlot.Series(label(p), colours.get(p.policy()),
                    List.<double[]>of(new double[]{p.falseAvailableRate() * 100, p.hitRate() * 100}),
                    List.of(label(p)), false, true, null, true, false));
        }
        String caption = "One point per policy: up and to the left is better. A refused query counts against the hit "
                + "rate; a policy that refused any says how many in its label."
                + (r.sweeps().isEmpty() ? "" : " Dashed lines join each policy's sweep points, labelled with the swept value.");
        return new Plot(HIT_VS_STALE, title, caption, plot.render());
    }

    private static Plot callsThroughDay(SimulationResult r, Map<String, String> colours) {
        return throughDay(r, colours, CALLS_THROUGH_DAY, "Cal.com calls through the day",
                "calls per 15 min (mean per simulated day)", PolicyResult::callsPerQuarterHour,
                "Cal.com calls per quarter hour, averaged over the simulated days and seeds.");
    }

    private static Plot refusedThroughDay(SimulationResult r, Map<String, String> colours) {
        return throughDay(r, colours, REFUSED_THROUGH_DAY, "Refused queries through the day",
                "refused per 15 min (mean per simulated day)", PolicyResult::refusedPerQuarterHour,
                "Queries slotgate refused (503) per quarter hour, averaged over the simulated days and seeds; a line "
                        + "on zero is a policy that refused none.");
    }

    /** A step line per policy over the 96 quarter hours of the day. */
    private static Plot throughDay(SimulationResult r, Map<String, String> colours, String file, String title,
                                   String yLabel, Function<PolicyResult, List<Long>> perQuarter, String caption) {
        SvgPlot plot = new SvgPlot(title, "time of day", yLabel, 760, 400).yFromZero();
        List<SvgPlot.Tick> ticks = new ArrayList<>();
        for (int h = 0; h <= 24; h += 3) {
            ticks.add(new SvgPlot.Tick(h, String.format(java.util.Locale.ROOT, "%02d:00", h)));
        }
        plot.xTicks(ticks);
        for (PolicyResult p : r.policies()) {
            List<Long> q = perQuarter.apply(p);
            // a run of minutes still covers (part of) one day
            double perDay = Math.max(1, Math.ceil(p.days() - 1e-9)) * p.seeds();
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < q.size(); i++) {
                // a step: the quarter's count held from its start to its end
                double from = 24.0 * i / q.size();
                double to = 24.0 * (i + 1) / q.size();
                pts.add(new double[]{from, q.get(i) / perDay});
                pts.add(new double[]{to, q.get(i) / perDay});
            }
            plot.add(new SvgPlot.Series(p.policy(), colours.get(p.policy()), pts, List.of(), true, false, null, true,
                    false));
        }
        return new Plot(file, title, caption, plot.render());
    }

    /** A policy's name, and its refusals when it refused any. */
    private static String label(PolicyResult p) {
        return p.refused() == 0 ? p.policy() : p.policy() + " (" + Fmt.pct(p.refusedRate()) + "% refused)";
    }

    private static Plot latency(SimulationResult r, Map<String, String> colours) {
        String title = "Answer latency (cumulative)";
        List<Long> bounds = PolicyResult.LATENCY_BUCKETS_MS;
        SvgPlot plot = new SvgPlot(title, "latency at most (ms; log-spaced buckets)", "answers (%)", 760, 400)
                .yRange(0, 100);
        List<SvgPlot.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            ticks.add(new SvgPlot.Tick(i, bounds.get(i) == Long.MAX_VALUE ? "\u221e" : bounds.get(i).toString()));
        }
        plot.xTicks(ticks);
        for (PolicyResult p : r.policies()) {
            List<Long> h = p.latencyHistogramMs();
            long total = h.stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                continue;
            }
            List<double[]> pts = new ArrayList<>();
            long cumulative = 0;
            for (int i = 0; i < Math.min(h.size(), bounds.size()); i++) {
                cumulative += h.get(i);
                pts.add(new double[]{i, 100.0 * cumulative / total});
            }
            plot.add(new SvgPlot.Series(label(p), colours.get(p.policy()), pts, List.of(), true, true, null, true,
                    false));
        }
        return new Plot(LATENCY, title, "Share of replies given within each latency bucket's upper bound; replies "
                + "are answers and refusals (a 503 is a reply the client waited for).", plot.render());
    }

    private static Plot sweepPlot(SimulationResult.Sweep sweep, Map<String, String> colours, String file, String title,
                                  String xLabel, String yLabel, ToDoubleFunction<PolicyResult> metric) {
        SvgPlot plot = new SvgPlot(title, xLabel, yLabel, 360, 300).xTight().yCap(100);
        for (String policy : Table.sweepPolicies(sweep)) {
            List<double[]> pts = new ArrayList<>();
            for (SimulationResult.Point point : sweep.points()) {
                Table.find(point, policy).ifPresent(p -> pts.add(new double[]{point.value(), metric.applyAsDouble(p)}));
            }
            plot.add(new SvgPlot.Series(policy, colours.get(policy), pts, List.of(), true, true, null, true, false));
        }
        return new Plot(file, title, title + ", one line per policy.", plot.render());
    }
}
