package io.slotgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free port, without persistence; never the machine's Redis on
 * 6379. Register it with {@code @RegisterExtension static RedisServerProcess redis = new RedisServerProcess();} (started
 * before all tests of the class, stopped after) or use it by hand with {@link #start()} and {@link #close()}. It can be
 * stopped and restarted on the same port mid-test, like a Redis that goes down and comes back (empty: it saves
 * nothing).
 */
public final class RedisServerProcess implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final List<String> extraArgs;
    private int port;
    private Process process;
    private Path workDir;

    public RedisServerProcess(String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
    }

    /** A server on a port chosen by the caller (a cluster node needs its bus port, port + 10000, free as well). */
    public static RedisServerProcess onPort(int port, String... extraArgs) {
        RedisServerProcess server = new RedisServerProcess(extraArgs);
        server.port = port;
        return server;
    }

    /** The binary, or a failure that says how to get it: these tests need a real Redis. */
    public static String binary() {
        return binary("redis-server");
    }

    /** An executable of the Redis distribution ({@code redis-server}, {@code redis-cli}) on the PATH. */
    public static String binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException(name + " was not found on the PATH. The Redis tier's tests run against a "
                + "real Redis: install it (Debian/Ubuntu: apt-get install redis-server) and run the build again.");
    }

    public synchronized RedisServerProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (port == 0) {
            port = freePort();
        }
        try {
            if (workDir == null) {
                workDir = Files.createTempDirectory("slotgate-redis-");
            }
            List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--dir", workDir.toString(), "--loglevel", "warning"));
            command.addAll(extraArgs);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + log());
            }
            try {
                if (command("PING").equals("+PONG")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + STARTUP);
    }

    /** Stops the server (SIGTERM, then SIGKILL); the port stays reserved for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        start();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Sends one command (inline protocol) and returns the first line of the reply, e.g. {@code +PONG} or {@code :3}. */
    public String command(String... words) throws IOException {
        return exchange(words, in -> {
            String first = in.readLine();
            if (first != null && first.startsWith("$") && !first.equals("$-1")) {
                return in.readLine();
            }
            return first;
        });
    }

    /**
     * Sends one command and returns a flat reply as its elements: an array of bulk strings, integers and simple
     * strings ({@code ROLE}, {@code SENTINEL GET-MASTER-ADDR-BY-NAME}), or a one-element list for any other reply.
     */
    public List<String> reply(String... words) {
        try {
            return exchange(words, in -> {
                String first = in.readLine();
                if (first == null || !first.startsWith("*") || first.equals("*-1")) {
                    return List.of(String.valueOf(first));
                }
                List<String> elements = new ArrayList<>();
                for (int i = Integer.parseInt(first.substring(1)); i > 0; i--) {
                    String line = in.readLine();
                    elements.add(line.startsWith("$") ? in.readLine() : line.substring(1));
                }
                return elements;
            });
        } catch (IOException e) {
            throw new IllegalStateException("redis command failed: " + String.join(" ", words), e);
        }
    }

    private interface ReplyReader<T> {
        T read(BufferedReader in) throws IOException;
    }

    /** One connection, one command in the RESP protocol, the reply read by {@code reader}. */
    private <T> T exchange(String[] words, ReplyReader<T> reader) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reader.read(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
        }
    }

    /** {@link #command} for tests that cannot throw checked exceptions. */
    public String call(String... words) {
        try {
            return command(words);
        } catch (IOException e) {
            throw new IllegalStateException("redis command failed: " + String.join(" ", words), e);
        }
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
    public void close() {
        stop();
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp dir; nothing to do
            }
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Whether nothing listens on {@code port} of the loopback interface now. */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below the OS's ephemeral range (32768 and up on Linux): a port the OS hands out itself could be
     * given to some outgoing connection while a test has its Redis stopped, and the restart on it would then fail.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(10_000, 20_000);
            if (portFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in 10000-19999 after 1000 tries");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
