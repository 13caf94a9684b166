package io.slotgate.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach the shared tier, read from one URL (the {@code --redis-url} option):
 * <ul>
 *   <li>{@code redis://[:password@]host:6379[/db]} (or {@code rediss://} for TLS): one standalone Redis;</li>
 *   <li>{@code redis-sentinel://[:password@]h1:26379,h2:26379[/db]?sentinelMasterId=mymaster}: Sentinel;</li>
 *   <li>{@code redis-cluster://[:password@]h1:7000,h2:7001} (or {@code rediss-cluster://}): a Redis Cluster, given
 *       by some of its nodes.</li>
 * </ul>
 * Lettuce's own query parameters ({@code timeout}, {@code clientName}, {@code database}, ...) pass through. slotgate
 * adds its own, removed before the URL reaches Lettuce: {@code retention} (how long Redis keeps a bucket; only memory
 * reclamation, default 6h), {@code channel} (the invalidation channel of this deployment, default
 * {@code sg:invalidations}), {@code lease} (how long a fill holds a day against other instances, default 3s) and
 * {@code health} (how often the connection is checked, default 1s). Durations take a unit: {@code 500ms}, {@code 3s},
 * {@code 10m}, {@code 6h}; a bare number is seconds. Commands time out after {@code timeout} (default 500 ms, not
 * Lettuce's 60 s), so a sick Redis slows a miss by at most that before slotgate stops asking it.
 */
public record RedisSettings(Mode mode, String lettuceUrl, Duration retention, String channel, Duration lease,
                            Duration healthEvery, Duration commandTimeout) {

    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(6);
    public static final String DEFAULT_CHANNEL = "sg:invalidations";
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_HEALTH = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    private static final List<String> OURS = List.of("retention", "channel", "lease", "health");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    public RedisSettings {
        if (retention.isNegative() || retention.isZero() || lease.isZero() || lease.isNegative()
                || healthEvery.isZero() || healthEvery.isNegative()) {
            throw new IllegalArgumentException("redis retention, lease and health interval must be positive");
        }
        if (channel.isBlank()) {
            throw new IllegalArgumentException("redis channel must not be blank");
        }
    }

    public static RedisSettings parse(String url) {
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        Mode mode = switch (scheme) {
            case "redis", "rediss", "redis-socket" -> Mode.STANDALONE;
            case "redis-sentinel", "rediss-sentinel" -> Mode.SENTINEL;
            case "redis-cluster", "rediss-cluster" -> Mode.CLUSTER;
            default -> throw new IllegalArgumentException("redis-url must start with redis://, rediss://, "
                    + "redis-sentinel:// or redis-cluster://, got " + redact(url));
        };
        Duration retention = DEFAULT_RETENTION;
        String channel = DEFAULT_CHANNEL;
        Duration lease = DEFAULT_LEASE;
        Duration health = DEFAULT_HEALTH;
        Duration timeout = DEFAULT_TIMEOUT;
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        List<String> kept = new ArrayList<>();
        if (q >= 0) {
            for (String param : url.substring(q + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                String value = param.contains("=") ? param.substring(param.indexOf('=') + 1) : "";
                switch (name) {
                    case "retention" -> retention = duration(name, value);
                    case "channel" -> channel = value;
                    case "lease" -> lease = duration(name, value);
                    case "health" -> health = duration(name, value);
                    default -> {
                        if (name.equals("timeout")) {
                            timeout = duration(name, value);
                        }
                        kept.add(param);
                    }
                }
            }
        }
        String lettuce = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return new RedisSettings(mode, lettuce, retention, channel, lease, health, timeout);
    }

    /** The node URLs Lettuce connects to: the URL itself, or one {@code redis://} URL per cluster seed node. */
    List<String> lettuceUrls() {
        if (mode != Mode.CLUSTER) {
            return List.of(lettuceUrl);
        }
        String tls = lettuceUrl.startsWith("rediss-") ? "rediss" : "redis";
        String rest = lettuceUrl.substring(lettuceUrl.indexOf("://") + 3);
        String userInfo = "";
        int at = rest.indexOf('@');
        if (at >= 0 && rest.substring(0, at).indexOf('/') < 0 && rest.substring(0, at).indexOf('?') < 0) {
            userInfo = rest.substring(0, at + 1);
            rest = rest.substring(at + 1);
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int found = rest.indexOf(c);
            if (found >= 0 && found < end) {
                end = found;
            }
        }
        String suffix = rest.substring(end);
        List<String> urls = new ArrayList<>();
        for (String node : rest.substring(0, end).split(",")) {
            urls.add(tls + "://" + userInfo + node + suffix);
        }
        return urls;
    }

    /** The URL with any password replaced, fit for logs. */
    public String redacted() {
        return redact(lettuceUrl);
    }

    static String redact(String url) {
        return url.replaceAll("://([^@/?]*:)?[^@/?]+@", "://****@");
    }

    private static Duration duration(String name, String raw) {
        Matcher m = DURATION.matcher(raw.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("redis-url parameter " + name + " must be a duration like 500ms, 3s, "
                    + "10m or 6h, got '" + raw + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    @Override
    public String toString() {
        return "RedisSettings[" + mode + " " + redacted() + ", retention=" + retention + ", channel=" + channel
                + ", lease=" + lease + "]";
    }
}
