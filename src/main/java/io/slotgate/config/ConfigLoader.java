package io.slotgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.json.Jackson;
import io.slotgate.ops.StalenessVerifier;
import io.slotgate.tenant.TenantSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration: defaults, then a JSON file, then {@code SLOTGATE_*} environment variables, then the
 * command line (passed in as the same flat names). One flat name space for all three keeps the precedence obvious:
 * {@code port}, {@code calcom-url}, {@code calcom-api-key}, {@code redis-url}, {@code webhook-secret}, {@code policy},
 * {@code fresh-with-slots-seconds}, {@code fresh-when-empty-seconds}, {@code upstream-timeout-seconds},
 * {@code l1-max-buckets}, and the upstream discipline: {@code rate-limit-per-minute}, {@code rate-limit-margin},
 * {@code rate-limit-user-wait-ms}, {@code rate-limit-refresh-reserve-percent},
 * {@code rate-limit-background-reserve-percent}, {@code upstream-retries}, {@code upstream-retry-base-delay-ms},
 * {@code upstream-retry-max-delay-ms}, {@code circuit-failures}, {@code circuit-window},
 * {@code circuit-failure-rate-percent}, {@code circuit-cool-down-seconds}, and the staleness verifier:
 * {@code verifier-every-seconds} (0: off), {@code verifier-per-round}, {@code verifier-sample-size}, and {@code agent-token} (the default tenant's bearer token for {@code /mcp} and
 * {@code /v1/finder/book}). Environment names are the same upper-cased with '_' ({@code SLOTGATE_CALCOM_API_KEY}).
 */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private ConfigLoader() {
    }

    public static SlotgateConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> cli) {
        Map<String, String> values = new HashMap<>();
        Optional<JsonNode> root = file.map(ConfigLoader::readJson);
        root.ifPresent(json -> json.fields().forEachRemaining(e -> {
            if (!e.getValue().isContainerNode()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        }));
        env.forEach((name, value) -> {
            if (name.startsWith("SLOTGATE_") && !value.isEmpty()) {
                values.put(name.substring("SLOTGATE_".length()).toLowerCase().replace('_', '-'), value);
            }
        });
        cli.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        SlotgateConfig config = build(values);
        return root.map(json -> config.withExtraTenants(tenants(json.path("tenants"), config))).orElse(config);
    }

    private static JsonNode readJson(Path path) {
        try {
            JsonNode root = MAPPER.readTree(Files.readString(path));
            if (root == null || !root.isObject()) {
                throw new ConfigException("config file " + path + " must hold a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
    }

    /**
     * Tenants beyond the default one: {@code "tenants": [{"id": "acme", "calcom-api-key": "...", "webhook-secret":
     * "...", "agent-token": "...", "calcom-url": "..."}]}; the URL defaults to the default tenant's. A tenant's agent
     * token is its own: it does not fall back to the default tenant's, so one tenant's agents cannot reach another's.
     */
    private static List<TenantSettings> tenants(JsonNode array, SlotgateConfig config) {
        if (array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ConfigException("tenants must be a JSON array of objects");
        }
        List<TenantSettings> tenants = new ArrayList<>();
        for (JsonNode node : array) {
            Map<String, String> v = new HashMap<>();
            node.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asText()));
            try {
                tenants.add(new TenantSettings(new TenantId(v.getOrDefault("id", "")),
                        v.containsKey("calcom-url") ? URI.create(v.get("calcom-url")) : config.calcomUrl(),
                        secret(v, "calcom-api-key"), secret(v, "webhook-secret"), secret(v, "agent-token")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("tenants[" + tenants.size() + "]: " + e.getMessage());
            }
        }
        return tenants;
    }

    private static SlotgateConfig build(Map<String, String> v) {
        SlotgateConfig d = SlotgateConfig.defaults();
        try {
            Optional.ofNullable(v.get("redis-url")).filter(s -> !s.isBlank())
                    .ifPresent(io.slotgate.cache.redis.RedisSettings::parse); // a malformed URL fails at start-up
            return new SlotgateConfig(
                    v.getOrDefault("host", d.host()),
                    integer(v, "port", d.port()),
                    v.containsKey("calcom-url") ? URI.create(v.get("calcom-url")) : d.calcomUrl(),
                    secret(v, "calcom-api-key"),
                    Optional.ofNullable(v.get("redis-url")).filter(s -> !s.isBlank()),
                    secret(v, "webhook-secret"),
                    secret(v, "admin-token"),
                    v.getOrDefault("policy", d.policy()),
                    d.upstreamConnectTimeout(),
                    seconds(v, "upstream-timeout-seconds", d.upstreamRequestTimeout()),
                    integer(v, "l1-max-buckets", (int) d.l1MaxBuckets()),
                    d.l1RetainFor(),
                    List.of(),
                    rateBudget(v, d.rateBudget()),
                    new RetryInterceptor.Settings(
                            integer(v, "upstream-retries", d.retry().maxRetries()),
                            millis(v, "upstream-retry-base-delay-ms", d.retry().baseDelay()),
                            millis(v, "upstream-retry-max-delay-ms", d.retry().maxDelay())),
                    new CircuitBreakerInterceptor.Settings(
                            integer(v, "circuit-failures", d.circuitBreaker().consecutiveFailures()),
                            integer(v, "circuit-window", d.circuitBreaker().window()),
                            integer(v, "circuit-failure-rate-percent", d.circuitBreaker().failureRatePercent()),
                            seconds(v, "circuit-cool-down-seconds", d.circuitBreaker().coolDown())),
                    new StalenessVerifier.Settings(
                            seconds(v, "verifier-every-seconds", d.verifier().every()),
                            integer(v, "verifier-per-round", d.verifier().perRound()),
                            integer(v, "verifier-sample-size", d.verifier().sampleCapacity())),
                    millis(v, "calcom-result-cache-ms", d.calcomResultCache()),
                    secret(v, "agent-token"),
                    catalog(v, d.catalog()),
                    bool(v, "fast-hits", d.fastHits()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The budget is Cal.com's own limit for the key less a margin, over a sliding window (see {@link RateBudget}); the
     * burst of earlier versions is gone, and naming it is an error rather than a silent no-op.
     */
    private static RateBudget.Settings rateBudget(Map<String, String> v, RateBudget.Settings d) {
        if (v.containsKey("rate-limit-burst")) {
            throw new ConfigException("rate-limit-burst is no longer a setting: the rate budget spends Cal.com's limit "
                    + "(rate-limit-per-minute) less rate-limit-margin in any 62 s; remove it");
        }
        return new RateBudget.Settings(integer(v, "rate-limit-per-minute", d.limit()),
                integer(v, "rate-limit-margin", d.margin()),
                millis(v, "rate-limit-user-wait-ms", d.maxUserWait()),
                integer(v, "rate-limit-refresh-reserve-percent", d.refreshReservePercent()),
                integer(v, "rate-limit-background-reserve-percent", d.backgroundReservePercent()),
                integer(v, "rate-limit-client-share-percent", d.clientSharePercent()),
                integer(v, "rate-limit-over-share-reserve-percent", d.overShareReservePercent()));
    }

    private static boolean bool(Map<String, String> v, String key, boolean d) {
        String value = v.getOrDefault(key, Boolean.toString(d)).strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(key + " must be true or false, got '" + v.get(key) + "'");
        }
        return value.equals("true");
    }

    private static io.slotgate.availability.EventTypeCatalog.Settings catalog(
            Map<String, String> v, io.slotgate.availability.EventTypeCatalog.Settings d) {
        return new io.slotgate.availability.EventTypeCatalog.Settings(bool(v, "catalog", d.enabled()),
                seconds(v, "catalog-refresh-seconds", d.refreshEvery()),
                integer(v, "catalog-discoveries-per-minute", d.discoveriesPerWindow()),
                seconds(v, "catalog-unknown-seconds", d.unknownFor()),
                integer(v, "catalog-member-lists", d.memberLists()));
    }

    private static Duration millis(Map<String, String> v, String name, Duration fallback) {
        return v.containsKey(name) ? Duration.ofMillis(integer(v, name, 0)) : fallback;
    }

    private static Optional<Secret> secret(Map<String, String> v, String name) {
        return Optional.ofNullable(v.get(name)).filter(s -> !s.isBlank()).map(Secret::new);
    }

    private static int integer(Map<String, String> v, String name, int fallback) {
        String raw = v.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer, got '" + raw + "'");
        }
    }

    private static Duration seconds(Map<String, String> v, String name, Duration fallback) {
        return v.containsKey(name) ? Duration.ofSeconds(integer(v, name, 0)) : fallback;
    }

    /** A configuration mistake, told to the operator in one line. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
