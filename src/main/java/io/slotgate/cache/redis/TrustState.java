package io.slotgate.cache.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this process trusts the shared tier, and the health checks that decide it. Trusted means it has seen
 * every invalidation (the subscription is up) and may serve its L1 against its local generation view. Whenever that
 * may no longer hold (a connection dropped, a command failed, a health check failed) the tier is lost: L1 is held
 * and the view dropped. Recovery applies the queued changes, drops again (what was filled meanwhile is not
 * comparable with the shared counters), reconciles the held copies with the shared change log, then trusts.
 */
final class TrustState {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

    private final RedisSettings settings;
    private final RedisConnections connections;
    private final RedisCounters counters;
    private final PendingChanges pending;
    private final LocalCopies copies;
    /** Holds L1 and forgets the view, in that order (see {@link LocalCopies#holdAll}). */
    private final Runnable drop;
    /** What each passing check also does while Redis answers: heartbeats and announcing this instance. */
    private final Runnable beat;
    /** Opens the connections and subscribes. */
    private final Runnable connect;
    private final ScheduledExecutorService health;
    private final Object stateLock = new Object();
    private final Object healthLock = new Object();
    private final AtomicLong downs = new AtomicLong();
    private final List<Runnable> lossListeners = new CopyOnWriteArrayList<>();
    private volatile boolean available;
    private volatile boolean closing;

    TrustState(RedisSettings settings, RedisConnections connections, RedisCounters counters, PendingChanges pending,
               LocalCopies copies, Runnable drop, Runnable beat, Runnable connect) {
        this.settings = settings;
        this.connections = connections;
        this.counters = counters;
        this.pending = pending;
        this.copies = copies;
        this.drop = drop;
        this.beat = beat;
        this.connect = connect;
        this.health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotgate-redis-health");
            t.setDaemon(true);
            return t;
        });
        connections.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                lost("connection to Redis lost");
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (!closing && !available) {
                    checkSoon();
                }
            }
        });
    }

    /** Checks now, then every {@code healthEvery}. */
    void start() {
        checkHealth();
        long every = settings.healthEvery().toMillis();
        health.scheduleWithFixedDelay(this::checkHealth, every, every, TimeUnit.MILLISECONDS);
    }

    void checkSoon() {
        health.execute(this::checkHealth);
    }

    boolean available() {
        return available;
    }

    void onLost(Runnable listener) {
        lossListeners.add(listener);
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
            counters.redisErrors.increment();
            counters.absorbedTimeouts.increment();
            LOG.warn("Redis slow while {} ({}); this call goes without it, the tier stays trusted", what, e.toString());
            return;
        }
        failed(what, e);
    }

    /** A command failed: count it, and stop trusting the tier until a health check says Redis is back. */
    void failed(String what, RuntimeException e) {
        counters.redisErrors.increment();
        LOG.warn("Redis error while {}", what, e);
        lost("Redis error while " + what);
    }

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
            drop.run();
            lossListeners.forEach(Runnable::run);
        }
    }

    /**
     * One health check: connect if needed, PING both connections, recover if we were not available. One at a time:
     * the first connect fires {@code onRedisConnected}, which schedules another check while the first is still
     * connecting; unserialized, both would connect and subscribe, and every invalidation would arrive twice over a
     * second subscription that is never closed.
     */
    void checkHealth() {
        synchronized (healthLock) {
            checkHealthAlone();
        }
    }

    private void checkHealthAlone() {
        if (closing) {
            return;
        }
        try {
            if (!connections.connected()) {
                connect.run();
            }
            if (!connections.open()) {
                throw new IllegalStateException("connection not open");
            }
            connections.ping();
            beat.run();
            if (!available) {
                recover();
            } else if (!pending.isEmpty()) {
                pending.flush();
                synchronized (stateLock) {
                    pending.releaseApplied();
                }
            }
        } catch (RuntimeException e) {
            if (available) {
                failed("health check", e);
            } else {
                counters.redisErrors.increment();
                LOG.debug("Redis still unavailable: {}", e.toString());
            }
        }
    }

    private void recover() {
        long before = downs.get();
        int flushed = pending.flush();
        drop.run();
        copies.reconcileHeld();
        synchronized (stateLock) {
            if (downs.get() != before) {
                return; // lost again while recovering: the next health check starts over
            }
            pending.releaseApplied();
            available = true;
        }
        LOG.info("Redis available ({}): {} queued invalidations applied, L1 dropped", settings.redacted(), flushed);
    }

    /** From now on nothing is trusted and nothing is checked: a closing tier's dropped connections are no loss. */
    void close() {
        closing = true;
        available = false;
        health.shutdownNow();
    }
}
