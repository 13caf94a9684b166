package io.slotgate.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The copies a store held when it stopped trusting them: the shared tier was lost (another instance's invalidations
 * may not reach this one) or came back (what was filled meanwhile is stamped with generations Redis never knew).
 * They no longer answer as the store's own, but they are the last copy of their days: a reader who finds nothing
 * usable is served one (stale, with its age, its refetch first in line) rather than turned away.
 *
 * <p>A copy held here is kept honest by every change heard after it was held, here or from a peer: a busy time is
 * patched in, a drop removes the day. When the tier is back, {@link #reconcile} brings in what the shared change log
 * knows of the time this instance was away. A copy leaves when a trusted one of its key is stored, or when it is older
 * than {@code keepFor}.
 */
public final class HeldCopies {
    private final Duration keepFor;
    private final Map<CacheKey.Generation, Map<CacheKey.Bucket, DayBucket>> byDay = new ConcurrentHashMap<>();

    public HeldCopies(Duration keepFor) {
        this.keepFor = keepFor;
    }

    /** Holds these copies; a key already held keeps whichever copy was fetched later. */
    public void hold(Collection<DayBucket> copies, Instant now) {
        for (DayBucket copy : copies) {
            byDay.computeIfAbsent(copy.key().generation(), d -> new ConcurrentHashMap<>())
                    .merge(copy.key(), copy, (held, offered) -> offered.fetchedAt().isAfter(held.fetchedAt()) ? offered : held);
        }
        prune(now);
    }

    public Optional<DayBucket> get(CacheKey.Bucket key) {
        Map<CacheKey.Bucket, DayBucket> day = byDay.get(key.generation());
        return day == null ? Optional.empty() : Optional.ofNullable(day.get(key));
    }

    /** A trusted copy of this key was stored: the held one has served its turn. */
    public void release(CacheKey.Bucket key) {
        byDay.computeIfPresent(key.generation(), (d, copies) -> {
            copies.remove(key);
            return copies.isEmpty() ? null : copies;
        });
    }

    /**
     * A change of a held day: a busy time is patched into each of its copies (every duration), a drop removes them.
     * A busy time patched in twice, or into a copy whose fetch already showed it, leaves the copy as it was.
     */
    public void apply(CacheKey.Generation day, DayChange change) {
        switch (change) {
            case DayChange.Busy busy -> byDay.computeIfPresent(day, (d, copies) -> {
                copies.replaceAll((key, copy) -> BucketPatch.apply(copy, busy, copy.generation()));
                return copies;
            });
            case DayChange.Dropped dropped -> byDay.remove(day);
        }
    }

    /**
     * What the shared log says of a held day, once the tier is back: every change learned after a copy's fetch (with
     * {@code resultCache} of margin, Cal.com's own cache) is applied to it. {@code complete}: the log reaches back to
     * before the oldest copy's fetch; when it does not, a change may have been trimmed away and the day is dropped.
     */
    public void reconcile(CacheKey.Generation day, List<DayChange> log, boolean complete, Duration resultCache) {
        Map<CacheKey.Bucket, DayBucket> copies = byDay.get(day);
        if (copies == null) {
            return;
        }
        boolean reachesBack = complete || copies.values().stream().allMatch(copy -> !log.isEmpty()
                && log.get(0).learnedAt().isBefore(copy.fetchedAt().minus(resultCache)));
        if (!reachesBack) {
            byDay.remove(day);
            return;
        }
        for (Map.Entry<CacheKey.Bucket, DayBucket> entry : copies.entrySet()) {
            Optional<DayBucket> patched = caughtUp(entry.getValue(), log, resultCache);
            if (patched.isPresent()) {
                copies.put(entry.getKey(), patched.get());
            } else {
                copies.remove(entry.getKey());
            }
        }
        byDay.computeIfPresent(day, (d, left) -> left.isEmpty() ? null : left);
    }

    /** The copy with every change learned since its fetch patched in; none when one of them was a drop. */
    private static Optional<DayBucket> caughtUp(DayBucket copy, List<DayChange> log, Duration resultCache) {
        DayBucket patched = copy;
        for (DayChange change : log) {
            if (change.learnedAt().isBefore(copy.fetchedAt().minus(resultCache))) {
                continue;
            }
            if (!(change instanceof DayChange.Busy busy)) {
                return Optional.empty();
            }
            patched = BucketPatch.apply(patched, busy, copy.generation());
        }
        return Optional.of(patched);
    }

    /** The days held now: what {@link #reconcile} reads the log of. */
    public Set<CacheKey.Generation> days() {
        return Set.copyOf(byDay.keySet());
    }

    public int size() {
        return byDay.values().stream().mapToInt(Map::size).sum();
    }

    public void clear() {
        byDay.clear();
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(keepFor);
        byDay.values().forEach(copies -> copies.values().removeIf(copy -> copy.fetchedAt().isBefore(oldest)));
        byDay.values().removeIf(Map::isEmpty);
    }
}
