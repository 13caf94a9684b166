package io.slotgate.cache.redis;

import io.lettuce.core.RedisFuture;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;
import io.slotgate.cache.HeldCopies;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.UpToDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every tenant's in-process copies: the trusted ones (L1) and the ones held since trust was lost, which are served
 * only where nothing trusted answers (stale, refetched first) so that an outage does not turn readers away.
 */
final class LocalCopies {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
    /** Cal.com's result cache and a second, as for fills. */
    private static final Duration RECONCILE_MARGIN = Duration.ofSeconds(3);

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final RedisConnections connections;
    private final Clock clock;
    private final List<Local> locals = new CopyOnWriteArrayList<>();

    LocalCopies(RedisSettings settings, RedisKeys keys, RedisConnections connections, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.connections = connections;
        this.clock = clock;
    }

    private record Local(TenantId tenant, CaffeineBucketStore l1, HeldCopies held, RedisGenerationStore generations) {
    }

    void add(TenantId tenant, CaffeineBucketStore l1, HeldCopies held, RedisGenerationStore generations) {
        locals.add(new Local(tenant, l1, held, generations));
    }

    /** Moves every L1 copy to its tenant's held copies. Must run while the generation view still holds what it heard. */
    void holdAll() {
        Instant now = clock.instant();
        for (Local local : locals) {
            // brought up to date with the view before it goes: a change heard but not yet patched into a copy (that
            // happens when the copy is next read) must not be lost with the view
            local.held().hold(local.l1().buckets().stream()
                    .map(copy -> UpToDate.of(copy, local.generations())).flatMap(Optional::stream).toList(), now);
            local.l1().clear();
        }
    }

    /** A change of a day reaches the copies held of it too: patched in, or the day's copies removed. */
    void toHeld(CacheKey.Generation key, DayChange change) {
        for (Local local : locals) {
            if (local.tenant().equals(key.tenant())) {
                local.held().apply(key, change);
            }
        }
    }

    /** Another instance wrote a newer fill: an older L1 copy would shadow it, so it goes. */
    void dropOlder(CacheKey.Bucket key, Instant fetchedAt) {
        for (Local local : locals) {
            BucketStore l1 = local.l1();
            l1.get(key).filter(b -> b.fetchedAt().isBefore(fetchedAt)).ifPresent(b -> l1.remove(key));
        }
    }

    /**
     * Back from an outage: every held day learns what the shared change log holds of it (what other instances
     * changed while this one could not hear them). A day whose log cannot be read loses its held copies.
     */
    void reconcileHeld() {
        for (Local local : locals) {
            List<CacheKey.Generation> days = List.copyOf(local.held().days());
            List<RedisFuture<List<String>>> logs = new ArrayList<>();
            List<RedisFuture<String>> counters = new ArrayList<>();
            for (CacheKey.Generation day : days) {
                logs.add(connections.async().lrange(keys.changes(day), 0, -1));
                counters.add(connections.async().get(keys.generation(day)));
            }
            for (int i = 0; i < days.size(); i++) {
                CacheKey.Generation day = days.get(i);
                try {
                    List<DayLog.Entry> entries = logs.get(i).get(settings.commandTimeout().toMillis(),
                            TimeUnit.MILLISECONDS).stream().map(ChangeCodec::decode).flatMap(Optional::stream).toList();
                    String counter = counters.get(i).get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    long current = counter == null ? 0 : Long.parseLong(counter);
                    boolean complete = entries.isEmpty() ? current == 0 : entries.get(0).generation() <= 1;
                    local.held().reconcile(day, entries.stream().map(DayLog.Entry::change).toList(), complete,
                            RECONCILE_MARGIN);
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
}
