package io.slotgate.simulator.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void writesTheReportsAndEverySvgIntoTheDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out/nested");
        List<Path> written = ReportWriter.write(ReportFixtures.withSweep(), dir);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.md", "report.json",
                "report.html", "hit-vs-stale.svg", "calls-through-day.svg", "refused-through-day.svg", "latency.svg",
                "sweep-bookings-per-hour-hit-rate.svg", "sweep-bookings-per-hour-false-available.svg",
                "sweep-bookings-per-hour-calls.svg", "sweep-bookings-per-hour-refused.svg");
        assertThat(written).allMatch(p -> p.getParent().equals(dir)).allMatch(Files::isRegularFile);
        try (var listing = Files.list(dir)) {
            assertThat(listing).hasSize(written.size());
        }
        assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(HtmlReport.render(ReportFixtures.withSweep()));
        for (Path svg : written.stream().filter(p -> p.toString().endsWith(".svg")).toList()) {
            String content = Files.readString(svg);
            assertThat(content).startsWith("<?xml");
            assertThat(XmlSupport.parse(content).getDocumentElement().getNamespaceURI()).isNull(); // namespace-unaware
            assertThat(XmlSupport.parse(content).getDocumentElement().getAttribute("xmlns")).isEqualTo(SvgPlot.SVG_NS);
        }
    }

    @Test
    void writingAgainReplacesTheFiles(@TempDir Path dir) throws Exception {
        ReportWriter.write(ReportFixtures.withSweep(), dir);
        List<Path> second = ReportWriter.write(ReportFixtures.withoutSweeps(), dir);

        assertThat(second).hasSize(7);
        assertThat(Files.readString(dir.resolve("report.json"))).isEqualTo(JsonReport.render(ReportFixtures.withoutSweeps()));
    }
}
