package io.slotgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
    private Process sentinel;
    private int sentinelPort;
    private Path workDir;

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

    /** The master's own server, for commands straight to it. */
    public RedisServerProcess master() {
        return master;
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
