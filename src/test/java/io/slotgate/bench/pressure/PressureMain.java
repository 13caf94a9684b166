package io.slotgate.bench.pressure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bash bench/pressure.sh SCENARIO... [options]}: runs slotgate under the pressure workloads of issue 9 and
 * prints what happened, judged against the emulator's truth. Exit code 0 when every run could be judged, 1 when the
 * judge's truth disagreed with the emulator's own answers (the figures are then not to be trusted), 2 on bad usage.
 */
@Command(name = "pressure.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load slotgate from outside (real sockets, real processes) and judge every answer.")
final class PressureMain implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO",
            description = "rush-1, rush-2, rush-2-redis-restart, cold-storm, spread, or all")
    List<String> scenarios;

    @Option(names = "--seconds", description = "length of a booking rush (default ${DEFAULT-VALUE})")
    int seconds = 120;

    @Option(names = "--rate", description = "booking rush queries per second (default ${DEFAULT-VALUE})")
    double rate = 20;

    @Option(names = "--cold-queries", description = "cold storm queries (default ${DEFAULT-VALUE})")
    int coldQueries = 5000;

    @Option(names = "--cold-clients", description = "cold storm concurrent clients (default ${DEFAULT-VALUE})")
    int coldClients = 64;

    @Option(names = "--spread-questions", description = "spread load questions (default ${DEFAULT-VALUE})")
    int spreadQuestions = 300;

    @Option(names = "--spread-clients", description = "spread load clients (default ${DEFAULT-VALUE})")
    int spreadClients = 4;

    @Option(names = "--spread-retries", description = "retries of a 503 after Retry-After (default ${DEFAULT-VALUE})")
    int spreadRetries = 6;

    @Option(names = "--seed", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--jar", description = "the slotgate jar to run (default ${DEFAULT-VALUE})")
    Path jar = Path.of("target/slotgate.jar");

    @Option(names = "--out", description = "directory for the JSON results and slotgate's logs (default ${DEFAULT-VALUE})")
    Path out = Path.of("target/pressure");

    @Option(names = "--commit", description = "the slotgate commit under test, as it is to be reported")
    String commit = "unknown";

    @Option(names = "--serve-arg", description = "an argument added to each slotgate's `serve` command line, e.g. "
            + "--serve-arg=--policy --serve-arg=my-policy.json (repeatable), to measure another setting side by side")
    List<String> serveArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (seconds < 10 || rate <= 0 || coldQueries < 1 || coldClients < 1 || spreadQuestions < 1 || spreadClients < 1
                || spreadRetries < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--seconds must be at least 10; rates, counts and clients positive; retries not negative");
        }
        LinkedHashSet<Scenario> chosen = new LinkedHashSet<>();
        for (String name : scenarios) {
            try {
                chosen.addAll(Scenario.parse(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = out.resolve(stamp);
        PressureRun.Options options = new PressureRun.Options(jar, runDir, commit, seconds, rate, seed, coldQueries,
                coldClients, spreadQuestions, spreadClients, spreadRetries, List.copyOf(serveArgs));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<PressureReport.Result> results = new ArrayList<>();
        boolean trustworthy = true;
        for (Scenario scenario : chosen) {
            System.err.printf("pressure: %s (%d instance%s) ...%n", scenario.wireName, scenario.instances,
                    scenario.instances == 1 ? "" : "s");
            PressureRun.Record record = new PressureRun(scenario, options).run();
            if (record.attack().isPresent()) {
                // the attack is judged by its own figures: the ordinary client's answers and the junk's cost
                AttackReport attack = AttackReport.of(record.attack().get(), record.calcomRequests());
                json.writeValue(Files.createDirectories(runDir).resolve(scenario.wireName + ".json").toFile(), attack);
                System.out.println("\n### " + scenario.wireName + " (slotgate " + commit + ", " + record.startedAt()
                        + ")\n");
                System.out.println(attack.table(record.loadTime()));
                continue;
            }
            PressureReport.Result result = PressureReport.summarize(record);
            results.add(result);
            json.writeValue(Files.createDirectories(runDir).resolve(scenario.wireName + ".json").toFile(), result);
            System.out.println("\n### " + scenario.wireName + " (slotgate " + commit + ", " + result.startedAt() + ")\n");
            System.out.println(PressureReport.table(List.of(result)));
            if (!result.judgeSelfCheck().problems().isEmpty() || !result.calcom().benchCallsAccountedFor()) {
                trustworthy = false;
                System.out.println("NOT TRUSTWORTHY: the judge's truth differs from the emulator's own answers, or "
                        + "the emulator's request log holds calls nobody accounts for:");
                result.judgeSelfCheck().problems().forEach(p -> System.out.println("  " + p));
            }
        }
        if (results.size() > 1) {
            System.out.println("\n### all scenarios (slotgate " + commit + ")\n");
            System.out.println(PressureReport.table(results));
            json.writeValue(runDir.resolve("all.json").toFile(), Map.of("commit", commit, "results", results));
        }
        System.err.println("pressure: results in " + runDir);
        return trustworthy ? 0 : 1;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new PressureMain()).execute(args);
        System.exit(code);
    }
}
