package io.slotgate.bench.pressure;

import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.support.RedisServerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real slotgate processes, as a user runs them ({@code java -jar target/slotgate.jar serve ...}), each on a free port
 * with its output in a log file; with two or more, one real {@code redis-server} shared by them. Only the processes
 * started here are ever stopped, each by its own handle.
 */
final class SlotgateFleet implements AutoCloseable {
    private record Instance(int port, Process process, Path log) {
    }

    private final List<Instance> instances = new ArrayList<>();
    private final RedisServerProcess redis;
    private Duration redisCpuOfStoppedServers = Duration.ZERO;

    private SlotgateFleet(RedisServerProcess redis) {
        this.redis = redis;
    }

    static SlotgateFleet start(Path jar, Path logDir, int count, boolean withRedis, URI calcom, List<String> serveArgs)
            throws IOException {
        Files.createDirectories(logDir);
        SlotgateFleet fleet = new SlotgateFleet(withRedis ? new RedisServerProcess().start() : null);
        try {
            for (int i = 1; i <= count; i++) {
                fleet.instances.add(fleet.launch(jar, logDir.resolve("slotgate-" + i + ".log"), calcom, serveArgs));
            }
            for (Instance instance : fleet.instances) {
                awaitHealthy(instance);
            }
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private Instance launch(Path jar, Path log, URI calcom, List<String> serveArgs) throws IOException {
        int port = RedisServerProcess.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms128m", "-Xmx768m", "-jar", jar.toString(), "serve",
                "--port", Integer.toString(port), "--calcom-url", calcom.toString(),
                "--calcom-api-key", EmulatorSettings.DEMO_API_KEY, "--webhook-secret", BenchTenant.WEBHOOK_SECRET));
        if (redis != null) {
            command.addAll(List.of("--redis-url", redis.url()));
        }
        command.addAll(serveArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The user's own configuration must not leak into the run.
        builder.environment().keySet().removeIf(name -> name.startsWith("SLOTGATE_"));
        // ...but a knob may be tried on purpose: PRESSURE_SLOTGATE_X=v reaches slotgate as SLOTGATE_X=v
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("PRESSURE_SLOTGATE_")) {
                builder.environment().put(name.substring("PRESSURE_".length()), value);
            }
        });
        return new Instance(port, builder.start(), log);
    }

    private static void awaitHealthy(Instance instance) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.process().isAlive()) {
                throw new IllegalStateException("slotgate exited at start; see " + instance.log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + instance.port() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for slotgate", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("slotgate did not answer /health within 120 s; see " + instance.log());
    }

    List<URI> uris() {
        return instances.stream().map(i -> URI.create("http://127.0.0.1:" + i.port())).toList();
    }

    List<Path> logs() {
        return instances.stream().map(Instance::log).toList();
    }

    /** CPU time used so far by each process of the fleet, by name; a process that has exited is left out. */
    synchronized Map<String, Duration> cpu() {
        Map<String, Duration> out = new LinkedHashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            int n = i + 1;
            instances.get(i).process().toHandle().info().totalCpuDuration()
                    .ifPresent(cpu -> out.put("slotgate-" + n, cpu));
        }
        if (redis != null) {
            out.put("redis", redisCpuOfStoppedServers.plus(runningRedisCpu()));
        }
        return out;
    }

    /** Stops the shared Redis (SIGTERM; it saves nothing, so it comes back empty), keeping the CPU it used. */
    synchronized void stopRedis() {
        redisCpuOfStoppedServers = redisCpuOfStoppedServers.plus(runningRedisCpu());
        redis.stop();
    }

    /** Starts it again on the same port. */
    synchronized void startRedis() {
        redis.start();
    }

    /** The redis-server is a child of this JVM: found among our own children, never by name system-wide. */
    private static Duration runningRedisCpu() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("redis-server")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public void close() {
        for (Instance instance : instances) {
            instance.process().destroy();
        }
        for (Instance instance : instances) {
            try {
                if (!instance.process().waitFor(15, TimeUnit.SECONDS)) {
                    instance.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
