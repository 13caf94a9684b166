package io.slotgate.simulator.report;

import io.slotgate.simulator.SimulationResult;

import java.util.List;
import java.util.stream.Collectors;

/** {@code report.md}: the command, the workload, the tables and links to the plots, HTML and JSON. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(SimulationResult result) {
        StringBuilder b = new StringBuilder("# slotgate simulation report\n\n");
        b.append("Command:\n\n").append(fenced(result.command() == null ? "" : result.command())).append('\n');
        b.append("Seeds: ").append(result.seeds().isEmpty() ? "none"
                : result.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))).append("\n\n");
        b.append("Also: [report.html](report.html) (tables and plots in one file), [report.json](report.json)"
                + " (everything, with the derived rates).\n\n");

        b.append("## Workload\n\n");
        Table workload = Table.workload(result);
        b.append(workload.rows().isEmpty() ? "No parameters recorded.\n" : workload.toMarkdown()).append('\n');

        b.append("## Policies\n\n");
        b.append(Fmt.md(Table.DEFINITIONS)).append("\n\n");
        b.append(Table.main(result).toMarkdown()).append('\n');

        b.append("## Plots\n\n");
        for (Plots.Plot plot : Plots.main(result)) {
            image(b, plot);
        }
        List<Plots.SweepPlots> sweeps = Plots.sweeps(result);
        if (!sweeps.isEmpty()) {
            b.append("## Sweeps\n\n");
            for (Plots.SweepPlots sp : sweeps) {
                Table t = Table.sweep(sp.sweep());
                b.append("### ").append(Fmt.md(sp.sweep().dimension())).append("\n\n")
                        .append("Cells: ").append(Fmt.md(Table.CELL_LEGEND)).append(".\n\n")
                        .append(t.toMarkdown()).append('\n');
                sp.plots().forEach(p -> image(b, p));
            }
        }
        return b.toString();
    }

    private static void image(StringBuilder b, Plots.Plot plot) {
        b.append("![").append(Fmt.md(plot.title())).append("](").append(plot.fileName()).append(")\n\n")
                .append(Fmt.md(plot.caption())).append("\n\n");
    }

    /** A fenced code block whose fence is longer than any backtick run inside. */
    private static String fenced(String code) {
        int longest = 0;
        int run = 0;
        for (char c : code.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "\n" + code + "\n" + fence + "\n";
    }
}
