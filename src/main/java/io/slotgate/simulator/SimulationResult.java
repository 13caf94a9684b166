package io.slotgate.simulator;

import java.util.List;
import java.util.Map;

/**
 * A simulation's outcome: the workload it ran, the seeds, one result per policy side by side, and optionally the
 * sweeps ({@code dimension -> points}). {@code command} is the command line that produced it, for the report.
 */
public record SimulationResult(Map<String, String> workload, List<Long> seeds, List<PolicyResult> policies,
                               List<Sweep> sweeps, String command) {
    public SimulationResult {
        workload = Map.copyOf(workload);
        seeds = List.copyOf(seeds);
        policies = List.copyOf(policies);
        sweeps = List.copyOf(sweeps);
    }

    /** One parameter varied over several values, every policy measured at each. */
    public record Sweep(String dimension, String unit, List<Point> points) {
        public Sweep {
            points = List.copyOf(points);
        }
    }

    public record Point(double value, List<PolicyResult> policies) {
        public Point {
            policies = List.copyOf(policies);
        }
    }
}
