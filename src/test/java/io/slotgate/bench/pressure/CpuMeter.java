package io.slotgate.bench.pressure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU used over a stretch of wall time: by this JVM (the bench: emulator, balancer, load clients and judge), by each
 * process of the fleet, and by the whole machine (from /proc/stat, which includes whatever else runs on it).
 */
final class CpuMeter {
    /**
     * CPU seconds by process name over {@code wall}, the machine's busy share of all its cores, and its one-minute
     * load average at the end (runnable threads, other users' included).
     */
    record Usage(Duration wall, Duration bench, Map<String, Duration> fleet, double machineBusy, int cores,
                 double loadAverage) {
        double cores(Duration cpu) {
            return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos();
        }
    }

    private final Supplier<Map<String, Duration>> fleet;
    private final long startNanos;
    private final Duration benchAtStart;
    private final Map<String, Duration> fleetAtStart;
    private final long[] machineAtStart;

    private CpuMeter(Supplier<Map<String, Duration>> fleet) {
        this.fleet = fleet;
        this.startNanos = System.nanoTime();
        this.benchAtStart = benchCpu();
        this.fleetAtStart = fleet.get();
        this.machineAtStart = machineTicks();
    }

    static CpuMeter start(Supplier<Map<String, Duration>> fleet) {
        return new CpuMeter(fleet);
    }

    /** Taken while the fleet still runs (an exited process has no CPU time to read). */
    Usage stop() {
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        Map<String, Duration> used = new LinkedHashMap<>();
        fleet.get().forEach((name, cpu) -> used.put(name, cpu.minus(fleetAtStart.getOrDefault(name, Duration.ZERO))));
        long[] machine = machineTicks();
        long busy = machine[0] - machineAtStart[0];
        long total = machine[1] - machineAtStart[1];
        return new Usage(wall, benchCpu().minus(benchAtStart), used, total == 0 ? 0 : (double) busy / total,
                java.lang.Runtime.getRuntime().availableProcessors(), loadAverage());
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Duration benchCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** {busy, total} jiffies of all cores; zeros where /proc/stat cannot be read. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }
}
