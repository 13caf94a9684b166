package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slotgate simulate}: a policy and its variant side by side, presets by name, bad input refused by name. */
class SimulateCommandTest {
    private record Run(int exitCode, String err) {
    }

    private final ch.qos.logback.classic.Logger slotgateLogs =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.slotgate");
    private final ch.qos.logback.classic.Level logLevel = slotgateLogs.getLevel();

    /** The command quiets slotgate's logs for its run; tests of the logs that run later in this JVM need them back. */
    @org.junit.jupiter.api.AfterEach
    void restoreTheLogLevel() {
        slotgateLogs.setLevel(logLevel);
    }

    private static Run simulate(String... args) {
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("simulate"));
        all.addAll(List.of(args));
        return new Run(cli.execute(all.toArray(String[]::new)), err.toString());
    }

    @Test
    void twoPolicyFilesThatNameTheirPoliciesAlikeAreTwoColumnsLabelledByTheirFiles(@TempDir Path dir)
            throws Exception {
        // a policy and its variant: each says only what it changes, so both are named "slotgate-custom"
        Path policy = Files.writeString(dir.resolve("quiet.json"), "{\"extends\":\"slotgate\",\"warmTopEventTypes\":0}");
        Path variant = Files.writeString(dir.resolve("quiet-no-xfetch.json"),
                "{\"extends\":\"slotgate\",\"warmTopEventTypes\":0,\"refreshAheadBeta\":0}");
        Path out = dir.resolve("report");

        Run run = simulate("--seeds", "1", "--event-types", "1", "--set",
                "peakQueriesPerMinute=0.5,offPeakQueriesPerMinute=0.1", "--only", policy + "," + variant,
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("policies")).extracting(p -> p.get("policy").asText())
                .containsExactly("slotgate-custom", "quiet-no-xfetch");
        assertThat(report.get("policies")).allSatisfy(p -> assertThat(p.get("queries").asLong()).isPositive());
        assertThat(Files.readString(out.resolve("report.md"))).contains("| quiet-no-xfetch |");
    }

    @Test
    void anUnknownPresetOrParameterIsRefusedByName(@TempDir Path dir) {
        Run preset = simulate("--workload", "rush", "--out", dir.toString());
        assertThat(preset.exitCode()).isNotZero();
        assertThat(preset.err()).contains("--workload must be one of [seed, booking-rush, cold-storm], got 'rush'");

        Run set = simulate("--set", "eventTypes=20", "--out", dir.toString());
        assertThat(set.exitCode()).isNotZero();
        assertThat(set.err()).contains("--set knows", "not 'eventTypes'");

        Run sweep = simulate("--sweep", "hosts", "--out", dir.toString());
        assertThat(sweep.err()).contains("event-types", "got 'hosts'");
    }
}
