package io.slotgate.cache;

import io.slotgate.calcom.Priority;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Answers a run of UTC days from day buckets: fresh buckets come from the store, stale ones are served at once while
 * a refresh is queued, and the days no copy can answer wait for a fill.
 *
 * <p>Every need for a day (a user's miss, a refresh, a refetch after a change, warming) goes into one
 * {@link FillQueue}; a call fetches the union of one event type's waiting days (widened by the {@link FillSpan}) and
 * settles every reader of any of them. A reader whose days no call is fetching makes that call itself, on its own
 * thread; one whose days wait behind a call in flight waits for it, then makes the next. Background needs are made
 * by a drive on the scheduler, most urgent event type first, and only while the rate budget leaves room for users.
 *
 * <p>This class is the front: a reader's lookup and what a change asks of the fills. The jobs behind it have classes
 * of their own: a reader's lookup ({@link RangeReader}), what a stored bucket is good for now ({@link DayStates}), the
 * queue ({@link FillQueue}), the call ({@link BatchRunner}), the background's calls ({@link BackgroundDrive}), a
 * reader's wait ({@link FillWaiter}) and what a change asks of the fills ({@link ChangeFollowUp}).
 */
public final class DayBucketCache {
    /**
     * Cal.com keeps each slots answer for 2 s (SLOTS_CACHE_TTL, NOTES.md §7), so a call within that time of a booking
     * may not show it; with a second for clocks and latency, a fill is stored under the generation of that long
     * before it started, and the changes since are patched into it again.
     */
    public static final Duration DEFAULT_CALCOM_RESULT_CACHE = Duration.ofSeconds(3);

    private final BucketStore store;
    private final Supplier<FreshnessPolicy> policy;
    private final GenerationStore generations;
    private final Clock clock;
    private final CacheSettings settings;
    private final CacheCounters counters = new CacheCounters();
    private final FillQueue queue;
    private final BackgroundDrive drive;
    private final DayStates states;
    /** Durations read lately per (event type, day): what to refresh when that day is invalidated. */
    private final ChangeFollowUp followUp;
    private final RangeReader reader;

    /**
     * @param background where refreshes, refetches and warming fills run
     * @param leases     coordinate fills with other instances sharing the same store
     */
    private DayBucketCache(BucketStore store, Supplier<FreshnessPolicy> policy, GenerationStore generations,
                          Clock clock, Scheduler background, BucketFiller filler, RefreshAhead refreshAhead,
                          FillLeases leases, CacheSettings settings) {
        this.store = store;
        this.policy = policy;
        this.generations = generations;
        this.clock = clock;
        this.settings = settings;
        BooleanSupplier refreshOnInvalidate = settings.refreshOnInvalidate();
        this.queue = new FillQueue(settings.backgroundSpacing(), settings.freedSpacing());
        BatchRunner runner = new BatchRunner(store, generations, clock, filler, leases, queue, counters,
                bucket -> policy.get().isFresh(bucket, clock.instant()), refreshOnInvalidate,
                this::unannounced, settings.calcomResultCache());
        this.states = new DayStates(store, generations, settings.changedCopyFor());
        this.drive = new BackgroundDrive(clock, background, queue, runner, settings.fillSpan(), states::usable);
        this.followUp = new ChangeFollowUp(clock, (target, day, priority, notBefore, echo, freedOnly) ->
                drive.need(target, day, day, priority, notBefore, echo, freedOnly), runner::frequencyMinutes,
                refreshOnInvalidate, settings::calcomResultCache, settings.patchConfirmDelay());
        FillWaiter waiter = new FillWaiter(clock, queue, runner, settings.fillSpan(), states::usable, drive::afterRun,
                settings.expectedWait());
        this.reader = new RangeReader(clock, policy, refreshAhead, settings, counters, queue, states, followUp, drive,
                waiter);
    }

    /** A cache over {@code store}, its fills made by {@code filler} and, off a reader's thread, on {@code background}. */
    public static Builder builder(BucketStore store, Clock clock, Scheduler background, BucketFiller filler) {
        return new Builder(store, clock, background, filler);
    }

    /**
     * The buckets of {@code template}'s event type and duration for every day in [first, last], waiting for a fill at
     * most the cache's patience.
     *
     * @throws FillFailedException when a day had to be fetched, could not be, and has no copy left to serve
     */
    public Lookup lookup(CacheKey.Bucket template, LocalDate first, LocalDate last) {
        return lookup(template, first, last, settings.patience());
    }

    /** The same, waiting for a fill at most {@code wait} (the rate budget's wait included). */
    public Lookup lookup(CacheKey.Bucket template, LocalDate first, LocalDate last, Duration wait) {
        return reader.read(template, first, last, wait);
    }

    /**
     * Makes every bucket of this event type's day unusable, whatever its duration, and keeps a fill in flight from
     * writing: the generation moves on, and buckets are checked against it when read. Days that were being read
     * lately are refetched at once in the background, so the next reader does not wait on Cal.com.
     */
    public void invalidate(CacheKey.Generation day) {
        change(day, new DayChange.Dropped(clock.instant(), "invalidated"));
    }

    /**
     * A change of one event type's day, for every duration: a busy time is patched into every copy (here, and on
     * every instance through the shared tier), a drop makes every copy unusable. Either way a fill in flight cannot
     * store an answer without it. The durations read lately are refetched: after a busy time at refresh priority (the
     * patch is exact) or first in line (the patch may leave slots out), not before Cal.com's own result cache can show
     * the change.
     */
    public void change(CacheKey.Generation day, DayChange change) {
        generations.record(day, change);
        counters.invalidated();
        followUp.afterChange(day, Optional.of(change));
    }

    /**
     * A day may have gained slots (a cancellation, a reservation released): nothing cached offers a taken slot, so
     * copies stay as they are, and the durations read lately are refetched first in line, once Cal.com can show it.
     * Without refresh-on-invalidate nothing would refetch them, so the copies are dropped instead: the next reader
     * fetches the day.
     */
    public void refetch(CacheKey.Generation day, Instant learnedAt) {
        if (!settings.refreshOnInvalidate().getAsBoolean()) {
            change(day, new DayChange.Dropped(learnedAt, "freed"));
            return;
        }
        followUp.freed(day, learnedAt);
    }

    /**
     * A fill another instance wrote to the shared tier: its event type's background calls here are paced from it.
     * A day it answered that waits here is settled from the shared copy when it comes due, without a call.
     */
    public void filledElsewhere(CacheKey.Bucket key, Instant fetchedAt) {
        queue.calledElsewhere(key.target(), fetchedAt);
    }

    /** A change another instance made (its webhook, its booking): refetch here too what was read lately. */
    public void changedElsewhere(CacheKey.Generation day, Optional<DayChange> change) {
        followUp.afterChange(day, change);
    }

    /**
     * An operator's clear: moves every given generation on (so a fill in flight for it cannot write back, and any
     * copy anywhere is unusable), without the refresh an invalidation triggers, then removes the given buckets from
     * the store (L1, and L2 when the store is tiered). Returns how many generations moved.
     */
    public int evict(Collection<CacheKey.Generation> days, Collection<CacheKey.Bucket> buckets) {
        Set<CacheKey.Generation> distinct = new LinkedHashSet<>(days);
        for (CacheKey.Generation day : distinct) {
            generations.increment(day);
            counters.invalidated();
        }
        for (CacheKey.Bucket key : buckets) {
            store.remove(key);
        }
        return distinct.size();
    }

    /** The days being fetched now (a user's fill, a refresh or a warming round): for an operator's clear. */
    public Set<CacheKey.Bucket> fillsInFlight() {
        return Set.copyOf(queue.inFlightDays());
    }

    /**
     * Keeps days warm: when any day of [first, last] is missing, invalidated, or within {@code margin} of going
     * stale (a conservatively patched day waiting for its own refetch does not count), refetches the whole window in
     * one background call at the given priority (one call costs the rate budget the same for one day or fourteen, and
     * days fetched together go stale together). Returns whether it did.
     */
    public boolean warm(CacheKey.Bucket template, LocalDate first, LocalDate last, Duration margin, Priority priority) {
        Instant now = clock.instant();
        if (!states.needsWarming(template, first, last, margin, policy.get(), now)) {
            return false;
        }
        drive.need(template.target(), first, last, priority, Instant.MIN, false, false);
        return true;
    }

    /**
     * Refetches in the background the durations of this day read lately, without moving its generation; what that
     * refetch finds changed is not reported again.
     */
    public void refreshHot(CacheKey.Generation day) {
        followUp.refreshHot(day);
    }

    /** Days waiting for a call, or in a call being made: for metrics, and for tests that wait for readers to queue. */
    public int waitingDays() {
        return queue.waiting();
    }

    /** A change nothing announced: the days likely changed with it are refreshed, and not reported again. */
    private void unannounced(CacheKey.Generation day) {
        settings.unannouncedChange().alsoChanged(day).forEach(followUp::refreshHot);
    }

    public long size() {
        return store.size();
    }

    public CacheCounters counters() {
        return counters;
    }

    /** The bucket stored for {@code key}, unless its day has moved on to a newer generation since it was filled. */
    public Optional<DayBucket> current(CacheKey.Bucket key) {
        return store.get(key).filter(bucket -> bucket.generation() == generations.current(key.generation()));
    }

    /**
     * The defaults are a single instance's with the seed TTLs: in-memory generations, no refresh ahead, no leases,
     * {@link CacheSettings#defaults()}. The wiring sets them all; a test, what it is about.
     */
    public static final class Builder {
        private final BucketStore store;
        private final Clock clock;
        private final BucketFiller filler;
        private Supplier<FreshnessPolicy> policy = FreshnessPolicy.Ttl::seedPhase1;
        private GenerationStore generations = new InMemoryGenerations();
        private final Scheduler background;
        private RefreshAhead refreshAhead = RefreshAhead.off();
        private FillLeases leases = FillLeases.NONE;
        private CacheSettings settings = CacheSettings.defaults();

        private Builder(BucketStore store, Clock clock, Scheduler background, BucketFiller filler) {
            this.store = store;
            this.clock = clock;
            this.background = background;
            this.filler = filler;
        }

        public Builder policy(Supplier<FreshnessPolicy> policy) {
            this.policy = policy;
            return this;
        }

        public Builder generations(GenerationStore generations) {
            this.generations = generations;
            return this;
        }

        public Builder refreshAhead(RefreshAhead refreshAhead) {
            this.refreshAhead = refreshAhead;
            return this;
        }

        public Builder leases(FillLeases leases) {
            this.leases = leases;
            return this;
        }

        public Builder settings(CacheSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The settings so far, changed: a test changes one or two figures of the defaults. */
        public Builder settings(java.util.function.UnaryOperator<CacheSettings> change) {
            return settings(change.apply(settings));
        }

        public DayBucketCache build() {
            return new DayBucketCache(store, policy, generations, clock, background, filler, refreshAhead, leases,
                    settings);
        }
    }
}
