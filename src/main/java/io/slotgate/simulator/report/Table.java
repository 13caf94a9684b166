package io.slotgate.simulator.report;

import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A table of already formatted cells, rendered as aligned text, Markdown or HTML. */
record Table(String title, String note, List<String> headers, List<Boolean> rightAligned, List<List<String>> rows) {

    Table {
        headers = List.copyOf(headers);
        rightAligned = List.copyOf(rightAligned);
        rows = rows.stream().map(List::copyOf).toList();
    }

    static final String CELL_LEGEND = "hit % / false-available % / Cal.com calls per day per event type / refused %";

    /**
     * What the main table's figures mean, for the reports' text: the denominators, and the two kinds of refusal.
     */
    static final String DEFINITIONS = "hit % and refused % are of queries: every query is answered (a hit, from "
            + "cache, or a miss, after waiting on Cal.com) or refused (slotgate's 503: the fill failed and nothing "
            + "servable was cached), so a refused query counts against the hit rate. Refused budget / upstream: "
            + "refused because the rate budget of the API key gave no token in time / because Cal.com failed (5xx, "
            + "timeout, its own 429, open circuit). false-avail %, false-unavail % and offers after webhook are of "
            + "answers given (a refusal offers nothing): offers after webhook counts answers that offered a slot "
            + "which bookings slotgate had been told of more than 1 s earlier (by webhook, or by the return of its own "
            + "booking call) make unbookable, with how long slotgate had known (median / max, s). Failed bookings are "
            + "of bookings attempted; per day is per simulated day and seed; calls/day/ET is Cal.com calls per day "
            + "per event type (for a run shorter than a day, extrapolated from it); calls/run is Cal.com calls per "
            + "run (seed); latency is of every reply, refusals included.";

    /** One row per policy with the headline figures. */
    static Table main(SimulationResult result) {
        List<String> headers = List.of("policy", "hit %", "refused %", "refused budget / upstream", "false-avail %",
                "false-avail/day", "false-unavail %", "false-unavail/day", "offers after webhook",
                "after webhook median / max s", "failed bookings", "calls/day/ET", "calls/run", "429s", "mean ms", "p95 ms",
                "p99 ms", "max age s");
        List<List<String>> rows = new ArrayList<>();
        for (PolicyResult p : result.policies()) {
            rows.add(List.of(p.policy(), Fmt.pct(p.hitRate()), Fmt.pct(p.refusedRate()),
                    p.refusedRateBudget() + " / " + p.refusedUpstream(), Fmt.pct(p.falseAvailableRate()),
                    Fmt.num(p.falseAvailablePerDay()), Fmt.pct(p.falseUnavailableRate()),
                    Fmt.num(p.falseUnavailablePerDay()), Long.toString(p.offersAfterWebhook()),
                    p.offerAfterWebhookDelaysMs().isEmpty() ? "-"
                            : Fmt.num(p.offerAfterWebhookMedianMs() / 1000.0) + " / "
                            + Fmt.num(p.offerAfterWebhookMaxMs() / 1000.0),
                    p.bookingsFailedTaken() + " (" + Fmt.pct(p.failedBookingRate()) + "%)",
                    Fmt.num(p.callsPerDayPerEventType()), Fmt.num((double) p.calcomCalls() / Math.max(1, p.seeds())),
                    Long.toString(p.calls429()), Fmt.num(p.latencyMeanMs()),
                    Fmt.num(p.latencyP95Ms()), Fmt.num(p.latencyP99Ms()), Long.toString(p.maxAgeServedSeconds())));
        }
        return new Table("Policies", null, headers, leftThenRight(headers.size()), rows);
    }

    /** Rows are the sweep's values, columns its policies, cells {@link #CELL_LEGEND}. */
    static Table sweep(SimulationResult.Sweep sweep) {
        List<String> policies = sweepPolicies(sweep);
        List<String> headers = new ArrayList<>();
        headers.add(sweep.dimension() + (blank(sweep.unit()) ? "" : " (" + sweep.unit() + ")"));
        headers.addAll(policies);
        List<List<String>> rows = new ArrayList<>();
        for (SimulationResult.Point point : sweep.points()) {
            List<String> row = new ArrayList<>();
            row.add(Fmt.value(point.value()));
            for (String policy : policies) {
                row.add(find(point, policy).map(p -> Fmt.pct(p.hitRate()) + " / " + Fmt.pct(p.falseAvailableRate())
                        + " / " + Fmt.num(p.callsPerDayPerEventType()) + " / " + Fmt.pct(p.refusedRate())).orElse("-"));
            }
            rows.add(row);
        }
        return new Table("Sweep: " + sweep.dimension(), "cells: " + CELL_LEGEND, headers,
                leftThenRight(headers.size()), rows);
    }

    /** The workload parameters, sorted by name. */
    static Table workload(SimulationResult result) {
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(result.workload()).forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return new Table("Workload", null, List.of("parameter", "value"), List.of(false, false), rows);
    }

    static List<String> sweepPolicies(SimulationResult.Sweep sweep) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        sweep.points().forEach(pt -> pt.policies().forEach(p -> names.add(p.policy())));
        return List.copyOf(names);
    }

    static Optional<PolicyResult> find(SimulationResult.Point point, String policy) {
        return point.policies().stream().filter(p -> p.policy().equals(policy)).findFirst();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Boolean> leftThenRight(int n) {
        Boolean[] a = new Boolean[n];
        Arrays.fill(a, true);
        a[0] = false;
        return List.of(a);
    }

    String toText() {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = TextColumns.widths(all);
        StringBuilder b = new StringBuilder();
        b.append(TextColumns.line(headers, widths, rightAligned::get)).append('\n');
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        b.append("-".repeat(total)).append('\n');
        rows.forEach(row -> b.append(TextColumns.line(row, widths, rightAligned::get)).append('\n'));
        return b.toString();
    }

    String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append('|');
        headers.forEach(h -> b.append(' ').append(Fmt.md(h)).append(" |"));
        b.append("\n|");
        rightAligned.forEach(r -> b.append(r ? " ---: |" : " --- |"));
        b.append('\n');
        for (List<String> row : rows) {
            b.append('|');
            row.forEach(c -> b.append(' ').append(Fmt.md(c)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    String toHtml() {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            b.append("<th").append(rightAligned.get(i) ? " class=\"num\"" : "").append('>')
                    .append(Fmt.xml(headers.get(i))).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append("<td").append(rightAligned.get(i) ? " class=\"num\"" : "").append('>')
                        .append(Fmt.xml(row.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }
}
