package io.slotgate.simulator.report;

import io.slotgate.simulator.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMarkdownTest {

    @Test
    void hasTheCommandWorkloadTablesAndLinksToEveryPlot() {
        SimulationResult result = ReportFixtures.withSweep();
        String md = MarkdownReport.render(result);

        assertThat(md).startsWith("# slotgate simulation report\n")
                .contains("```\n" + result.command() + "\n```")
                .contains("| calcom-latency | lognormal(median=380ms, p99=1.4s) |")
                .contains("| slotgate | 99.20 | 0 | 0 / 0 | 0.0854 | 142 | 0.262 | 437 | 0 | - | 12 (0.286%) | 144 |")
                .contains("| seed-hybrid | 94.10 | 0.600 | 2500 / 500 | 0.332 |")
                .contains("a refused query counts against the hit rate")
                .contains("## Sweeps", "### bookings per hour", "| 20 |")
                .contains("[report.html](report.html)", "[report.json](report.json)");
        for (Plots.Plot plot : Plots.all(result)) {
            assertThat(md).contains("](" + plot.fileName() + ")");
        }
        assertThat(md).contains("](hit-vs-stale.svg)", "](calls-through-day.svg)", "](latency.svg)",
                "](sweep-bookings-per-hour-hit-rate.svg)", "](sweep-bookings-per-hour-false-available.svg)",
                "](sweep-bookings-per-hour-calls.svg)", "](refused-through-day.svg)",
                "](sweep-bookings-per-hour-refused.svg)");
    }

    @Test
    void aTableRowHasOneCellPerHeader() {
        String md = MarkdownReport.render(ReportFixtures.withoutSweeps());
        List<String> rows = md.lines().filter(l -> l.startsWith("| seed-") || l.startsWith("| policy")).toList();
        assertThat(rows).hasSize(4);
        long cells = rows.getFirst().chars().filter(c -> c == '|').count();
        assertThat(rows).allMatch(r -> r.replace("\\|", "").chars().filter(c -> c == '|').count() == cells);
    }

    @Test
    void aCommandWithBackticksGetsALongerFence() {
        SimulationResult r = ReportFixtures.result(ReportFixtures.policies(), List.of());
        SimulationResult withTicks = new SimulationResult(r.workload(), r.seeds(), r.policies(), r.sweeps(),
                "echo ```x```");
        assertThat(MarkdownReport.render(withTicks)).contains("````\necho ```x```\n````");
    }
}
