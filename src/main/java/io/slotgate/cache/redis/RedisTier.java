package io.slotgate.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.FillLeases;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.HeldCopies;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.RateLedger;
import io.slotgate.calcom.SharedListsInterceptor;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shared tier of one slotgate process, as the rest of slotgate sees it: one per process, wiring the package's
 * parts together. Tenants get their {@link BucketStore}, {@link GenerationStore} and {@link FillLeases} from
 * {@link #tenant}. When the tier may be trusted, and what happens when it may not, is {@link TrustState}'s rule: while
 * it is not, L1 copies are {@link HeldCopies held} and served only where nothing trusted answers, and every change
 * heard meanwhile, here, from a peer or on the channel, is patched into them.
 */
public final class RedisTier implements AutoCloseable {
    private final RedisSettings settings;
    private final RedisKeys keys;
    private final Duration generationRetention;
    private final String instanceId = UUID.randomUUID().toString();
    private final Clock clock;
    private final RedisCounters counters = new RedisCounters();
    private final RedisConnections connections;
    private final ScriptRunner scripts;
    private final PendingChanges pending;
    private final LocalCopies copies;
    private final TrustState trust;
    private final GenerationView view;
    private final ChannelListener channel;
    private final PeerDirectory peers;
    private final KeyScanner scanner;
    private final AtomicLong leaseTokens = new AtomicLong();
    private final ConcurrentHashMap<String, RedisRateLedger> ledgers = new ConcurrentHashMap<>();

    private RedisTier(RedisSettings settings, Duration l1Retention, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.keys = new RedisKeys(settings.mode() == RedisSettings.Mode.CLUSTER);
        // a counter outlives every bucket it could outdate, in L2 (retention) and in any L1 (l1Retention)
        this.generationRetention = settings.retention().multipliedBy(2).plus(l1Retention);
        this.connections = new RedisConnections(settings);
        this.scripts = new ScriptRunner(connections);
        this.pending = new PendingChanges(settings, keys, scripts, generationRetention);
        this.copies = new LocalCopies(settings, keys, connections, clock);
        this.trust = new TrustState(settings, connections, counters, pending, copies, this::drop, this::beat,
                this::connect);
        this.view = new GenerationView(settings, keys, connections, trust, pending, copies);
        this.channel = new ChannelListener(keys, view, copies, counters, clock);
        this.peers = new PeerDirectory(settings, keys, connections, trust, clock);
        this.scanner = new KeyScanner(keys, connections, trust);
    }

    /**
     * Connects to Redis and starts watching the connection. Never fails because Redis is down: slotgate then serves
     * from L1 and Cal.com and keeps trying.
     */
    public static RedisTier start(RedisSettings settings, Duration l1Retention) {
        return start(settings, l1Retention, Clock.systemUTC());
    }

    /** With the clock the shared rate budgets count by (the same as the instances' own). */
    public static RedisTier start(RedisSettings settings, Duration l1Retention, Clock clock) {
        RedisTier tier = new RedisTier(settings, l1Retention, clock);
        tier.trust.start();
        return tier;
    }

    /** The stores one tenant's cache runs on: L1 in front of Redis, shared generations, fill leases. */
    public record TenantTier(TieredBucketStore store, RedisGenerationStore generations, FillLeases leases) {
    }

    /**
     * Wires a tenant's L1 in front of the shared tier. {@code servable} says whether a bucket may be served now
     * (fresh, by the tenant's policy): an L1 bucket that may not is looked up in L2, where another instance may have
     * put a newer one.
     */
    public TenantTier tenant(TenantId tenant, CaffeineBucketStore l1, Predicate<DayBucket> servable) {
        HeldCopies held = new HeldCopies(settings.retention());
        RedisGenerationStore generations = new RedisGenerationStore(view, channel, tenant);
        copies.add(tenant, l1, held, generations);
        RedisBucketStore l2 = new RedisBucketStore(this, tenant);
        return new TenantTier(new TieredBucketStore(l1, l2, generations, view, servable, held), generations,
                new RedisFillLeases(this));
    }

    /**
     * The rate ledger of one Cal.com key shared with every instance on this Redis ({@code apiKey} empty: slotgate
     * calls without a key, which Cal.com counts per IP; those share one ledger too). One per key per process.
     */
    public RateLedger rateLedger(Optional<String> apiKey) {
        return ledgers.computeIfAbsent(ledgerName(apiKey), n -> new RedisRateLedger(this, n, instanceId));
    }

    /** Where the instances spending one Cal.com key share its list answers ({@code apiKey} as for the rate ledger). */
    public SharedListsInterceptor.Store sharedLists(Optional<String> apiKey) {
        return new RedisSharedLists(this, RedisRateLedger.fingerprint(ledgerName(apiKey)));
    }

    private static String ledgerName(Optional<String> apiKey) {
        return apiKey.map(k -> "key:" + k).orElse("no-key");
    }

    /** Where this instance's HTTP server is reached, for the other instances (see {@link #peers}). */
    public void advertise(URI url) {
        peers.advertise(url);
        trust.checkSoon();
    }

    /**
     * The other instances of this deployment (the same channel) that announced themselves within the last ten
     * health checks, as last read from Redis: kept while Redis is away, which is when they are needed.
     */
    public List<URI> peers() {
        return peers.peers();
    }

    /** Whether this process trusts the shared tier now: connected, subscribed, nothing to catch up on. */
    public boolean available() {
        return trust.available();
    }

    public RedisSettings settings() {
        return settings;
    }

    public RedisStats stats() {
        long l2Keys = -1;
        if (trust.available()) {
            try {
                l2Keys = scanner.countKeys(keys.allBucketsPattern());
            } catch (RuntimeException e) {
                trust.absorbed("counting keys", e);
            }
        }
        return new RedisStats(trust.available(), counters.redisErrors.sum(), counters.l1Drops.sum(), pending.size(),
                counters.l2Hits.sum(), counters.l2Misses.sum(), counters.l2Writes.sum(), counters.l2WritesRefused.sum(),
                counters.invalidationsReceived.sum(), counters.leaseWaits.sum(), l2Keys);
    }

    /** Keys in Redis matching a glob on their rendered form, at most {@code limit}, as rendered (no hash tag). */
    public List<String> scanKeys(String glob, Pattern matches, int limit) {
        return scanner.scanKeys(glob, matches, limit);
    }

    /** The bucket keys in Redis of one tenant, of one event type when it is positive, found by SCAN. */
    public List<CacheKey.Bucket> bucketKeys(TenantId tenant, long eventTypeId) {
        return scanner.bucketKeys(tenant, eventTypeId);
    }

    /** One health check now, on the caller's thread; see {@link TrustState#checkHealth}. */
    public void checkHealth() {
        trust.checkHealth();
    }

    /** Told when the tier stops being trusted (not again until it was trusted in between). */
    public void onLost(Runnable listener) {
        trust.onLost(listener);
    }

    /** Holds L1's copies brought up to date with the view, and only then forgets the view. */
    private void drop() {
        copies.holdAll();
        view.forget();
        counters.l1Drops.increment();
    }

    private void beat() {
        ledgers.values().forEach(ledger -> ledger.heartbeat(clock.instant()));
        peers.announce();
    }

    private void connect() {
        connections.connect(channel::onMessage);
    }

    // ---- for the stores of this package ----

    RedisKeys keys() {
        return keys;
    }

    RedisCounters counters() {
        return counters;
    }

    RedisClusterCommands<String, String> sync() {
        return connections.sync();
    }

    RedisClusterAsyncCommands<String, String> async() {
        return connections.async();
    }

    Duration generationRetention() {
        return generationRetention;
    }

    String newLeaseToken() {
        return instanceId + ':' + leaseTokens.incrementAndGet();
    }

    Object eval(String script, ScriptOutputType type, String[] scriptKeys, String... args) {
        return scripts.eval(script, type, scriptKeys, args);
    }

    long countKeys(String pattern) {
        return scanner.countKeys(pattern);
    }

    /** Takes a counter read from Redis into the view. */
    void observe(CacheKey.Generation key, long value) {
        view.observe(key, value);
    }

    /** See {@link TrustState#absorbed}: a slow command this instance can do without leaves the tier trusted. */
    void absorbed(String what, RuntimeException e) {
        trust.absorbed(what, e);
    }

    /** A command failed: the tier is not trusted until a health check says Redis is back. */
    void failed(String what, RuntimeException e) {
        trust.failed(what, e);
    }

    @Override
    public void close() {
        ledgers.values().forEach(RedisRateLedger::leave);
        trust.close();
        connections.close();
    }
}
