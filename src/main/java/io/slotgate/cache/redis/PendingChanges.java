package io.slotgate.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;
import io.slotgate.cache.TenantId;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Changes on their way to Redis: sent at once, or queued while Redis is unavailable and applied in the order they
 * were made when it is back. A tenant with a change still queued must not read L2: what is there predates it.
 */
final class PendingChanges {
    private final RedisSettings settings;
    private final RedisKeys keys;
    private final ScriptRunner scripts;
    private final Duration generationRetention;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Set<TenantId> tenantsWithPending = ConcurrentHashMap.newKeySet();

    PendingChanges(RedisSettings settings, RedisKeys keys, ScriptRunner scripts, Duration generationRetention) {
        this.settings = settings;
        this.keys = keys;
        this.scripts = scripts;
        this.generationRetention = generationRetention;
    }

    private record Pending(CacheKey.Generation key, DayChange change) {
    }

    void add(CacheKey.Generation key, DayChange change) {
        tenantsWithPending.add(key.tenant());
        pending.add(new Pending(key, change));
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    boolean waiting(TenantId tenant) {
        return tenantsWithPending.contains(tenant);
    }

    /** Lets the tenants whose changes all reached Redis read L2 again. */
    void releaseApplied() {
        tenantsWithPending.removeIf(t -> pending.stream().noneMatch(g -> g.key().tenant().equals(t)));
    }

    /** Applies the queued changes, oldest first; stops at the first failure, which propagates. */
    int flush() {
        int flushed = 0;
        Pending next;
        while ((next = pending.peek()) != null) {
            send(next.key(), next.change());
            pending.poll();
            flushed++;
        }
        return flushed;
    }

    /** One change for every instance: counter, log and broadcast in one script, so none is left half done. */
    long send(CacheKey.Generation key, DayChange change) {
        return (Long) scripts.eval(Scripts.CHANGE, ScriptOutputType.INTEGER,
                new String[] {keys.generation(key), keys.changes(key)}, settings.channel(),
                Long.toString(generationRetention.toMillis()), key.render(), ChangeCodec.encodeBody(change),
                Integer.toString(DayLog.KEPT));
    }
}
