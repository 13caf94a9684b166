package io.slotgate.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisFuture;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What this process knows of every day's counter and last changes. {@link GenerationStore#current} runs on every L1
 * read, so it answers from here and never leaves the process; Redis reads and the channel teach the view.
 */
final class GenerationView {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
    /** What {@link GenerationStore#current} answers for a counter this process has not looked at: matches no bucket. */
    static final long UNKNOWN = -1;

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final RedisConnections connections;
    private final TrustState trust;
    private final PendingChanges pending;
    private final LocalCopies copies;
    private final Cache<CacheKey.Generation, DayLog> view;

    GenerationView(RedisSettings settings, RedisKeys keys, RedisConnections connections, TrustState trust,
                   PendingChanges pending, LocalCopies copies) {
        this.settings = settings;
        this.keys = keys;
        this.connections = connections;
        this.trust = trust;
        this.pending = pending;
        this.copies = copies;
        this.view = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterAccess(settings.retention()).build();
    }

    /** Forgets everything: what it held may have missed changes, and a wrong counter would serve a wrong copy. */
    void forget() {
        view.invalidateAll();
    }

    long current(CacheKey.Generation key) {
        DayLog log = view.getIfPresent(key);
        return log == null ? UNKNOWN : log.current();
    }

    DayLog log(CacheKey.Generation key) {
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
        if (known.isPresent() || !trust.available()) {
            return known;
        }
        readChanges(List.of(key));
        return log(key).since(generation);
    }

    long asOf(CacheKey.Generation key, Instant instant) {
        DayLog log = view.getIfPresent(key);
        return log == null ? current(key) : log.asOf(instant);
    }

    /** Reads the change logs of these days from Redis into the view. */
    private void readChanges(List<CacheKey.Generation> gens) {
        try {
            List<RedisFuture<List<String>>> reads = new ArrayList<>();
            for (CacheKey.Generation g : gens) {
                reads.add(connections.async().lrange(keys.changes(g), 0, -1));
            }
            for (int i = 0; i < gens.size(); i++) {
                observe(gens.get(i), reads.get(i).get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            trust.failed("reading change logs", e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }

    List<Long> refresh(List<CacheKey.Generation> gens) {
        if (trust.available() && !gens.isEmpty()) {
            try {
                List<String> redisKeys = gens.stream().map(keys::generation).toList();
                var read = connections.sync().mget(redisKeys.toArray(String[]::new));
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
                return gens.stream().map(this::current).toList();
            } catch (RuntimeException e) {
                trust.failed("reading generations", e);
            }
        }
        // on our own: the view is this process's truth until Redis is back (and the view dropped again)
        return gens.stream().map(g -> log(g).current()).toList();
    }

    /** One change of a day, for every instance; queued while Redis is unavailable. */
    long record(CacheKey.Generation key, DayChange change) {
        if (trust.available()) {
            try {
                long g = pending.send(key, change);
                log(key).learn(new DayLog.Entry(g, change));
                copies.toHeld(key, change);
                return g;
            } catch (RuntimeException e) {
                trust.failed("recording a change of " + key.render(), e);
            }
        }
        copies.toHeld(key, change);
        pending.add(key, change);
        LOG.warn("Redis unavailable: change of {} queued ({} pending)", key.render(), pending.size());
        return log(key).append(change);
    }

    /** Whether a tenant's L2 may be read: not while invalidations of that tenant wait to reach Redis. */
    boolean l2Readable(TenantId tenant) {
        return trust.available() && !pending.waiting(tenant);
    }
}
