package io.slotgate.simulator.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes a sample report from the fixtures to look at: {@code -Dtest=ReportSampleTest -Dslotgate.sample-report=DIR}. */
class ReportSampleTest {

    @Test
    @EnabledIfSystemProperty(named = "slotgate.sample-report", matches = ".+")
    void writesASampleReportToLookAt() {
        Path dir = Path.of(System.getProperty("slotgate.sample-report"));
        assertThat(ReportWriter.write(ReportFixtures.withSweep(), dir)).isNotEmpty();
        System.out.print(TerminalTable.render(ReportFixtures.withSweep()));
    }
}
