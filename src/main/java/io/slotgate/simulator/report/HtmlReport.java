package io.slotgate.simulator.report;

import io.slotgate.simulator.SimulationResult;

import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (inline CSS, plots as inline SVG, no scripts, no network). Written
 * XHTML-style (every element closed, no named entities but XML's) so it also parses as XML once the doctype is
 * removed.
 */
final class HtmlReport {
    private static final String CSS = """
            body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1180px; padding: 0 16px; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            h3 { font-size: 16px; margin-top: 24px; }
            pre { background: #f5f5f5; padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
            table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
            th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; white-space: nowrap; }
            th { background: #f0f0f0; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #fafafa; }
            .wide { overflow-x: auto; }
            figure { margin: 16px 0; }
            figcaption { font-size: 13px; color: #555; margin-top: 4px; max-width: 760px; }
            .row { display: flex; flex-wrap: wrap; gap: 12px; }
            .row figure { margin: 0; }
            .row figcaption { max-width: 360px; }
            .muted { color: #666; font-size: 13px; }
            """;

    private HtmlReport() {
    }

    public static String render(SimulationResult result) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>slotgate simulation report</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>slotgate simulation report</h1>\n");
        b.append("<p class=\"muted\">Command:</p>\n<pre><code>")
                .append(Fmt.xml(result.command() == null ? "" : result.command())).append("</code></pre>\n");
        b.append("<p class=\"muted\">Seeds: ").append(Fmt.xml(result.seeds().isEmpty() ? "none"
                : result.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")))).append("</p>\n");

        b.append("<h2>Workload</h2>\n");
        b.append(result.workload().isEmpty() ? "<p>No parameters recorded.</p>\n" : Table.workload(result).toHtml());

        b.append("<h2>Policies</h2>\n<p class=\"muted\">").append(Fmt.xml(Table.DEFINITIONS)).append("</p>\n");
        b.append("<div class=\"wide\">\n").append(Table.main(result).toHtml()).append("</div>\n");

        b.append("<h2>Plots</h2>\n");
        for (Plots.Plot plot : Plots.main(result)) {
            figure(b, plot);
        }
        var sweeps = Plots.sweeps(result);
        if (!sweeps.isEmpty()) {
            b.append("<h2>Sweeps</h2>\n");
            for (Plots.SweepPlots sp : sweeps) {
                SimulationResult.Sweep sweep = sp.sweep();
                b.append("<h3>").append(Fmt.xml(sweep.dimension()))
                        .append(Table.blank(sweep.unit()) ? "" : " (" + Fmt.xml(sweep.unit()) + ")").append("</h3>\n");
                b.append("<p class=\"muted\">Cells: ").append(Fmt.xml(Table.CELL_LEGEND)).append(".</p>\n");
                b.append("<div class=\"wide\">\n").append(Table.sweep(sweep).toHtml()).append("</div>\n");
                b.append("<div class=\"row\">\n");
                sp.plots().forEach(p -> figure(b, p));
                b.append("</div>\n");
            }
        }
        b.append("<p class=\"muted\">Written alongside: report.md, report.json and each plot as an SVG file.</p>\n");
        return b.append("</body>\n</html>\n").toString();
    }

    private static void figure(StringBuilder b, Plots.Plot plot) {
        b.append("<figure id=\"").append(Fmt.xml(plot.fileName().replace(".svg", ""))).append("\">\n")
                .append(plot.svg())
                .append("<figcaption>").append(Fmt.xml(plot.caption())).append("</figcaption>\n</figure>\n");
    }
}
