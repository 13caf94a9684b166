package io.slotgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real three-node Redis Cluster of the test's own (three masters, no replicas): three {@code redis-server
 * --cluster-enabled yes} nodes on free ports, joined by {@code redis-cli --cluster create}, ready once every node says
 * {@code cluster_state:ok}. Each node keeps its {@code nodes.conf} in its own temp dir. Started by {@link #start()} (or
 * before all tests of a class when registered as an extension), stopped by {@link #close()}, which may be called after
 * a failed start.
 */
public final class RedisClusterSetup implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final int NODES = 3;
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final List<RedisServerProcess> nodes = new ArrayList<>();
    private Path workDir;

    /** Starts everything; on failure stops whatever did start before throwing. */
    public synchronized RedisClusterSetup start() {
        if (!nodes.isEmpty()) {
            return this;
        }
        try {
            return startAll();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private RedisClusterSetup startAll() {
        for (int port : ports()) {
            RedisServerProcess node = RedisServerProcess.onPort(port, "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "5000");
            nodes.add(node);
            node.start();
        }
        try {
            workDir = Files.createTempDirectory("slotgate-cluster-");
            List<String> create = new ArrayList<>(List.of(RedisServerProcess.binary("redis-cli"), "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path log = workDir.resolve("create.log");
            Process process = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish: " + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run redis-cli --cluster create", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().allMatch(RedisClusterSetup::ready)) {
                return this;
            }
            sleep(50);
        }
        throw new IllegalStateException("the cluster did not reach cluster_state:ok within " + STARTUP);
    }

    /** The nodes, for commands straight to one of them (keys they do not own answer {@code -MOVED}). */
    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The node that serves {@code key} now: the one that answers for it rather than redirecting with -MOVED. */
    public RedisServerProcess ownerOf(String key) {
        return nodes.stream().filter(node -> !node.call("EXISTS", key).startsWith("-MOVED")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node serves " + key));
    }

    /**
     * Moves one hash slot, with its keys, from {@code source} (which serves it) to {@code target}, as {@code redis-cli
     * --cluster reshard} does: IMPORTING on the target, MIGRATING on the source, MIGRATE of every key, then the new
     * owner announced to every node.
     */
    public void moveSlot(int hashSlot, RedisServerProcess source, RedisServerProcess target) {
        String slot = Integer.toString(hashSlot);
        String sourceId = source.call("CLUSTER", "MYID");
        String targetId = target.call("CLUSTER", "MYID");
        expectOk(target.call("CLUSTER", "SETSLOT", slot, "IMPORTING", sourceId));
        expectOk(source.call("CLUSTER", "SETSLOT", slot, "MIGRATING", targetId));
        List<String> keys;
        while (!(keys = source.reply("CLUSTER", "GETKEYSINSLOT", slot, "100")).isEmpty()) {
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(target.port()),
                    "", "0", "5000", "KEYS"));
            migrate.addAll(keys);
            expectOk(source.call(migrate.toArray(String[]::new)));
        }
        for (RedisServerProcess node : nodes) {
            expectOk(node.call("CLUSTER", "SETSLOT", slot, "NODE", targetId));
        }
    }

    private static void expectOk(String reply) {
        if (!reply.equals("+OK")) {
            throw new IllegalStateException("cluster command failed: " + reply);
        }
    }

    /** The URL slotgate is given: every node as a seed. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        nodes.forEach(RedisServerProcess::close);
        nodes.clear();
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp dir; nothing to do
            }
        }
    }

    private static boolean ready(RedisServerProcess node) {
        try {
            // the first line of CLUSTER INFO's bulk reply
            return node.command("CLUSTER", "INFO").equals("cluster_state:ok");
        } catch (IOException e) {
            return false;
        }
    }

    /** Free ports whose cluster bus ports (port + 10000) are free too, below the ephemeral range. */
    private static List<Integer> ports() {
        Set<Integer> chosen = new HashSet<>();
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; attempt < 1000 && ports.size() < NODES; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 22_768); // bus ports 30000-32767: below 32768
            if (!chosen.contains(port) && !chosen.contains(port + 10_000) && !chosen.contains(port - 10_000)
                    && RedisServerProcess.portFree(port) && RedisServerProcess.portFree(port + 10_000)) {
                chosen.add(port);
                ports.add(port);
            }
        }
        if (ports.size() < NODES) {
            throw new IllegalStateException("no free ports for a cluster");
        }
        return ports;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
