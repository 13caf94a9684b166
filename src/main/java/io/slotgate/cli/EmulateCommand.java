package io.slotgate.cli;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorServer;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = "Run the built-in Cal.com API v2 emulator with demo data.")
final class EmulateCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulateCommand.class);

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--latency-min-ms", defaultValue = "300", description = "Least added latency (default ${DEFAULT-VALUE})")
    int latencyMinMs;

    @Option(names = "--latency-max-ms", defaultValue = "800", description = "Most added latency (default ${DEFAULT-VALUE})")
    int latencyMaxMs;

    @Option(names = "--rate-limit", defaultValue = "120", description = "Requests per minute per key or IP (default ${DEFAULT-VALUE})")
    int rateLimit;

    @Override
    public void run() {
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw new IllegalArgumentException("latency must satisfy 0 <= --latency-min-ms <= --latency-max-ms");
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException("--rate-limit must be at least 1");
        }
        LatencyModel latency = latencyMaxMs == 0 ? LatencyModel.zero()
                : LatencyModel.uniform(Duration.ofMillis(latencyMinMs), Duration.ofMillis(latencyMaxMs));
        EmulatorSettings settings = EmulatorSettings.defaults().withLatency(latency).withRateLimit(rateLimit);
        CalcomEmulator emulator = new CalcomEmulator(Clock.systemUTC(), settings);
        DemoData.install(emulator);
        try (EmulatorServer server = EmulatorServer.start(emulator, port)) {
            LOG.info("Cal.com emulator on {} (API key {}…, event types 1001-1010)", server.baseUrl(),
                    settings.apiKeys().iterator().next().substring(0, 8));
            ServeCommand.awaitShutdown();
        }
    }
}
