package io.slotgate.cache;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a stored bucket is good for now: fresh, stale, changed, overdue, held or unusable. Every read of a day asks
 * this, a reader's and the warmer's alike, so that both see a day the same way.
 */
final class DayStates {
    private final BucketStore store;
    private final GenerationStore generations;
    private final Supplier<Duration> changedCopyFor;

    DayStates(BucketStore store, GenerationStore generations, Supplier<Duration> changedCopyFor) {
        this.store = store;
        this.generations = generations;
        this.changedCopyFor = changedCopyFor;
    }

    /**
     * What a stored bucket is good for now. OVERDUE: a conservatively patched copy past the policy's changed-copy
     * time; a reader fetches the day, but when no call can be made in its wait it is served that copy rather than
     * nothing, since the copy may leave slots out but never offers a taken one. HELD: no trusted copy, but the one
     * the store held when its shared tier was lost or regained ({@link BucketStore#held}); served stale, within the
     * policy's stale bound, while its refetch goes first.
     */
    enum State { FRESH, STALE, CHANGED, OVERDUE, HELD, UNUSABLE }

    /** {@code freshness}: the policy's verdict on the bucket when classifying needed it (null otherwise). */
    record Classified(State state, Optional<DayBucket> bucket, Freshness freshness) {
        Classified(State state, Optional<DayBucket> bucket) {
            this(state, bucket, null);
        }
    }

    /**
     * A stored bucket is usable only when it can be brought to the current generation: every change since patched
     * in. Checking at read time, not only at write time, makes every interleaving of fill and change safe, even a fill
     * that wrote just after a change. A copy patched conservatively (it may leave out slots) is served, marked stale,
     * for the policy's changed-copy time while its refetch goes first, and past it only to a reader no call can answer
     * in its wait; otherwise age decides: fresh, stale (servable), or too old.
     */
    Classified classify(CacheKey.Bucket key, FreshnessPolicy freshness, Instant now) {
        Optional<DayBucket> stored = store.get(key);
        Optional<DayBucket> current = stored.flatMap(b -> UpToDate.of(b, generations));
        if (current.isEmpty()) {
            return store.held(key)
                    .filter(copy -> copy.age(now).compareTo(freshness.freshness(copy, now).maxStale()) < 0)
                    .map(copy -> new Classified(State.HELD, Optional.of(copy)))
                    .orElseGet(() -> new Classified(State.UNUSABLE, stored));
        }
        DayBucket bucket = current.get();
        if (bucket != stored.get()) {
            store.put(bucket); // patched up to date: the next read need not patch it again
        }
        Optional<Instant> changed = bucket.patches().inexactSince();
        if (changed.isPresent()) {
            return Duration.between(changed.get(), now).compareTo(changedCopyFor.get()) < 0
                    ? new Classified(State.CHANGED, current)
                    : new Classified(State.OVERDUE, current);
        }
        Freshness f = freshness.freshness(bucket, now);
        Duration age = bucket.age(now);
        if (age.compareTo(f.freshFor()) < 0) {
            return new Classified(State.FRESH, current, f);
        }
        return age.compareTo(f.maxStale()) < 0
                ? new Classified(State.STALE, current, f)
                : new Classified(State.UNUSABLE, current, f);
    }

    /**
     * Whether a window needs warming: any day of [first, last] missing, invalidated, or within {@code margin} of going
     * stale. A conservatively patched day does not count: its refetch is queued already, paced as a freed slot's, and
     * warming the window for it on every round made a busy event type's window a call per background spacing in a
     * booking rush.
     */
    boolean needsWarming(CacheKey.Bucket template, LocalDate first, LocalDate last, Duration margin,
                         FreshnessPolicy freshness, Instant now) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Classified c = classify(template.withDay(day), freshness, now);
            if (c.state() == State.CHANGED) {
                continue;
            }
            boolean expiresSoon = c.bucket().isPresent() && c.bucket().get().age(now).plus(margin)
                    .compareTo(freshness.freshness(c.bucket().get(), now).freshFor()) >= 0;
            if (c.state() != State.FRESH || expiresSoon) {
                return true;
            }
        }
        return false;
    }

    /** The target's day as stored, if it may be served: what a waiting day may be settled with, without a call. */
    java.util.function.Function<LocalDate, Optional<DayBucket>> usable(FillTarget target) {
        return day -> store.get(target.bucket(day)).flatMap(b -> UpToDate.of(b, generations))
                .filter(b -> b.patches().exact());
    }

}
