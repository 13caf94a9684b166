package io.slotgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Sentinel setup of the test's own: one master ({@link RedisServerProcess}) and one sentinel
 * ({@code redis-server sentinel.conf --sentinel}) monitoring it as {@value #MASTER_ID} with a quorum of 1, both on
 * free ports, the sentinel's config in a temp dir. Started by {@link #start()} (or before all tests of a class when
 * registered as an extension), stopped by {@link #close()}, which also removes the temp dir and may be called after a
 * failed start.
 */
public final class RedisSentinelSetup implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String MASTER_ID = "mymaster";
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final RedisServerProcess master = new RedisServerProcess();
    private final boolean withReplica;
    private RedisServerProcess replica;
    private Process sentinel;
    private int sentinelPort;
    private Path workDir;

    /** One master and a sentinel. */
    public RedisSentinelSetup() {
        this(false);
    }

    private RedisSentinelSetup(boolean withReplica) {
        this.withReplica = withReplica;
    }

    /** One master, one replica of it and a sentinel: what a {@link #failover()} needs. */
    public static RedisSentinelSetup withReplica() {
        return new RedisSentinelSetup(true);
    }

    /** Starts everything; on failure stops whatever did start before throwing. */
    public synchronized RedisSentinelSetup start() {
        if (sentinel != null && sentinel.isAlive()) {
            return this;
        }
        try {
            return startAll();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private RedisSentinelSetup startAll() {
        try {
            master.start();
            if (withReplica) {
                replica = new RedisServerProcess("--replicaof", "127.0.0.1", Integer.toString(master.port())).start();
            }
            workDir = Files.createTempDirectory("slotgate-sentinel-");
            sentinelPort = RedisServerProcess.freePort();
            Path config = workDir.resolve("sentinel.conf");
            Files.writeString(config, String.join("\n",
                    "port " + sentinelPort,
                    "bind 127.0.0.1",
                    "daemonize no",
                    "dir " + workDir,
                    "loglevel notice",
                    "sentinel monitor " + MASTER_ID + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + MASTER_ID + " 60000",
                    "") );
            sentinel = new ProcessBuilder(RedisServerProcess.binary(), config.toString(), "--sentinel")
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("sentinel.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the sentinel", e);
        }
        RedisServerProcess probe = RedisServerProcess.onPort(sentinelPort);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sentinel.isAlive()) {
                throw new IllegalStateException("the sentinel exited at start: " + log());
            }
            try {
                // an array reply (*2: host and port) once the sentinel knows the master
                if (probe.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_ID).equals("*2")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(50);
        }
        throw new IllegalStateException("the sentinel did not report master " + MASTER_ID + " within " + STARTUP
                + ": " + log());
    }

    /** The server that was the master at start, for commands straight to it. */
    public RedisServerProcess master() {
        return master;
    }

    /** The server that was the replica at start ({@link #withReplica()} only). */
    public RedisServerProcess replica() {
        return replica;
    }

    /** The master's port as the sentinel reports it now. */
    public int currentMasterPort() {
        List<String> address = RedisServerProcess.onPort(sentinelPort)
                .reply("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_ID);
        return address.size() == 2 ? Integer.parseInt(address.get(1)) : -1;
    }

    /**
     * Has the sentinel promote the replica (as an operator's {@code SENTINEL FAILOVER}, or a crashed master, would)
     * and returns once the sentinel names it as the master, it acts as one, and the old master follows it.
     */
    public void failover() {
        RedisServerProcess sentinelServer = RedisServerProcess.onPort(sentinelPort);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        // the sentinel learns of the replica from the master, and promotes only a replica in sync
        while (!(replica.reply("ROLE").contains("connected")
                && sentinelServer.reply("SENTINEL", "FAILOVER", MASTER_ID).equals(List.of("+OK")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sentinel would not fail over: " + log());
            }
            sleep(100);
        }
        // and the old master is turned into a replica of the new one (the sentinel then cuts its clients off)
        while (!(currentMasterPort() == replica.port() && replica.reply("ROLE").get(0).equals("master")
                && master.reply("ROLE").get(0).equals("slave"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica was not promoted in time: " + log());
            }
            sleep(50);
        }
    }

    public int sentinelPort() {
        return sentinelPort;
    }

    /** The URL slotgate is given: the sentinel and the master's name, never the master itself. */
    public String url() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "?sentinelMasterId=" + MASTER_ID;
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
        try {
            if (sentinel != null) {
                sentinel.destroy();
                if (!sentinel.waitFor(5, TimeUnit.SECONDS)) {
                    sentinel.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                sentinel = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (replica != null) {
                replica.close();
            }
            master.close();
            if (workDir != null) {
                try (var files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // temp dir; nothing to do
                }
            }
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("sentinel.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
