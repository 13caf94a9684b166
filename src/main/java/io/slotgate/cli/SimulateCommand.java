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
        description = "Replay a workload (the seed's, or a preset) in virtual time against the emulator, every policy "
                + "side by side.")
final class SimulateCommand implements Runnable {
    /** Workload parameters set by options of their own ({@code --event-types}, {@code --hosts}, {@code --days}). */
    private static final List<String> OWN_OPTIONS = List.of("eventTypes", "hosts", "minutes");

    @Option(names = "--workload", defaultValue = Workload.SEED,
            description = "The workload: seed, booking-rush or cold-storm (default ${DEFAULT-VALUE})")
    String workloadName;

    @Option(names = "--seeds", defaultValue = "5", description = "How many random seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--days", description = "Simulated days (default: the workload's: 1 for seed, 2 minutes for "
            + "booking-rush, until the last query for cold-storm)")
    Integer days;

    @Option(names = "--event-types", description = "Event types, 1-" + Workload.MAX_EVENT_TYPES + "; beyond 10 the "
            + "tenant is generated in the demo tenant's pattern (default: the workload's: 10, or 50 for cold-storm)")
    Integer eventTypes;

    @Option(names = "--hosts", description = "Hosts of the tenant (default: the demo's four per ten event types)")
    Integer hosts;

    @Option(names = "--policies", split = ",", description = "Policies beyond the four built-ins: names or JSON "
            + "policy files")
    List<String> extraPolicies = new ArrayList<>();

    @Option(names = "--only", split = ",", description = "Run only these policies (names or files)")
    List<String> only = new ArrayList<>();

    @Option(names = "--sweep", split = ",", description = "Sweeps: load, booking-rate, webhook-loss, external-share, "
            + "event-types, all (the first four)")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--sweep-seeds", defaultValue = "1", description = "Seeds per sweep point (default ${DEFAULT-VALUE})")
    int sweepSeeds;

    @Option(names = "--sweep-event-types", defaultValue = "1",
            description = "Event types in sweep runs, to keep x100 load tractable (default ${DEFAULT-VALUE})")
    int sweepEventTypes;

    @Option(names = "--set", split = ",", description = "Workload overrides, e.g. externalShare=0,webhookLoss=0.1 "
            + "(any numeric parameter of the workload: peakQueriesPerMinute, offPeakQueriesPerMinute, "
            + "peakBookingsPerHour, offPeakBookingsPerHour, externalShare, webhookLoss, webhookMedianSeconds, ...)")
    Map<String, Double> overrides = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "simulation", description = "Directory for report.md, report.json, "
            + "report.html and the plots (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public void run() {
        quietSlotgateLogs();
        if (seeds < 1 || (days != null && days < 1) || sweepSeeds < 1) {
            throw new IllegalArgumentException("--seeds, --days and --sweep-seeds must be at least 1");
        }
        Workload base = Simulation.workload(workloadName);
        List<String> settable = Workload.numericParameters().stream().filter(k -> !OWN_OPTIONS.contains(k)).toList();
        Workload workload = base.with(m -> {
            if (eventTypes != null) {
                m.put("eventTypes", eventTypes);
            }
            if (hosts != null) {
                m.put("hosts", hosts);
            }
            if (days != null) {
                m.put("minutes", days * 24L * 60);
            }
            overrides.forEach((key, value) -> {
                if (!settable.contains(key)) {
                    throw new IllegalArgumentException("--set knows " + settable + ", not '" + key + "'");
                }
                m.put(key, value);
            });
            return m;
        });
        Map<String, PolicyProfile> labelled = policies();
        List<PolicyProfile> policies = List.copyOf(labelled.values());
        List<Simulation.SweepSpec> sweepSpecs = Simulation.standardSweeps(sweeps).stream()
                .map(s -> new Simulation.SweepSpec(s.dimension(), s.unit(), s.values(),
                        (w, x) -> s.apply().apply(w.with(m -> {
                            m.put("eventTypes", Math.min(sweepEventTypes, workload.eventTypes()));
                            return m;
                        }), x)))
                .toList();
        PrintStream err = System.err;
        boolean terminal = System.console() != null;
        SimulationResult result = Simulation.simulate(workload,
                LongStream.range(firstSeed, firstSeed + seeds).boxed().toList(), policies,
                List.copyOf(labelled.keySet()), sweepSpecs,
                LongStream.range(firstSeed, firstSeed + sweepSeeds).boxed().toList(), commandLine(workload),
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
     * A simulated day makes hundreds of thousands of fills and invalidations, each an INFO line in production, and a
     * key out of budget makes thousands of WARN lines (a host-map refresh refused, a fill failed): the report is the
     * simulator's output, and counts those refusals, so slotgate's own logs drop to ERROR here (SLOTGATE_LOG_LEVEL
     * still wins).
     */
    private static void quietSlotgateLogs() {
        if (System.getenv("SLOTGATE_LOG_LEVEL") == null
                && org.slf4j.LoggerFactory.getLogger("io.slotgate") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /**
     * The policies by label: a policy's own name, or, when an earlier policy has that name already (a policy file and
     * its variant that both say only {@code "extends"} and what they change), the name of its file.
     */
    private Map<String, PolicyProfile> policies() {
        Map<String, PolicyProfile> chosen = new LinkedHashMap<>();
        if (only.isEmpty()) {
            PolicyProfiles.builtIn().values().forEach(p -> chosen.put(p.name(), p));
        }
        for (String name : only.isEmpty() ? extraPolicies : only) {
            PolicyProfile p = PolicyHolder.from(name).get();
            if (chosen.containsKey(p.name()) && chosen.get(p.name()).equals(p)) {
                continue;
            }
            String label = p.name();
            if (chosen.containsKey(label)) {
                label = Path.of(name).getFileName().toString().replaceFirst("\\.json$", "");
            }
            for (int i = 2; chosen.containsKey(label); i++) {
                label = p.name() + "-" + i;
            }
            chosen.put(label, p);
        }
        return chosen;
    }

    private String commandLine(Workload workload) {
        StringBuilder c = new StringBuilder("slotgate simulate");
        if (!workloadName.equals(Workload.SEED)) {
            c.append(" --workload ").append(workloadName);
        }
        c.append(" --seeds ").append(seeds);
        if (days != null || workload.minutes() % (24 * 60) == 0) {
            c.append(" --days ").append(days != null ? days : workload.minutes() / (24 * 60));
        }
        c.append(" --event-types ").append(workload.eventTypes());
        if (hosts != null) {
            c.append(" --hosts ").append(hosts);
        }
        if (firstSeed != 1) {
            c.append(" --first-seed ").append(firstSeed);
        }
        if (!extraPolicies.isEmpty()) {
            c.append(" --policies ").append(String.join(",", extraPolicies));
        }
        if (!only.isEmpty()) {
            c.append(" --only ").append(String.join(",", only));
        }
        if (!sweeps.isEmpty()) {
            c.append(" --sweep ").append(String.join(",", sweeps));
            if (sweepSeeds != 1) {
                c.append(" --sweep-seeds ").append(sweepSeeds);
            }
            if (sweepEventTypes != 1) {
                c.append(" --sweep-event-types ").append(sweepEventTypes);
            }
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
