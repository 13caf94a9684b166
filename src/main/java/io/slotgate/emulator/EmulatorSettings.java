package io.slotgate.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Knobs of the emulator. Rate-limit defaults are Cal.com's (NOTES §6): 120 requests per 60 s window, then blocked for
 * 60 s.
 *
 * @param randomSeed seeds latency sampling and generated uids, so runs are reproducible
 */
public record EmulatorSettings(int rateLimitPerWindow, Duration rateWindow, Duration blockDuration,
                               LatencyModel latency, Set<String> apiKeys, long randomSeed) {
    public static final String DEMO_API_KEY = "cal_live_slotgate_demo";

    public EmulatorSettings {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(blockDuration, "blockDuration");
        Objects.requireNonNull(latency, "latency");
        apiKeys = Set.copyOf(apiKeys);
        if (rateLimitPerWindow <= 0 || rateWindow.isZero() || rateWindow.isNegative() || blockDuration.isNegative()) {
            throw new IllegalArgumentException("rate limit, window and block duration must be positive");
        }
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(120, Duration.ofSeconds(60), Duration.ofSeconds(60),
                LatencyModel.uniform(Duration.ofMillis(300), Duration.ofMillis(800)), Set.of(DEMO_API_KEY), 42L);
    }

    public EmulatorSettings withLatency(LatencyModel l) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, l, apiKeys, randomSeed);
    }

    public EmulatorSettings withRateLimit(int perWindow) {
        return new EmulatorSettings(perWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed);
    }

    public EmulatorSettings withApiKeys(Set<String> keys) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, keys, randomSeed);
    }

    public EmulatorSettings withRateWindow(Duration window, Duration block) {
        return new EmulatorSettings(rateLimitPerWindow, window, block, latency, apiKeys, randomSeed);
    }

    public EmulatorSettings withRandomSeed(long seed) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, seed);
    }
}
