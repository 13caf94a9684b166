package io.slotgate.cli;

import io.slotgate.app.Slotgate;
import io.slotgate.config.ConfigLoader;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorServer;
import io.slotgate.emulator.EmulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Cal.com-compatible availability from the cache.")
final class ServeCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", description = "HTTP port (SLOTGATE_PORT, default 8080)")
    Integer port;

    @Option(names = "--calcom-url", description = "Cal.com API base URL (SLOTGATE_CALCOM_URL, default https://api.cal.com)")
    String calcomUrl;

    @Option(names = "--calcom-api-key", description = "Cal.com API key (SLOTGATE_CALCOM_API_KEY)")
    String calcomApiKey;

    @Option(names = "--redis-url", description = "Redis URL for the shared tier (SLOTGATE_REDIS_URL; none = in-process only)")
    String redisUrl;

    @Option(names = "--webhook-secret", description = "Cal.com webhook secret (SLOTGATE_WEBHOOK_SECRET)")
    String webhookSecret;

    @Option(names = "--policy", description = "Freshness policy: slotgate, seed-before, seed-phase1, seed-hybrid, "
            + "or a JSON policy file, watched for changes (SLOTGATE_POLICY, default slotgate)")
    String policy;

    @Option(names = "--admin-token", description = "Bearer token of the admin endpoints (SLOTGATE_ADMIN_TOKEN; none = admin off)")
    String adminToken;

    @Option(names = "--agent-token", description = "Bearer token agents present to /mcp and /v1/finder/book "
            + "(SLOTGATE_AGENT_TOKEN; none = those endpoints refuse every call)")
    String agentToken;

    @Option(names = "--config", description = "JSON configuration file")
    Path config;

    @Option(names = "--demo", description = "Run in front of the built-in Cal.com emulator with demo data: "
            + "no Cal.com account needed")
    boolean demo;

    @Override
    public void run() {
        Map<String, String> cli = new HashMap<>();
        cli.put("port", port == null ? null : port.toString());
        cli.put("calcom-url", calcomUrl);
        cli.put("calcom-api-key", calcomApiKey);
        cli.put("redis-url", redisUrl);
        cli.put("webhook-secret", webhookSecret);
        cli.put("policy", policy);
        cli.put("admin-token", adminToken);
        cli.put("agent-token", agentToken);
        SlotgateConfig cfg;
        try {
            cfg = ConfigLoader.load(Optional.ofNullable(config), System.getenv(), cli);
        } catch (ConfigLoader.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        EmulatorServer emulator = null;
        if (demo) {
            emulator = startDemoEmulator(clock);
            cfg = cfg.withCalcom(URI.create(emulator.baseUrl()),
                    Optional.of(new Secret(EmulatorSettings.defaults().apiKeys().iterator().next())));
        }
        try (Slotgate slotgate = Slotgate.start(cfg)) {
            slotgate.loadCatalogs();
            slotgate.redis().ifPresentOrElse(
                    redis -> LOG.info("shared tier: {} ({})", redis.settings().redacted(),
                            redis.available() ? "connected" : "not reachable yet; serving from L1 and Cal.com meanwhile"),
                    () -> LOG.info("no redis-url: in-process cache only"));
            LOG.info("slotgate listening on http://localhost:{} in front of {}", slotgate.port(), cfg.calcomUrl());
            if (demo) {
                LOG.info("try: curl -i -H 'cal-api-version: 2024-09-04' "
                        + "'http://localhost:{}/v2/slots?eventTypeId=1001&start={}&end={}&timeZone=Europe/Berlin'",
                        slotgate.port(), java.time.LocalDate.now(clock).plusDays(1),
                        java.time.LocalDate.now(clock).plusDays(7));
            }
            awaitShutdown();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static EmulatorServer startDemoEmulator(Clock clock) {
        CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults());
        DemoData.install(emulator);
        EmulatorServer server = EmulatorServer.start(emulator, 0);
        LOG.info("built-in Cal.com emulator with demo data on {}", server.baseUrl());
        return server;
    }

    static void awaitShutdown() {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
