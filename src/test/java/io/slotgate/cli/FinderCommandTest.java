package io.slotgate.cli;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slotgate find}: against the emulator over HTTP, against the in-process demo, and its refusals. */
class FinderCommandTest {
    private Stack stack;

    record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"));
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void printsTheNextAvailableSlotFromCalcomInTheRequestedZone() {
        Run run = againstStack("--event-type", "1001", "--after", "2030-01-07", "--time-zone", "Europe/Berlin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("next available: 2030-01-07T09:00:00.000+01:00 - 2030-01-07T09:15:00.000+01:00\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void saysNoneWithinTheHorizonAndSucceeds() {
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T00:00:00Z"),
                Instant.parse("2030-01-09T00:00:00Z"));
        Run run = againstStack("--event-type", "1001", "--after", "2030-01-07", "--days", "2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("none within 2 days from 2030-01-07T00:00:00.000Z\n");
    }

    @Test
    void printsEverySlotOfAWindow() {
        Run run = againstStack("--event-type", "1001", "--after", "2030-01-07", "--days", "1", "--window");
        assertThat(run.exitCode()).isZero();
        // Anna: 09:00-17:00 Berlin in 15-minute slots
        assertThat(run.outLines()).hasSize(32)
                .startsWith("2030-01-07T08:00:00.000Z - 2030-01-07T08:15:00.000Z")
                .endsWith("2030-01-07T15:45:00.000Z - 2030-01-07T16:00:00.000Z");
    }

    @Test
    void printsTheAlternativesNearestToAWantedTime() {
        Run run = againstStack("--event-type", "1001", "--alternatives", "2030-01-09T09:07:00Z", "--count", "2",
                "--time-zone", "Europe/Berlin");
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(
                "2030-01-09T10:00:00.000+01:00 - 2030-01-09T10:15:00.000+01:00 (same day, 7 min away)",
                "2030-01-09T10:15:00.000+01:00 - 2030-01-09T10:30:00.000+01:00 (same day, 8 min away)");
    }

    @Test
    void demoModeAnswersFromTheBuiltInEmulator() {
        Run run = run("find", "--demo", "--event-type", "1006", "--time-zone", "Europe/London");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("next available: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000\\+0[01]:00 - .*\n");
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitCode2() {
        String[][] cases = {
                {"--event-type"},
                {"--event-type", "abc"},
                {"--event-type", "0"},
                {"--event-type", "1001", "--days", "0"},
                {"--event-type", "1001", "--days", "91"},
                {"--event-type", "1001", "--after", "tomorrow"},
                {"--event-type", "1001", "--time-zone", "Mars/Olympus"},
                {"--event-type", "1001", "--duration", "0"},
                {"--event-type", "1001", "--count", "0", "--alternatives", "2030-01-09T09:00:00Z"},
                {"--event-type", "1001", "--radius-days", "31", "--alternatives", "2030-01-09T09:00:00Z"},
                {"--event-type", "1001", "--alternatives", "noon"},
                {"--event-type", "1001", "--window", "--alternatives", "2030-01-09T09:00:00Z"},
                {"--event-type", "1001", "--demo", "--calcom-url", "http://localhost:1"},
                {"--event-type", "1001", "--calcom-url", "not a url"},
                {"--event-type", "1001", "--bogus"}};
        String[] named = {"--event-type", "--event-type", "--event-type", "--days", "--days", "--after", "--time-zone",
                "--duration", "--count", "--radius-days", "--alternatives", "--window", "--demo", "--calcom-url",
                "--bogus"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("find"));
            args.addAll(List.of(cases[i]));
            Run run = run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(run.out()).as(args.toString()).isEmpty();
            assertThat(run.err().strip().lines()).as(args.toString()).hasSize(1);
            assertThat(run.err()).as(args.toString()).startsWith("slotgate find: ").contains(named[i]);
        }
        assertThat(run("find", "--after", "2030-01-07").err()).contains("--event-type");
    }

    @Test
    void calcomFailuresAreOneLineErrorsWithExitCode1() {
        Run unknown = againstStack("--event-type", "999999", "--after", "2030-01-07");
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("slotgate find: Cal.com refused the question (404): Event Type not found\n");

        String url = stack.emulatorServer.baseUrl();
        stack.emulatorServer.close();
        Run unreachable = run("find", "--calcom-url", url, "--calcom-api-key", EmulatorSettings.DEMO_API_KEY,
                "--event-type", "1001", "--after", "2030-01-07");
        assertThat(unreachable.exitCode()).as(unreachable.err()).isEqualTo(1);
        assertThat(unreachable.out()).isEmpty();
        assertThat(unreachable.err()).startsWith("slotgate find: Cal.com gave no usable answer").endsWith("\n");
        assertThat(unreachable.err().strip().lines()).hasSize(1);
    }

    private Run againstStack(String... args) {
        List<String> all = new ArrayList<>(List.of("find", "--calcom-url", stack.emulatorServer.baseUrl(),
                "--calcom-api-key", EmulatorSettings.DEMO_API_KEY));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
