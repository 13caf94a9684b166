package io.slotgate.config;

import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.tenant.TenantSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code slotgate serve} runs on. Built by {@link ConfigLoader} from, in rising precedence: defaults, the
 * config file, {@code SLOTGATE_*} environment variables, command-line options.
 */
public record SlotgateConfig(
        String host,
        int port,
        URI calcomUrl,
        Optional<Secret> calcomApiKey,
        Optional<String> redisUrl,
        Optional<Secret> webhookSecret,
        String policy,
        Duration freshWithSlots,
        Duration freshWhenEmpty,
        Duration upstreamConnectTimeout,
        Duration upstreamRequestTimeout,
        long l1MaxBuckets,
        Duration l1RetainFor,
        List<TenantSettings> extraTenants,
        RateBudget.Settings rateBudget,
        RetryInterceptor.Settings retry,
        CircuitBreakerInterceptor.Settings circuitBreaker) {

    public static final URI HOSTED_CALCOM = URI.create("https://api.cal.com");

    public SlotgateConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (!"http".equals(calcomUrl.getScheme()) && !"https".equals(calcomUrl.getScheme())) {
            throw new IllegalArgumentException("calcom-url must be an http(s) URL, got " + calcomUrl);
        }
        if (freshWithSlots.isNegative() || freshWhenEmpty.isNegative()) {
            throw new IllegalArgumentException("freshness TTLs must not be negative");
        }
        if (l1MaxBuckets < 1) {
            throw new IllegalArgumentException("l1 max buckets must be at least 1");
        }
        extraTenants = List.copyOf(extraTenants);
        java.util.Objects.requireNonNull(rateBudget, "rateBudget");
        java.util.Objects.requireNonNull(retry, "retry");
        java.util.Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }

    /** The tenant of the command-line and environment settings, served at the root paths. */
    public TenantSettings defaultTenant() {
        return new TenantSettings(TenantId.DEFAULT, calcomUrl, calcomApiKey, webhookSecret);
    }

    /** The default tenant first, then those of the config file. */
    public List<TenantSettings> tenants() {
        List<TenantSettings> all = new ArrayList<>();
        all.add(defaultTenant());
        all.addAll(extraTenants);
        return all;
    }

    public static SlotgateConfig defaults() {
        return new SlotgateConfig("0.0.0.0", 8080, HOSTED_CALCOM, Optional.empty(), Optional.empty(), Optional.empty(),
                "seed-phase1", Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 200_000, Duration.ofHours(1), List.of(),
                RateBudget.Settings.defaults(), RetryInterceptor.Settings.defaults(),
                CircuitBreakerInterceptor.Settings.defaults());
    }

    public SlotgateConfig withPort(int newPort) {
        return new SlotgateConfig(host, newPort, calcomUrl, calcomApiKey, redisUrl, webhookSecret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                extraTenants, rateBudget, retry, circuitBreaker);
    }

    public SlotgateConfig withWebhookSecret(Optional<Secret> secret) {
        return new SlotgateConfig(host, port, calcomUrl, calcomApiKey, redisUrl, secret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                extraTenants, rateBudget, retry, circuitBreaker);
    }

    public SlotgateConfig withRedisUrl(Optional<String> url) {
        return new SlotgateConfig(host, port, calcomUrl, calcomApiKey, url, webhookSecret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                extraTenants, rateBudget, retry, circuitBreaker);
    }

    public SlotgateConfig withExtraTenants(List<TenantSettings> tenants) {
        return new SlotgateConfig(host, port, calcomUrl, calcomApiKey, redisUrl, webhookSecret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                tenants, rateBudget, retry, circuitBreaker);
    }

    public SlotgateConfig withCalcom(URI url, Optional<Secret> apiKey) {
        return new SlotgateConfig(host, port, url, apiKey, redisUrl, webhookSecret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                extraTenants, rateBudget, retry, circuitBreaker);
    }

    public SlotgateConfig withRateBudget(RateBudget.Settings settings) {
        return new SlotgateConfig(host, port, calcomUrl, calcomApiKey, redisUrl, webhookSecret, policy,
                freshWithSlots, freshWhenEmpty, upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor,
                extraTenants, settings, retry, circuitBreaker);
    }
}
