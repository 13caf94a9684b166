package io.slotgate.cli;

import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.policy.PolicyProfiles;
import io.slotgate.simulator.Simulation;
import io.slotgate.simulator.SimulationResult;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.simulator.report.ReportWriter;
import io.slotgate.simulator.report.TerminalTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay the seed workload in virtual time against the emulator, every policy side by side.")
final class SimulateCommand implements Runnable {
    @Option(names = "--seeds", defaultValue = "5", description = "How many random seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--days", defaultValue = "1", description = "Simulated days (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--event-types", defaultValue = "10", description = "Event types, 1-10 (default ${DEFAULT-VALUE})")
    int eventTypes;

    @Option(names = "--policies", split = ",", description = "Policies beyond the four built-ins: names or JSON "
            + "policy files")
    List<String> extraPolicies = new ArrayList<>();

    @Option(names = "--only", split = ",", description = "Run only these policies (names or files)")
    List<String> only = new ArrayList<>();

    @Option(names = "--sweep", split = ",", description = "Sweeps: load, booking-rate, webhook-loss, external-share, all")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--sweep-seeds", defaultValue = "1", description = "Seeds per sweep point (default ${DEFAULT-VALUE})")
    int sweepSeeds;

    @Option(names = "--sweep-event-types", defaultValue = "1",
            description = "Event types in sweep runs, to keep x100 load tractable (default ${DEFAULT-VALUE})")
    int sweepEventTypes;

    @Option(names = "--set", split = ",", description = "Workload overrides, e.g. externalShare=0,webhookLoss=0.1 "
            + "(peakQueriesPerMinute, offPeakQueriesPerMinute, peakBookingsPerHour, offPeakBookingsPerHour, "
            + "externalShare, webhookLoss)")
    Map<String, Double> overrides = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "simulation", description = "Directory for report.md, report.json, "
            + "report.html and the plots (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public void run() {
        quietSlotgateLogs();
        if (seeds < 1 || days < 1 || sweepSeeds < 1) {
            throw new IllegalArgumentException("--seeds, --days and --sweep-seeds must be at least 1");
        }
        Workload base = Workload.seed();
        Workload workload = base.with(m -> {
            m.put("eventTypes", eventTypes);
            m.put("days", days);
            overrides.forEach((key, value) -> {
                if (!m.containsKey(key) || key.equals("eventTypes") || key.equals("days")) {
                    throw new IllegalArgumentException("--set knows " + m.keySet().stream()
                            .filter(k -> !k.equals("eventTypes") && !k.equals("days")).toList() + ", not '" + key + "'");
                }
                m.put(key, value);
            });
            return m;
        });
        List<PolicyProfile> policies = policies();
        List<Simulation.SweepSpec> sweepSpecs = Simulation.standardSweeps(sweeps).stream()
                .map(s -> new Simulation.SweepSpec(s.dimension(), s.unit(), s.values(),
                        (w, x) -> s.apply().apply(w.with(m -> {
                            m.put("eventTypes", Math.min(sweepEventTypes, eventTypes));
                            return m;
                        }), x)))
                .toList();
        PrintStream err = System.err;
        boolean terminal = System.console() != null;
        SimulationResult result = Simulation.simulate(workload,
                LongStream.range(firstSeed, firstSeed + seeds).boxed().toList(), policies, sweepSpecs,
                LongStream.range(firstSeed, firstSeed + sweepSeeds).boxed().toList(), commandLine(),
                p -> progress(err, terminal, p));
        System.out.println(TerminalTable.render(result));
        try {
            List<Path> written = ReportWriter.write(result, out);
            System.out.println("report: " + written.get(0).getParent().toAbsolutePath());
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot write the report to " + out + ": " + e.getMessage());
        }
    }

    /**
     * A simulated day makes hundreds of thousands of fills and invalidations, each an INFO line in production: the
     * report is the simulator's output, so slotgate's own logs drop to WARN here (SLOTGATE_LOG_LEVEL still wins).
     */
    private static void quietSlotgateLogs() {
        if (System.getenv("SLOTGATE_LOG_LEVEL") == null
                && org.slf4j.LoggerFactory.getLogger("io.slotgate") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private List<PolicyProfile> policies() {
        Map<String, PolicyProfile> chosen = new LinkedHashMap<>();
        if (only.isEmpty()) {
            PolicyProfiles.builtIn().values().forEach(p -> chosen.put(p.name(), p));
        }
        for (String name : only.isEmpty() ? extraPolicies : only) {
            PolicyProfile p = PolicyHolder.from(name).get();
            chosen.put(p.name(), p);
        }
        return List.copyOf(chosen.values());
    }

    private String commandLine() {
        StringBuilder c = new StringBuilder("slotgate simulate --seeds ").append(seeds).append(" --days ").append(days)
                .append(" --event-types ").append(eventTypes);
        if (!extraPolicies.isEmpty()) {
            c.append(" --policies ").append(String.join(",", extraPolicies));
        }
        if (!only.isEmpty()) {
            c.append(" --only ").append(String.join(",", only));
        }
        if (!sweeps.isEmpty()) {
            c.append(" --sweep ").append(String.join(",", sweeps));
        }
        if (!overrides.isEmpty()) {
            c.append(" --set ");
            overrides.forEach((k, v) -> c.append(k).append('=').append(v).append(','));
            c.setLength(c.length() - 1);
        }
        return c.toString();
    }

    /** A bar on a terminal; one line per run otherwise (logs, CI). */
    private static void progress(PrintStream err, boolean terminal, Simulation.Progress p) {
        int width = 30;
        int filled = p.total() == 0 ? width : p.done() * width / p.total();
        String line = "[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + p.done() + "/" + p.total()
                + " " + p.what();
        if (terminal) {
            err.print("\r" + line + " ".repeat(20) + (p.done() == p.total() ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }
}
