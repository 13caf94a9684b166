package io.slotgate.simulator.report;

import io.slotgate.simulator.SimulationResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a simulation's report into a directory: {@code report.md}, {@code report.json}, {@code report.html} and every
 * plot as its own SVG ({@code hit-vs-stale.svg}, {@code calls-through-day.svg}, {@code refused-through-day.svg},
 * {@code latency.svg}, and per sweep {@code sweep-<dimension>-hit-rate.svg}, {@code -false-available.svg},
 * {@code -calls.svg}, {@code -refused.svg}). Existing files of those names are replaced.
 */
public final class ReportWriter {
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    /** @return the files written, in the order above */
    public static List<Path> write(SimulationResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            written.add(write(dir.resolve(MARKDOWN), MarkdownReport.render(result)));
            written.add(write(dir.resolve(JSON), JsonReport.render(result)));
            written.add(write(dir.resolve(HTML), HtmlReport.render(result)));
            for (Plots.Plot plot : Plots.all(result)) {
                written.add(write(dir.resolve(plot.fileName()),
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + plot.svg()));
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
