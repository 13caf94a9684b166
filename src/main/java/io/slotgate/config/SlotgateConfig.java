package io.slotgate.config;

import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.ops.StalenessVerifier;
import io.slotgate.tenant.TenantSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything {@code slotgate serve} runs on. Built by {@link ConfigLoader} from, in rising precedence: defaults, the
 * config file, {@code SLOTGATE_*} environment variables, command-line options. Changed copies come from
 * {@link #with(Consumer)}, so adding a setting touches one place.
 */
public record SlotgateConfig(
        String host,
        int port,
        URI calcomUrl,
        Optional<Secret> calcomApiKey,
        Optional<String> redisUrl,
        Optional<Secret> webhookSecret,
        Optional<Secret> adminToken,
        String policy,
        Duration upstreamConnectTimeout,
        Duration upstreamRequestTimeout,
        long l1MaxBuckets,
        Duration l1RetainFor,
        List<TenantSettings> extraTenants,
        RateBudget.Settings rateBudget,
        RetryInterceptor.Settings retry,
        CircuitBreakerInterceptor.Settings circuitBreaker,
        StalenessVerifier.Settings verifier,
        Duration calcomResultCache,
        Optional<Secret> agentToken,
        io.slotgate.availability.EventTypeCatalog.Settings catalog,
        boolean fastHits) {

    public static final URI HOSTED_CALCOM = URI.create("https://api.cal.com");

    public SlotgateConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (!"http".equals(calcomUrl.getScheme()) && !"https".equals(calcomUrl.getScheme())) {
            throw new IllegalArgumentException("calcom-url must be an http(s) URL, got " + calcomUrl);
        }
        if (l1MaxBuckets < 1) {
            throw new IllegalArgumentException("l1 max buckets must be at least 1");
        }
        extraTenants = List.copyOf(extraTenants);
        Objects.requireNonNull(rateBudget, "rateBudget");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(agentToken, "agentToken");
        Objects.requireNonNull(catalog, "catalog");
        if (calcomResultCache == null || calcomResultCache.isNegative()) {
            throw new IllegalArgumentException("calcom-result-cache-ms must not be negative");
        }
    }

    public static SlotgateConfig defaults() {
        return new SlotgateConfig("0.0.0.0", 8080, HOSTED_CALCOM, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "slotgate", Duration.ofSeconds(5), Duration.ofSeconds(10), 200_000,
                Duration.ofHours(1), List.of(), RateBudget.Settings.defaults(), RetryInterceptor.Settings.defaults(),
                CircuitBreakerInterceptor.Settings.defaults(), StalenessVerifier.Settings.defaults(),
                io.slotgate.cache.DayBucketCache.DEFAULT_CALCOM_RESULT_CACHE, Optional.empty(),
                io.slotgate.availability.EventTypeCatalog.Settings.defaults(), true);
    }

    /** The tenant of the command-line and environment settings, served at the root paths. */
    public TenantSettings defaultTenant() {
        return new TenantSettings(TenantId.DEFAULT, calcomUrl, calcomApiKey, webhookSecret, agentToken);
    }

    /** The default tenant first, then those of the config file. */
    public List<TenantSettings> tenants() {
        List<TenantSettings> all = new ArrayList<>();
        all.add(defaultTenant());
        all.addAll(extraTenants);
        return all;
    }

    /** A copy with some settings changed: {@code config.with(b -> b.port = 0)}. */
    public SlotgateConfig with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    public SlotgateConfig withPort(int newPort) {
        return with(b -> b.port = newPort);
    }

    public SlotgateConfig withCalcom(URI url, Optional<Secret> apiKey) {
        return with(b -> {
            b.calcomUrl = url;
            b.calcomApiKey = apiKey;
        });
    }

    public SlotgateConfig withWebhookSecret(Optional<Secret> secret) {
        return with(b -> b.webhookSecret = secret);
    }

    public SlotgateConfig withRedisUrl(Optional<String> url) {
        return with(b -> b.redisUrl = url);
    }

    public SlotgateConfig withExtraTenants(List<TenantSettings> tenants) {
        return with(b -> b.extraTenants = tenants);
    }

    public SlotgateConfig withAdminToken(Optional<Secret> token) {
        return with(b -> b.adminToken = token);
    }

    public SlotgateConfig withPolicy(String nameOrFile) {
        return with(b -> b.policy = nameOrFile);
    }

    public SlotgateConfig withRateBudget(RateBudget.Settings settings) {
        return with(b -> b.rateBudget = settings);
    }

    public SlotgateConfig withAgentToken(Optional<Secret> token) {
        return with(b -> b.agentToken = token);
    }

    public SlotgateConfig withCatalog(io.slotgate.availability.EventTypeCatalog.Settings settings) {
        return with(b -> b.catalog = settings);
    }

    public SlotgateConfig withVerifier(StalenessVerifier.Settings settings) {
        return with(b -> b.verifier = settings);
    }

    /** As the record would print, with the Redis URL's password masked (secrets print as asterisks already). */
    @Override
    public String toString() {
        return "SlotgateConfig[host=" + host + ", port=" + port + ", calcomUrl=" + calcomUrl + ", calcomApiKey="
                + calcomApiKey + ", redisUrl=" + redisUrl.map(SlotgateConfig::redactUrl) + ", webhookSecret="
                + webhookSecret + ", adminToken=" + adminToken + ", policy=" + policy + ", upstreamConnectTimeout="
                + upstreamConnectTimeout + ", upstreamRequestTimeout=" + upstreamRequestTimeout + ", l1MaxBuckets="
                + l1MaxBuckets + ", l1RetainFor=" + l1RetainFor + ", extraTenants=" + extraTenants + ", rateBudget="
                + rateBudget + ", retry=" + retry + ", circuitBreaker=" + circuitBreaker + ", verifier=" + verifier
                + ", agentToken=" + agentToken + "]";
    }

    /** {@code redis://user:password@host} prints as {@code redis://****@host}. */
    static String redactUrl(String url) {
        return url.replaceAll("://([^@/?]*:)?[^@/?]+@", "://****@");
    }

    /** The mutable form of a configuration, for {@link #with(Consumer)} and the loader. */
    public static final class Builder {
        public String host;
        public int port;
        public URI calcomUrl;
        public Optional<Secret> calcomApiKey;
        public Optional<String> redisUrl;
        public Optional<Secret> webhookSecret;
        public Optional<Secret> adminToken;
        public String policy;
        public Duration upstreamConnectTimeout;
        public Duration upstreamRequestTimeout;
        public long l1MaxBuckets;
        public Duration l1RetainFor;
        public List<TenantSettings> extraTenants;
        public RateBudget.Settings rateBudget;
        public RetryInterceptor.Settings retry;
        public CircuitBreakerInterceptor.Settings circuitBreaker;
        public StalenessVerifier.Settings verifier;
        public Duration calcomResultCache;
        public Optional<Secret> agentToken;
        public io.slotgate.availability.EventTypeCatalog.Settings catalog;
        /** Whether ready hits of the slots route are answered in front of Javalin ({@code http.ReadyHits}). */
        public boolean fastHits;

        public Builder(SlotgateConfig c) {
            host = c.host;
            port = c.port;
            calcomUrl = c.calcomUrl;
            calcomApiKey = c.calcomApiKey;
            redisUrl = c.redisUrl;
            webhookSecret = c.webhookSecret;
            adminToken = c.adminToken;
            policy = c.policy;
            upstreamConnectTimeout = c.upstreamConnectTimeout;
            upstreamRequestTimeout = c.upstreamRequestTimeout;
            l1MaxBuckets = c.l1MaxBuckets;
            l1RetainFor = c.l1RetainFor;
            extraTenants = c.extraTenants;
            rateBudget = c.rateBudget;
            retry = c.retry;
            circuitBreaker = c.circuitBreaker;
            verifier = c.verifier;
            calcomResultCache = c.calcomResultCache;
            agentToken = c.agentToken;
            catalog = c.catalog;
            fastHits = c.fastHits;
        }

        public SlotgateConfig build() {
            return new SlotgateConfig(host, port, calcomUrl, calcomApiKey, redisUrl, webhookSecret, adminToken, policy,
                    upstreamConnectTimeout, upstreamRequestTimeout, l1MaxBuckets, l1RetainFor, extraTenants, rateBudget,
                    retry, circuitBreaker, verifier, calcomResultCache, agentToken, catalog, fastHits);
        }
    }
}
