package io.slotgate.ops;

import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheCounters;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.cache.redis.TieredBucketStore;
import io.slotgate.invalidation.Cause;
import io.slotgate.invalidation.InvalidationCounters;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What an operator may ask of the cache (DESIGN.md §4, §7), behind the admin API and {@code slotgate cache}: its
 * figures ({@link #stats()}), its keys by glob ({@link #keys}), and clearing all of it, one tenant's or one event
 * type's ({@link #clear}). Figures are plain records so that a metrics exporter can read them too.
 */
public final class CacheAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(CacheAdmin.class);
    /** A glob on rendered keys: the characters keys are made of, plus {@code *} and {@code ?}. */
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_:.*?-]{1,256}");
    public static final int MAX_KEYS = 10_000;
    /** The age bands of L1 buckets, upper bounds exclusive; the last band is open. */
    static final List<Band> BANDS = List.of(
            new Band("0-30s", Duration.ofSeconds(30)),
            new Band("30-60s", Duration.ofSeconds(60)),
            new Band("1-5min", Duration.ofMinutes(5)),
            new Band("5-15min", Duration.ofMinutes(15)),
            new Band(">15min", null));

    record Band(String label, Duration below) {
    }

    private final Tenants tenants;
    private final Optional<RedisTier> redis;
    private final Clock clock;
    private final Supplier<PolicyProfile> policy;

    public CacheAdmin(Tenants tenants, Optional<RedisTier> redis, Clock clock, Supplier<PolicyProfile> policy) {
        this.tenants = tenants;
        this.redis = redis;
        this.clock = clock;
        this.policy = policy;
    }

    // ------------------------------------------------------------------------------------------------ stats

    /**
     * One tenant's cache figures. Days are counted per query: fresh and stale days came from the cache, fetched ones
     * from Cal.com; {@code hitRate} is (fresh + stale) / all, {@code freshHitRate} fresh / all. {@code l2Buckets} is
     * null without Redis (or while Redis is unavailable). {@code upstreamCallsPerDay}: UTC day, then event type
     * ("none" for calls naming none), then calls that reached Cal.com.
     */
    public record TenantStats(String tenant, long freshDays, long staleDays, long fetchedDays, double hitRate,
                              double freshHitRate, long invalidations, long l1Buckets, Long l2Buckets,
                              Map<String, Long> l1AgeBands, Map<String, Map<String, Long>> upstreamCallsPerDay,
                              StalenessVerifier.Snapshot verifier) {
    }

    public record Stats(String policy, boolean redis, Boolean redisAvailable, List<TenantStats> tenants) {
    }

    public Stats stats() {
        List<TenantStats> all = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            all.add(stats(tenant));
        }
        return new Stats(policy.get().name(), redis.isPresent(), redis.map(RedisTier::available).orElse(null), all);
    }

    public TenantStats stats(Tenant tenant) {
        DayBucketCache cache = tenant.cache();
        CacheCounters c = cache.counters();
        long fresh = c.freshDays();
        long stale = c.staleDays();
        long fetched = c.fetchedDays();
        long total = fresh + stale + fetched;
        List<DayBucket> l1 = l1Buckets(tenant);
        Long l2 = null;
        if (redis.isPresent() && redis.get().available() && tenant.store() instanceof TieredBucketStore tiered) {
            l2 = tiered.l2Size();
        }
        return new TenantStats(tenant.id().value(), fresh, stale, fetched, ratio(fresh + stale, total),
                ratio(fresh, total), c.invalidations(), l1.size(), l2, ageBands(l1, clock.instant()),
                callsPerDay(tenant), tenant.verifier().snapshot());
    }

    static Map<String, Long> ageBands(List<DayBucket> buckets, Instant now) {
        Map<String, Long> bands = new LinkedHashMap<>();
        BANDS.forEach(b -> bands.put(b.label(), 0L));
        for (DayBucket bucket : buckets) {
            Duration age = bucket.age(now);
            for (Band band : BANDS) {
                if (band.below() == null || age.compareTo(band.below()) < 0) {
                    bands.merge(band.label(), 1L, Long::sum);
                    break;
                }
            }
        }
        return bands;
    }

    private static Map<String, Map<String, Long>> callsPerDay(Tenant tenant) {
        Map<String, Map<String, Long>> days = new LinkedHashMap<>();
        for (UpstreamLedger.Entry e : tenant.ledger().snapshot()) {
            days.computeIfAbsent(e.day().toString(), d -> new TreeMap<>())
                    .put(e.eventTypeId() == 0 ? "none" : Long.toString(e.eventTypeId()), e.calls());
        }
        return days;
    }

    // ------------------------------------------------------------------------------------------------ keys

    /** One key: where it is (L1, L2 or both) and, for an L1 bucket, its age and slot count. */
    public record KeyEntry(String key, String tier, Long ageSeconds, Integer slots) {
    }

    public record KeyListing(String pattern, List<KeyEntry> keys, boolean truncated) {
    }

    /**
     * The keys matching {@code glob} ({@code *} any run of characters, {@code ?} one), from every tenant's L1 and
     * from Redis, sorted, at most {@code limit} of them; {@code truncated} when there were more.
     *
     * @throws IllegalArgumentException when the glob is malformed or the limit out of range
     */
    public KeyListing keys(String glob, int limit) {
        Pattern matches = compileGlob(glob);
        if (limit < 1 || limit > MAX_KEYS) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_KEYS + ", got " + limit);
        }
        Instant now = clock.instant();
        TreeMap<String, KeyEntry> found = new TreeMap<>();
        for (Tenant tenant : tenants.all()) {
            for (DayBucket bucket : l1Buckets(tenant)) {
                String rendered = bucket.key().render();
                if (matches.matcher(rendered).matches()) {
                    found.put(rendered, new KeyEntry(rendered, "L1", bucket.age(now).toSeconds(), bucket.slots().size()));
                }
            }
        }
        redis.ifPresent(tier -> {
            for (String rendered : tier.scanKeys(glob, matches, limit + 1)) {
                found.merge(rendered, new KeyEntry(rendered, "L2", null, null),
                        (l1, l2) -> new KeyEntry(l1.key(), "L1+L2", l1.ageSeconds(), l1.slots()));
            }
        });
        List<KeyEntry> keys = new ArrayList<>(found.values());
        boolean truncated = keys.size() > limit;
        return new KeyListing(glob, truncated ? List.copyOf(keys.subList(0, limit)) : keys, truncated);
    }

    /** @throws IllegalArgumentException naming what is wrong with the glob */
    public static Pattern compileGlob(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("pattern is required, e.g. sg:default:slots:1001:*");
        }
        if (!GLOB.matcher(glob).matches()) {
            throw new IllegalArgumentException("pattern must be 1-256 characters of letters, digits, ':', '_', '-', "
                    + "'.', '*' (any run) and '?' (one character)");
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    // ------------------------------------------------------------------------------------------------ clear

    /** What a clear did: generations moved on, buckets removed from L1 and from Redis. */
    public record ClearResult(List<String> tenants, Long eventTypeId, long generationsBumped, long l1Removed,
                              long l2Removed) {
    }

    /**
     * Clears the cache of every tenant, or of one ({@code tenant} present), of every event type or of one
     * ({@code eventTypeId} positive). First the generations of every day found (in L1, in Redis, or being fetched
     * now) move on, so a fill in flight cannot write its answer back and every other instance stops serving its copy;
     * then the buckets are removed from L1 and Redis. Counted as invalidations of cause {@code admin}.
     */
    public ClearResult clear(Optional<Tenant> tenant, long eventTypeId) {
        List<Tenant> targets = tenant.map(List::of).orElseGet(() -> List.copyOf(tenants.all()));
        long bumped = 0;
        long l1Removed = 0;
        long l2Removed = 0;
        for (Tenant t : targets) {
            DayBucketCache cache = t.cache();
            Set<CacheKey.Bucket> l1 = new LinkedHashSet<>();
            for (DayBucket bucket : l1Buckets(t)) {
                if (eventTypeId <= 0 || bucket.key().eventTypeId() == eventTypeId) {
                    l1.add(bucket.key());
                }
            }
            List<CacheKey.Bucket> l2 = redis.map(r -> r.bucketKeys(t.id(), eventTypeId)).orElse(List.of());
            Set<CacheKey.Bucket> all = new LinkedHashSet<>(l1);
            all.addAll(l2);
            Set<CacheKey.Generation> days = new LinkedHashSet<>();
            all.forEach(k -> days.add(k.generation()));
            cache.fillsInFlight().stream()
                    .filter(k -> eventTypeId <= 0 || k.eventTypeId() == eventTypeId)
                    .forEach(k -> days.add(k.generation()));
            int moved = cache.evict(days, all);
            t.availability().clearExactQueries(Math.max(0, eventTypeId));
            InvalidationCounters counters = t.invalidation().counters();
            counters.invalidation(Cause.ADMIN);
            counters.add(InvalidationCounters.GENERATIONS_BUMPED, moved);
            bumped += moved;
            l1Removed += l1.size();
            l2Removed += l2.size();
            LOG.info("invalidation tenant={} eventType={} days={} outcome=cleared l1Removed={} l2Removed={} cause={}",
                    t.id(), eventTypeId > 0 ? eventTypeId : "all", moved, l1.size(), l2.size(), Cause.ADMIN);
        }
        return new ClearResult(targets.stream().map(t -> t.id().value()).toList(), eventTypeId > 0 ? eventTypeId : null,
                bumped, l1Removed, l2Removed);
    }

    // ------------------------------------------------------------------------------------------------ internals

    private static List<DayBucket> l1Buckets(Tenant tenant) {
        BucketStore store = tenant.store();
        BucketStore l1 = store instanceof TieredBucketStore tiered ? tiered.l1() : store;
        return l1 instanceof CaffeineBucketStore caffeine ? caffeine.buckets() : List.of();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
