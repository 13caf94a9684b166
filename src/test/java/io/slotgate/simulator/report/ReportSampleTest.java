package io.slotgate.simulator.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes a sample report from the fixtures, to look at in a browser: into {@code target/sample-report}, or the directory
 * given with {@code -Dslotgate.sample-report=DIR}.
 */
class ReportSampleTest {

    @Test
    void writesASampleReportToLookAt() throws IOException {
        Path dir = Path.of(System.getProperty("slotgate.sample-report", "target/sample-report"));
        var written = ReportWriter.write(ReportFixtures.withSweep(), dir);
        assertThat(written).isNotEmpty().allSatisfy(path -> assertThat(Files.size(path)).isPositive());
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML)))
                .contains(ReportFixtures.withSweep().policies().get(0).policy());
    }
}
