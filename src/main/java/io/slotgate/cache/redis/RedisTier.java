package io.slotgate.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.HeldCopies;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;
import io.slotgate.cache.FillLeases;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.UpToDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The shared tier of one slotgate process: one Redis connection for commands, one subscribed to the invalidation
 * channel, the local view of the generation counters, and the failure handling around them. Tenants get their
 * {@link BucketStore}, {@link GenerationStore} and {@link FillLeases} from {@link #tenant}.
 *
 * <p>Trust rule: while the tier is {@linkplain #available() available} this process has seen every invalidation (the
 * subscription is up) and may serve its L1 against its local generation view. Whenever that may no longer hold (a
 * connection dropped, a command failed, a health check failed) it drops the view, moves every tenant's L1 to its
 * {@link HeldCopies} (served only where nothing trusted answers: stale, refetched first), serves from L1 and Cal.com
 * alone with local generations, and queues invalidations. When Redis answers again it first applies the queued
 * invalidations, then moves L1 to the held copies once more (what was filled meanwhile is not comparable with the
 * shared counters), brings the held copies up to date with the shared change log, then trusts the shared tier
 * again. Every change heard meanwhile, here, from a peer or on the channel, is patched into the held copies too.
 */
public final class RedisTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
    /** What {@link GenerationStore#current} answers for a counter this process has not looked at: matches no bucket. */
    static final long UNKNOWN = -1;

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final Duration generationRetention;
    private final String instanceId = UUID.randomUUID().toString();
    private final ClientResources resources;
    private final AbstractRedisClient client;
    /** What this process knows of every day's counter and last changes; see {@link #currentGeneration}. */
    private final Cache<CacheKey.Generation, DayLog> view;
    /** Each tenant's L1 and the copies it held when trust was lost or regained. */
    private final List<Local> locals = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Set<TenantId> tenantsWithPending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService health;
    private final Object stateLock = new Object();
    private final Object healthLock = new Object();
    private final AtomicLong downs = new AtomicLong();
    private final AtomicLong leaseTokens = new AtomicLong();
    private final ConcurrentHashMap<String, String> digests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RedisRateLedger> ledgers = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterCommands<String, String> sync;
    private volatile RedisClusterAsyncCommands<String, String> async;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean available;
    private volatile boolean closing;
    /** Where this instance is reached over HTTP, once its server listens; announced to the others at each check. */
    private volatile java.net.URI advertised;
    /** The other instances heard of lately, as last read: who a webhook is relayed to while Redis is away. */
    private volatile List<java.net.URI> peers = List.of();

    final LongAdder redisErrors = new LongAdder();
    /** Timeouts of commands whose failure an instance absorbs alone (see {@link #absorbed}). */
    final LongAdder absorbedTimeouts = new LongAdder();
    final LongAdder l1Drops = new LongAdder();
    final LongAdder l2Hits = new LongAdder();
    final LongAdder l2Misses = new LongAdder();
    final LongAdder l2Writes = new LongAdder();
    final LongAdder l2WritesRefused = new LongAdder();
    final LongAdder invalidationsReceived = new LongAdder();
    final LongAdder leaseWaits = new LongAdder();
    final LongAdder fillsReceived = new LongAdder();
    private final List<Runnable> lossListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<CacheKey.Bucket, java.time.Instant>> fillListeners =
            new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<CacheKey.Generation, Optional<DayChange>>> changeListeners =
            new CopyOnWriteArrayList<>();

    private RedisTier(RedisSettings settings, Duration l1Retention, java.time.Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.keys = new RedisKeys(settings.mode() == RedisSettings.Mode.CLUSTER);
        // a counter outlives every bucket it could outdate, in L2 (retention) and in any L1 (l1Retention)
        this.generationRetention = settings.retention().multipliedBy(2).plus(l1Retention);
        this.view = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterAccess(settings.retention()).build();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotgate-redis-health");
            t.setDaemon(true);
            return t;
        });
        this.client = createClient();
        this.client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                lost("connection to Redis lost");
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (!closing && !available) {
                    health.execute(RedisTier.this::checkHealth);
                }
            }
        });
    }

    /**
     * Connects to Redis and starts watching the connection. Never fails because Redis is down: slotgate then serves
     * from L1 and Cal.com and keeps trying.
     */
    public static RedisTier start(RedisSettings settings, Duration l1Retention) {
        return start(settings, l1Retention, java.time.Clock.systemUTC());
    }

    /** With the clock the shared rate budgets count by (the same as the instances' own). */
    public static RedisTier start(RedisSettings settings, Duration l1Retention, java.time.Clock clock) {
        RedisTier tier = new RedisTier(settings, l1Retention, clock);
        tier.checkHealth();
        long every = settings.healthEvery().toMillis();
        tier.health.scheduleWithFixedDelay(tier::checkHealth, every, every, TimeUnit.MILLISECONDS);
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
    public TenantTier tenant(TenantId tenant, CaffeineBucketStore l1, Predicate<io.slotgate.cache.DayBucket> servable) {
        HeldCopies held = new HeldCopies(settings.retention());
        RedisGenerationStore generations = new RedisGenerationStore(this, tenant);
        locals.add(new Local(tenant, l1, held, generations));
        RedisBucketStore l2 = new RedisBucketStore(this, tenant);
        return new TenantTier(new TieredBucketStore(l1, l2, generations, this, servable, held), generations,
                new RedisFillLeases(this));
    }

    /** One tenant's in-process copies: the trusted ones (L1) and the ones held since trust was lost. */
    private record Local(TenantId tenant, CaffeineBucketStore l1, HeldCopies held, RedisGenerationStore generations) {
    }

    /**
     * The rate ledger of one Cal.com key shared with every instance on this Redis ({@code apiKey} empty: slotgate
     * calls without a key, which Cal.com counts per IP; those share one ledger too). One per key per process.
     */
    public RedisRateLedger rateLedger(java.util.Optional<String> apiKey) {
        String name = apiKey.map(k -> "key:" + k).orElse("no-key");
        return ledgers.computeIfAbsent(name, n -> new RedisRateLedger(this, n, instanceId));
    }

    /** Where this instance's HTTP server is reached, for the other instances (see {@link #peers}). */
    public void advertise(java.net.URI url) {
        this.advertised = url;
        health.execute(this::checkHealth);
    }

    /**
     * The other instances of this deployment (the same channel) that announced themselves within the last ten
     * health checks, as last read from Redis: kept while Redis is away, which is when they are needed.
     */
    public List<java.net.URI> peers() {
        return peers;
    }

    /** Announces this instance and reads who else is there; a failure keeps the list as it was. */
    private void announce() {
        String key = keys.peers(settings.channel());
        long now = clock.millis();
        try {
            if (advertised != null) {
                sync.zadd(key, now, advertised.toString());
                sync.pexpire(key, settings.healthEvery().multipliedBy(100).toMillis());
            }
            sync.zremrangebyscore(key, io.lettuce.core.Range.create(0, now - settings.healthEvery().multipliedBy(10).toMillis()));
            peers = sync.zrange(key, 0, -1).stream().filter(url -> advertised == null || !url.equals(advertised.toString()))
                    .map(java.net.URI::create).toList();
        } catch (RuntimeException e) {
            absorbed("announcing this instance", e);
        }
    }

    /** Where the instances spending one Cal.com key share its list answers ({@code apiKey} as for the rate ledger). */
    public io.slotgate.calcom.SharedListsInterceptor.Store sharedLists(java.util.Optional<String> apiKey) {
        return new RedisSharedLists(this, RedisRateLedger.fingerprint(apiKey.map(k -> "key:" + k).orElse("no-key")));
    }

    /** Whether this process trusts the shared tier now: connected, subscribed, nothing to catch up on. */
    public boolean available() {
        return available;
    }

    public RedisSettings settings() {
        return settings;
    }

    public RedisStats stats() {
        long l2Keys = -1;
        if (available) {
            try {
                l2Keys = countKeys(keys.allBucketsPattern());
            } catch (RuntimeException e) {
                absorbed("counting keys", e);
            }
        }
        return new RedisStats(available, redisErrors.sum(), l1Drops.sum(), pending.size(), l2Hits.sum(),
                l2Misses.sum(), l2Writes.sum(), l2WritesRefused.sum(), invalidationsReceived.sum(), leaseWaits.sum(),
                l2Keys);
    }

    // ---- for the admin API: listing and clearing keys ----

    /** Keys in Redis matching a glob on their rendered form, at most {@code limit}, as rendered (no hash tag). */
    public List<String> scanKeys(String glob, java.util.regex.Pattern matches, int limit) {
        if (!available) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            // in a cluster each key carries a hash tag after its rendered form: match it too, then filter
            String match = settings.mode() == RedisSettings.Mode.CLUSTER ? glob + "*" : glob;
            ScanIterator<String> it = ScanIterator.scan(sync, KeyScanArgs.Builder.matches(match).limit(1000));
            while (it.hasNext() && found.size() < limit) {
                String key = it.next();
                int brace = key.indexOf('{');
                String rendered = brace < 0 ? key : key.substring(0, brace);
                if (matches.matcher(rendered).matches()) {
                    found.add(rendered);
                }
            }
        } catch (RuntimeException e) {
            failed("listing keys", e);
        }
        return found;
    }

    /** The bucket keys in Redis of one tenant, of one event type when it is positive, found by SCAN. */
    public List<CacheKey.Bucket> bucketKeys(TenantId tenant, long eventTypeId) {
        String glob = eventTypeId > 0 ? keys.bucketPattern(tenant).replace(":slots:*", ":slots:" + eventTypeId + ":*")
                : keys.bucketPattern(tenant);
        java.util.regex.Pattern any = java.util.regex.Pattern.compile(".*");
        List<CacheKey.Bucket> buckets = new ArrayList<>();
        for (String rendered : scanKeys(glob, any, Integer.MAX_VALUE)) {
            try {
                if (CacheKey.parse(rendered) instanceof CacheKey.Bucket bucket) {
                    buckets.add(bucket);
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("ignoring a key that is not slotgate's: {}", rendered);
            }
        }
        return buckets;
    }

    // ---- the local generation view ----

    /** A change made while Redis was unavailable, to apply when it is back. */
    private record Pending(CacheKey.Generation key, DayChange change) {
    }

    long currentGeneration(CacheKey.Generation key) {
        DayLog log = view.getIfPresent(key);
        return log == null ? UNKNOWN : log.current();
    }

    private DayLog log(CacheKey.Generation key) {
        return view.get(key, k -> new DayLog());
    }

    /** Takes a counter read from Redis into the view. Counters only grow, so the larger of the two is the newer. */
    void observe(CacheKey.Generation key, long value) {
        log(key).learnCurrent(value);
    }

    /** Takes changes read from Redis (or broadcast) into the view. */
    void observe(CacheKey.Generation key, List<String> encoded) {
        DayLog log = log(key);
        for (String e : encoded) {
            ChangeCodec.decode(e).ifPresent(log::learn);
        }
    }

    Optional<List<DayChange>> changesSince(CacheKey.Generation key, long generation) {
        DayLog log = view.getIfPresent(key);
        if (log == null) {
            return Optional.empty();
        }
        Optional<List<DayChange>> known = log.since(generation);
        if (known.isPresent() || !available) {
            return known;
        }
        readChanges(List.of(key));
        return log(key).since(generation);
    }

    long generationAsOf(CacheKey.Generation key, java.time.Instant instant) {
        DayLog log = view.getIfPresent(key);
        return log == null ? currentGeneration(key) : log.asOf(instant);
    }

    /** Reads the change logs of these days from Redis into the view. */
    private void readChanges(List<CacheKey.Generation> gens) {
        try {
            List<RedisFuture<List<String>>> reads = new ArrayList<>();
            for (CacheKey.Generation g : gens) {
                reads.add(async.lrange(keys.changes(g), 0, -1));
            }
            for (int i = 0; i < gens.size(); i++) {
                observe(gens.get(i), reads.get(i).get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failed("reading change logs", e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }

    List<Long> refreshGenerations(List<CacheKey.Generation> gens) {
        if (available && !gens.isEmpty()) {
            try {
                List<String> redisKeys = gens.stream().map(keys::generation).toList();
                var read = sync.mget(redisKeys.toArray(String[]::new));
                List<CacheKey.Generation> behind = new ArrayList<>();
                for (int i = 0; i < gens.size(); i++) {
                    long value = read.get(i).hasValue() ? Long.parseLong(read.get(i).getValue()) : 0;
                    DayLog log = log(gens.get(i));
                    log.learnCurrent(value);
                    if (log.newestKept() < value) {
                        behind.add(gens.get(i)); // changes made elsewhere we have not heard of: read them
                    }
                }
                if (!behind.isEmpty()) {
                    readChanges(behind);
                }
                return gens.stream().map(this::currentGeneration).toList();
            } catch (RuntimeException e) {
                failed("reading generations", e);
            }
        }
        // on our own: the view is this process's truth until Redis is back (and the view dropped again)
        return gens.stream().map(g -> log(g).current()).toList();
    }

    /** One change of a day, for every instance: counter, log and broadcast in one script. */
    long record(CacheKey.Generation key, DayChange change) {
        if (available) {
            try {
                long g = (Long) eval(Scripts.CHANGE, ScriptOutputType.INTEGER,
                        new String[] {keys.generation(key), keys.changes(key)}, settings.channel(),
                        Long.toString(generationRetention.toMillis()), key.render(), ChangeCodec.encodeBody(change),
                        Integer.toString(DayLog.KEPT));
                log(key).learn(new DayLog.Entry(g, change));
                toHeld(key, change);
                return g;
            } catch (RuntimeException e) {
                failed("recording a change of " + key.render(), e);
            }
        }
        toHeld(key, change);
        tenantsWithPending.add(key.tenant());
        pending.add(new Pending(key, change));
        LOG.warn("Redis unavailable: change of {} queued ({} pending)", key.render(), pending.size());
        return log(key).append(change);
    }

    /** Whether a tenant's L2 may be read: not while invalidations of that tenant wait to reach Redis. */
    boolean l2Readable(TenantId tenant) {
        return available && !tenantsWithPending.contains(tenant);
    }

    // ---- commands, for the stores of this package ----

    RedisKeys keys() {
        return keys;
    }

    RedisClusterCommands<String, String> sync() {
        return sync;
    }

    RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    Duration generationRetention() {
        return generationRetention;
    }

    String newLeaseToken() {
        return instanceId + ':' + leaseTokens.incrementAndGet();
    }

    Object eval(String script, ScriptOutputType type, String[] scriptKeys, String... args) {
        RedisClusterCommands<String, String> commands = sync;
        String sha = digests.computeIfAbsent(script, commands::digest);
        try {
            return commands.evalsha(sha, type, scriptKeys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(script, type, scriptKeys, args);
        }
    }

    long countKeys(String pattern) {
        long count = 0;
        ScanIterator<String> it = ScanIterator.scan(sync, KeyScanArgs.Builder.matches(pattern).limit(1000));
        while (it.hasNext()) {
            it.next();
            count++;
        }
        return count;
    }

    /**
     * A command whose failure this instance can absorb alone failed: a bucket read (a miss), a bucket write (not
     * shared this time), a lease, the rate budget (the fair share for this call). A timeout there, with the
     * connections up, says Redis or this process was slow, not that an invalidation was missed (those come on the
     * subscription, and a lost one drops the tier), so the tier stays trusted: under a CPU spike one slow command
     * used to drop every L1 copy and turn readers away. Any other failure is {@link #failed}. A Redis that hangs is
     * still found by the health check, whose timeout drops the tier.
     */
    void absorbed(String what, RuntimeException e) {
        if (e instanceof io.lettuce.core.RedisCommandTimeoutException
                || e.getCause() instanceof java.util.concurrent.TimeoutException) {
            redisErrors.increment();
            absorbedTimeouts.increment();
            LOG.warn("Redis slow while {} ({}); this call goes without it, the tier stays trusted", what, e.toString());
            return;
        }
        failed(what, e);
    }

    /** A command failed: count it, and stop trusting the tier until a health check says Redis is back. */
    void failed(String what, RuntimeException e) {
        redisErrors.increment();
        LOG.warn("Redis error while {}: {}", what, e.toString());
        lost("Redis error while " + what);
    }

    // ---- state ----

    private void lost(String why) {
        if (closing) {
            return;
        }
        boolean wasAvailable;
        synchronized (stateLock) {
            downs.incrementAndGet();
            wasAvailable = available;
            available = false;
        }
        if (wasAvailable) {
            LOG.warn("{}: holding L1's copies and dropping the generation view; serving from L1 and Cal.com until Redis"
                    + " is back", why);
            drop();
            lossListeners.forEach(Runnable::run);
        }
    }

    /**
     * L1 and the view can no longer be trusted: the view is forgotten, and every L1 copy moves to the tenant's held
     * copies, to be served as a last resort (stale, refetched first) instead of turning readers away.
     */
    private void drop() {
        java.time.Instant now = clock.instant();
        for (Local local : locals) {
            // brought up to date with the view before it goes: a change heard but not yet patched into a copy (that
            // happens when the copy is next read) must not be lost with the view
            local.held().hold(local.l1().buckets().stream()
                    .map(copy -> UpToDate.of(copy, local.generations())).flatMap(Optional::stream).toList(), now);
            local.l1().clear();
        }
        view.invalidateAll();
        l1Drops.increment();
    }

    /** A change of a day reaches the copies held of it too: patched in, or the day's copies removed. */
    private void toHeld(CacheKey.Generation key, DayChange change) {
        for (Local local : locals) {
            if (local.tenant().equals(key.tenant())) {
                local.held().apply(key, change);
            }
        }
    }

    /**
     * Back from an outage: every held day learns what the shared change log holds of it (what other instances
     * changed while this one could not hear them). A day whose log cannot be read loses its held copies.
     */
    private void reconcileHeld() {
        Duration margin = Duration.ofSeconds(3); // Cal.com's result cache and a second, as for fills
        for (Local local : locals) {
            List<CacheKey.Generation> days = List.copyOf(local.held().days());
            List<RedisFuture<List<String>>> logs = new ArrayList<>();
            List<RedisFuture<String>> counters = new ArrayList<>();
            for (CacheKey.Generation day : days) {
                logs.add(async.lrange(keys.changes(day), 0, -1));
                counters.add(async.get(keys.generation(day)));
            }
            for (int i = 0; i < days.size(); i++) {
                CacheKey.Generation day = days.get(i);
                try {
                    List<DayLog.Entry> entries = logs.get(i).get(settings.commandTimeout().toMillis(),
                            TimeUnit.MILLISECONDS).stream().map(ChangeCodec::decode).flatMap(Optional::stream).toList();
                    String counter = counters.get(i).get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    long current = counter == null ? 0 : Long.parseLong(counter);
                    boolean complete = entries.isEmpty() ? current == 0 : entries.get(0).generation() <= 1;
                    local.held().reconcile(day, entries.stream().map(DayLog.Entry::change).toList(), complete, margin);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    LOG.debug("the change log of {} could not be read; its held copies are dropped", day.render(), e);
                    local.held().apply(day, new DayChange.Dropped(clock.instant(), "change log unread"));
                }
            }
        }
    }

    /**
     * One health check: connect if needed, PING both connections, recover if we were not available. One at a time:
     * the first connect fires {@code onRedisConnected}, which schedules another check while the first is still
     * connecting; unserialized, both would connect and subscribe, and every invalidation would arrive twice over a
     * second subscription that is never closed.
     */
    public void checkHealth() {
        synchronized (healthLock) {
            checkHealthAlone();
        }
    }

    private void checkHealthAlone() {
        if (closing) {
            return;
        }
        try {
            if (connection == null) {
                connect();
            }
            if (!pubsub.isOpen() || !connection.isOpen()) {
                throw new IllegalStateException("connection not open");
            }
            sync.ping();
            pubsub.sync().ping();
            ledgers.values().forEach(ledger -> ledger.heartbeat(clock.instant()));
            announce();
            if (!available) {
                recover();
            } else if (!pending.isEmpty()) {
                flushPending();
                synchronized (stateLock) {
                    tenantsWithPending.removeIf(t -> pending.stream().noneMatch(g -> g.key().tenant().equals(t)));
                }
            }
        } catch (RuntimeException e) {
            if (available) {
                failed("health check", e);
            } else {
                redisErrors.increment();
                LOG.debug("Redis still unavailable: {}", e.toString());
            }
        }
    }

    private void recover() {
        long before = downs.get();
        int flushed = flushPending();
        drop();
        reconcileHeld();
        synchronized (stateLock) {
            if (downs.get() != before) {
                return; // lost again while recovering: the next health check starts over
            }
            tenantsWithPending.removeIf(t -> pending.stream().noneMatch(g -> g.key().tenant().equals(t)));
            available = true;
        }
        LOG.info("Redis available ({}): {} queued invalidations applied, L1 dropped", settings.redacted(), flushed);
    }

    /** Applies the changes queued while Redis was unavailable, oldest first; stops at the first failure. */
    private int flushPending() {
        int flushed = 0;
        Pending next;
        while ((next = pending.peek()) != null) {
            eval(Scripts.CHANGE, ScriptOutputType.INTEGER,
                    new String[] {keys.generation(next.key()), keys.changes(next.key())}, settings.channel(),
                    Long.toString(generationRetention.toMillis()), next.key().render(),
                    ChangeCodec.encodeBody(next.change()), Integer.toString(DayLog.KEPT));
            pending.poll();
            flushed++;
        }
        return flushed;
    }

    private void connect() {
        StatefulConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> subscriber = null;
        try {
            if (client instanceof RedisClusterClient cluster) {
                var c = cluster.connect();
                commands = c;
                sync = c.sync();
                async = c.async();
                subscriber = cluster.connectPubSub();
            } else {
                var c = ((RedisClient) client).connect();
                commands = c;
                sync = c.sync();
                async = c.async();
                subscriber = ((RedisClient) client).connectPubSub();
            }
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onInvalidation(message);
                }
            });
            subscriber.sync().subscribe(settings.channel());
            connection = commands;
            pubsub = subscriber;
        } catch (RuntimeException e) {
            if (subscriber != null) {
                subscriber.closeAsync();
            }
            if (commands != null) {
                commands.closeAsync();
            }
            throw e;
        }
    }

    /**
     * A message on the channel: {@code sg:{tenant}:gen:{eventTypeId}:{day} {generation}|{change}} when a day changed
     * (an older instance sends the generation alone), {@code F sg:{tenant}:slots:... {fetchedAtMillis}} when a fill was
     * written: a copy in L1 older than it is dropped, so the next read takes the newer one from L2.
     */
    private void onInvalidation(String message) {
        if (message.startsWith("F ")) {
            onFilled(message.substring(2));
            return;
        }
        int space = message.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        keys.generationOf(message.substring(0, space)).ifPresent(key -> {
            String tail = message.substring(space + 1);
            Optional<DayLog.Entry> entry = ChangeCodec.decode(tail);
            try {
                if (entry.isPresent()) {
                    log(key).learn(entry.get());
                } else {
                    observe(key, Long.parseLong(tail));
                }
                invalidationsReceived.increment();
                toHeld(key, entry.<DayChange>map(DayLog.Entry::change)
                        .orElseGet(() -> new DayChange.Dropped(clock.instant(), "changed elsewhere")));
                changeListeners.forEach(listener -> listener.accept(key, entry.map(DayLog.Entry::change)));
            } catch (RuntimeException e) {
                LOG.debug("ignoring malformed invalidation message {}: {}", message, e.toString());
            }
        });
    }

    private void onFilled(String body) {
        int space = body.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            if (!(CacheKey.parse(body.substring(0, space)) instanceof CacheKey.Bucket key)) {
                return;
            }
            java.time.Instant fetchedAt = java.time.Instant.ofEpochMilli(Long.parseLong(body.substring(space + 1)));
            for (Local local : locals) {
                BucketStore l1 = local.l1();
                l1.get(key).filter(b -> b.fetchedAt().isBefore(fetchedAt)).ifPresent(b -> l1.remove(key));
            }
            fillsReceived.increment();
            fillListeners.forEach(listener -> listener.accept(key, fetchedAt));
        } catch (RuntimeException e) {
            LOG.debug("ignoring malformed fill message {}: {}", body, e.toString());
        }
    }

    /** Told of every fill written to the shared tier, by any instance: its bucket and when it was fetched. */
    void addFillListener(java.util.function.BiConsumer<CacheKey.Bucket, java.time.Instant> listener) {
        fillListeners.add(listener);
    }

    /** Told when the tier stops being trusted (not again until it was trusted in between). */
    public void onLost(Runnable listener) {
        lossListeners.add(listener);
    }

    /** Told of every change another instance broadcast (with the change, when its message carried one). */
    void addChangeListener(java.util.function.BiConsumer<CacheKey.Generation, Optional<DayChange>> listener) {
        changeListeners.add(listener);
    }

    private AbstractRedisClient createClient() {
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.commandTimeout().multipliedBy(2)).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        List<RedisURI> uris = settings.lettuceUrls().stream().map(RedisURI::create).toList();
        uris.forEach(u -> u.setTimeout(settings.commandTimeout()));
        if (settings.mode() == RedisSettings.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
            cluster.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .timeoutOptions(timeouts)
                    .build());
            return cluster;
        }
        RedisClient single = RedisClient.create(resources, uris.get(0));
        single.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket)
                .timeoutOptions(timeouts)
                .build());
        return single;
    }

    @Override
    public void close() {
        ledgers.values().forEach(RedisRateLedger::leave);
        closing = true;
        available = false;
        health.shutdownNow();
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing Redis connections: {}", e.toString());
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
