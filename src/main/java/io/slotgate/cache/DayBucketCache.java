package io.slotgate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers a run of UTC days from day buckets: fresh buckets come from the store, stale ones are served at once while
 * one background refresh runs, the rest are fetched as contiguous runs (one upstream call per run) and split into
 * buckets, empty days included.
 *
 * <p>Coalescing is per day: the first fill of a day (a user's, a refresh or a warming round) claims it with a future
 * in {@code inFlight}; every query that needs the same day waits on that future instead of calling Cal.com. So
 * overlapping queries, not only identical ones, cause one upstream call per day however many arrive at once.
 */
public final class DayBucketCache {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DayBucketCache.class);
    private static final Duration HOT_FOR = Duration.ofMinutes(15);

    private final BucketStore store;
    private final Supplier<FreshnessPolicy> policy;
    private final GenerationStore generations;
    private final Clock clock;
    private final Scheduler background;
    private final BucketFiller filler;
    private final RefreshAhead refreshAhead;
    private final Executor parallelFills;
    private final Set<CacheKey.Bucket> refreshQueued = ConcurrentHashMap.newKeySet();
    private final FillLeases leases;
    private final CacheCounters counters = new CacheCounters();
    private final ConcurrentHashMap<CacheKey.Bucket, CompletableFuture<DayBucket>> inFlight = new ConcurrentHashMap<>();
    /** Durations read lately per (event type, day): what to refresh when that day is invalidated. */
    private final Cache<CacheKey.Generation, Set<Integer>> hot;
    private volatile boolean refreshOnInvalidate = true;
    private volatile java.util.function.LongPredicate keptWarm = eventTypeId -> false;
    private volatile Consumer<CacheKey.Generation> unannouncedChange = day -> { };
    /**
     * Days refetched because a sibling found a change: their own refetch will find the same change, which must not
     * be passed on again (each sibling would send the others, the first included, round once more).
     */
    private final Cache<CacheKey.Bucket, Boolean> echoes;

    /**
     * @param background    where refreshes and warming fills run
     * @param parallelFills where a user's fill runs its second and later runs of days, so they overlap in time (the
     *                      simulator passes {@code Runnable::run} to keep one thread and one order of events)
     */
    public DayBucketCache(BucketStore store, Supplier<FreshnessPolicy> policy, GenerationStore generations, Clock clock,
                          Scheduler background, Executor parallelFills, BucketFiller filler, RefreshAhead refreshAhead) {
        this(store, policy, generations, clock, background, parallelFills, filler, refreshAhead, FillLeases.NONE);
    }

    /** With {@code leases} coordinating fills with other instances sharing the same store. */
    public DayBucketCache(BucketStore store, Supplier<FreshnessPolicy> policy, GenerationStore generations, Clock clock,
                          Scheduler background, Executor parallelFills, BucketFiller filler, RefreshAhead refreshAhead,
                          FillLeases leases) {
        this.leases = leases;
        this.parallelFills = parallelFills;
        this.store = store;
        this.policy = policy;
        this.generations = generations;
        this.clock = clock;
        this.background = background;
        this.filler = filler;
        this.refreshAhead = refreshAhead;
        Ticker clockTicker = () -> clock.millis() * 1_000_000L;
        this.echoes = Caffeine.newBuilder()
                .ticker(clockTicker)
                .expireAfterWrite(HOT_FOR)
                .maximumSize(100_000)
                .build();
        this.hot = Caffeine.newBuilder()
                .ticker(clockTicker)
                .expireAfterAccess(HOT_FOR)
                .maximumSize(100_000)
                .build();
    }

    private enum State { FRESH, STALE, UNUSABLE }

    private record Classified(State state, Optional<DayBucket> bucket) {
    }

    /**
     * The buckets of {@code template}'s event type and duration for every day in [first, last].
     *
     * @throws FillFailedException when a day that had to be fetched could not be; nothing is cached for it
     */
    public Lookup lookup(CacheKey.Bucket template, LocalDate first, LocalDate last) {
        Instant now = clock.instant();
        FreshnessPolicy freshness = policy.get();
        Map<LocalDate, DayBucket> found = new LinkedHashMap<>();
        List<CacheKey.Bucket> missing = new ArrayList<>();
        List<CacheKey.Bucket> toRefresh = new ArrayList<>();
        Duration age = Duration.ZERO;
        int stale = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            CacheKey.Bucket key = template.withDay(day);
            markHot(key);
            Classified c = classify(key, freshness, now);
            switch (c.state()) {
                case FRESH -> {
                    found.put(day, c.bucket().orElseThrow());
                    if (!keptWarm.test(key.eventTypeId()) && refreshAhead.shouldRefreshEarly(c.bucket().get().age(now),
                            freshness.freshness(c.bucket().get(), now).freshFor())) {
                        toRefresh.add(key);
                    }
                }
                case STALE -> {
                    found.put(day, c.bucket().orElseThrow());
                    toRefresh.add(key);
                    stale++;
                }
                case UNUSABLE -> missing.add(key);
            }
            if (c.state() != State.UNUSABLE) {
                age = max(age, c.bucket().get().age(now));
            }
        }
        if (!toRefresh.isEmpty()) {
            // one call refreshes a run of days as cheaply as one day: refresh the whole range the reader wanted, so
            // its days age together and the next refresh is again one call
            refreshInBackground(daysOf(template, first, last), Priority.REFRESH);
        }
        int fromCache = found.size();
        if (!missing.isEmpty()) {
            fetchMissing(missing).forEach(b -> found.put(b.key().day(), b));
        }
        counters.record(fromCache - stale, stale, missing.size());
        List<DayBucket> ordered = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            ordered.add(found.get(day));
        }
        return new Lookup(ordered, fromCache, stale, missing.size(), age);
    }

    /**
     * Makes every bucket of this event type's day unusable, whatever its duration, and keeps a fill in flight from
     * writing: the generation moves on, and buckets are checked against it when read. Days that were being read
     * lately are refetched at once in the background, so the next reader does not wait on Cal.com.
     */
    public void invalidate(CacheKey.Generation day) {
        generations.increment(day);
        counters.invalidated();
        // an event type the warmer keeps warm is refetched by its next round, whole window in one call, which also
        // restarts the window's freshness: cheaper than a call per invalidated day on top of the periodic refresh
        if (refreshOnInvalidate && !keptWarm.test(day.eventTypeId())) {
            readLately(day).forEach(key -> refreshInBackground(List.of(key), Priority.REFRESH));
        }
    }

    /** The buckets of this day, one per duration, that were read lately: those worth refetching when it changes. */
    private List<CacheKey.Bucket> readLately(CacheKey.Generation day) {
        Set<Integer> durations = hot.getIfPresent(day);
        if (durations == null) {
            return List.of();
        }
        return durations.stream()
                .map(duration -> new CacheKey.Bucket(day.tenant(), day.eventTypeId(), duration, day.day()))
                .toList();
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
        return Set.copyOf(inFlight.keySet());
    }

    /**
     * Keeps days warm: when any day of [first, last] is missing, invalidated, or within {@code margin} of going
     * stale, refetches the whole window in one background call at the given priority (one call costs the rate budget
     * the same for one day or fourteen, and days fetched together go stale together). Returns whether it did.
     */
    public boolean warm(CacheKey.Bucket template, LocalDate first, LocalDate last, Duration margin, Priority priority) {
        Instant now = clock.instant();
        FreshnessPolicy freshness = policy.get();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Classified c = classify(template.withDay(day), freshness, now);
            boolean expiresSoon = c.bucket().isPresent() && c.bucket().get().age(now).plus(margin)
                    .compareTo(freshness.freshness(c.bucket().get(), now).freshFor()) >= 0;
            if (c.state() != State.FRESH || expiresSoon) {
                refreshInBackground(daysOf(template, first, last), priority);
                return true;
            }
        }
        return false;
    }

    private static List<CacheKey.Bucket> daysOf(CacheKey.Bucket template, LocalDate first, LocalDate last) {
        List<CacheKey.Bucket> keys = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            keys.add(template.withDay(day));
        }
        return keys;
    }

    /**
     * Told, when refresh-on-invalidate is on, of a day whose refetch found a slot gone that no invalidation announced:
     * a change nothing signalled, such as a host's external calendar, which may well have changed the host's other
     * event types too.
     */
    public void setOnUnannouncedChange(Consumer<CacheKey.Generation> listener) {
        this.unannouncedChange = listener;
    }

    /**
     * Refetches in the background the durations of this day read lately, without moving its generation; what that
     * refetch finds changed is not reported again.
     */
    public void refreshHot(CacheKey.Generation day) {
        for (CacheKey.Bucket key : readLately(day)) {
            echoes.put(key, Boolean.TRUE);
            refreshInBackground(List.of(key), Priority.REFRESH);
        }
    }

    public void setRefreshOnInvalidate(boolean enabled) {
        this.refreshOnInvalidate = enabled;
    }

    /** Which event types a warmer keeps warm: their invalidated days wait for its next round. */
    public void setKeptWarm(java.util.function.LongPredicate keptWarm) {
        this.keptWarm = keptWarm;
    }

    private boolean ofCurrentGeneration(DayBucket bucket) {
        return bucket.generation() == generations.current(bucket.key().generation());
    }

    /**
     * A stored bucket is usable only while its generation is still the current one: checking the generation at
     * read time, not only at write time, makes every interleaving of fill and invalidation safe, even a fill that
     * wrote just after an invalidation. Then its age decides: fresh, stale (servable), or too old.
     */
    private Classified classify(CacheKey.Bucket key, FreshnessPolicy freshness, Instant now) {
        Optional<DayBucket> stored = store.get(key).filter(this::ofCurrentGeneration);
        if (stored.isEmpty()) {
            return new Classified(State.UNUSABLE, stored);
        }
        Freshness f = freshness.freshness(stored.get(), now);
        Duration age = stored.get().age(now);
        if (age.compareTo(f.freshFor()) < 0) {
            return new Classified(State.FRESH, stored);
        }
        return age.compareTo(f.maxStale()) < 0
                ? new Classified(State.STALE, stored)
                : new Classified(State.UNUSABLE, stored);
    }

    private void markHot(CacheKey.Bucket key) {
        hot.get(key.generation(), k -> ConcurrentHashMap.newKeySet()).add(key.durationMinutes());
    }

    private List<DayBucket> fetchMissing(List<CacheKey.Bucket> missing) {
        try {
            return claimAndFill(missing, Priority.USER);
        } catch (FillFailedException failure) {
            if (failure.priority() == Priority.USER) {
                throw failure;
            }
            // we waited on a background fill that the rate budget refused; a user's own fill may still be allowed
            return claimAndFill(missing, Priority.USER);
        }
    }

    /**
     * Queues one background fill of these days. The days are claimed only when the fill starts, so a user who needs
     * one of them meanwhile claims and fetches it himself rather than wait on a queued task; the task then finds the
     * day refilled and skips it.
     */
    private void refreshInBackground(List<CacheKey.Bucket> keys, Priority priority) {
        List<CacheKey.Bucket> queued = keys.stream().filter(refreshQueued::add).toList();
        if (queued.isEmpty()) {
            return;
        }
        Instant requestedAt = clock.instant();
        background.execute(() -> {
            queued.forEach(refreshQueued::remove);
            Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed = claim(queued, new ArrayList<>());
            Instant replacing = settleFilledSince(claimed, requestedAt);
            fillRuns(claimed, priority, Runnable::run, replacing);
        });
    }

    private List<DayBucket> claimAndFill(List<CacheKey.Bucket> keys, Priority priority) {
        Instant lookedAt = clock.instant();
        List<CompletableFuture<DayBucket>> all = new ArrayList<>();
        Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed = claim(keys, all);
        Instant replacing = settleFilledSince(claimed, lookedAt);
        fillRuns(claimed, priority, parallelFills, replacing);
        return join(all);
    }

    /** Claims the days no one is filling; adds every day's future (ours or theirs) to {@code all}. */
    private Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claim(List<CacheKey.Bucket> keys,
                                                                     List<CompletableFuture<DayBucket>> all) {
        Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed = new LinkedHashMap<>();
        for (CacheKey.Bucket key : keys) {
            CompletableFuture<DayBucket> mine = new CompletableFuture<>();
            CompletableFuture<DayBucket> theirs = inFlight.putIfAbsent(key, mine);
            if (theirs != null) {
                all.add(theirs);
            } else {
                claimed.put(key, mine);
                all.add(mine);
            }
        }
        return claimed;
    }

    /**
     * Between our look in the store and our claim, another fill may have finished the same day and left the
     * in-flight map: take its bucket rather than call Cal.com a second time. Returns when the oldest bucket the
     * fill replaces was fetched (null when it replaces none): the age its log line reports.
     */
    private Instant settleFilledSince(Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed, Instant since) {
        Instant[] oldest = {null};
        claimed.entrySet().removeIf(e -> {
            Optional<DayBucket> stored = store.get(e.getKey());
            Optional<DayBucket> refilled = stored
                    .filter(this::ofCurrentGeneration)
                    .filter(b -> !b.fetchedAt().isBefore(since));
            refilled.ifPresent(b -> release(e.getKey(), e.getValue(), b));
            if (refilled.isEmpty() && stored.isPresent()
                    && (oldest[0] == null || stored.get().fetchedAt().isBefore(oldest[0]))) {
                oldest[0] = stored.get().fetchedAt();
            }
            return refilled.isPresent();
        });
        return oldest[0];
    }

    private void fillRuns(Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed, Priority priority,
                          Executor extraRuns, Instant replacing) {
        List<List<CacheKey.Bucket>> runs = contiguousRuns(new ArrayList<>(claimed.keySet()));
        for (int i = 0; i < runs.size(); i++) {
            List<CacheKey.Bucket> run = runs.get(i);
            if (i == runs.size() - 1) {
                fill(run, claimed, priority, replacing);
            } else {
                extraRuns.execute(() -> fill(run, claimed, priority, replacing));
            }
        }
    }

    /**
     * Fills one run of claimed days. Days whose lease another instance holds are awaited (they appear in the shared
     * store) rather than fetched; whatever happens, every claimed future of the run is completed, so no query waits
     * forever on a fill that went wrong.
     */
    private void fill(List<CacheKey.Bucket> run, Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed,
                      Priority priority, Instant replacing) {
        try {
            FillLeases.Claim claim = leases.claim(run);
            try {
                for (List<CacheKey.Bucket> mine : contiguousRuns(new ArrayList<>(claim.mine()))) {
                    fetchAndStore(mine, claimed, priority, replacing);
                }
            } finally {
                claim.release().run();
            }
            if (!claim.theirs().isEmpty()) {
                List<CacheKey.Bucket> left = awaitOtherInstances(claim.theirs(), claimed);
                for (List<CacheKey.Bucket> rest : contiguousRuns(left)) {
                    fetchAndStore(rest, claimed, priority, replacing);
                }
            }
        } catch (RuntimeException e) {
            FillFailedException failure = new FillFailedException(
                    new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName()), priority);
            for (CacheKey.Bucket key : run) {
                CompletableFuture<DayBucket> future = claimed.get(key);
                inFlight.remove(key, future);
                future.completeExceptionally(failure);
            }
        }
    }

    /**
     * Waits, polling the store, for the days another instance is filling; returns those it did not deliver in time
     * or whose lease was given up without a bucket (that fill failed or was refused).
     */
    private List<CacheKey.Bucket> awaitOtherInstances(List<CacheKey.Bucket> theirs,
                                                      Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed) {
        List<CacheKey.Bucket> waiting = new ArrayList<>(theirs);
        List<CacheKey.Bucket> abandoned = new ArrayList<>();
        long deadline = System.nanoTime() + leases.patience().toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(leases.pollEvery());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Instant now = clock.instant();
            FreshnessPolicy freshness = policy.get();
            waiting.removeIf(key -> {
                Classified delivered = classify(key, freshness, now);
                if (delivered.state() == State.FRESH) {
                    release(key, claimed.get(key), delivered.bucket().get());
                    return true;
                }
                if (!leases.heldElsewhere(key)) {
                    abandoned.add(key);
                    return true;
                }
                return false;
            });
        }
        abandoned.addAll(waiting);
        return abandoned;
    }

    private void fetchAndStore(List<CacheKey.Bucket> run, Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed,
                               Priority priority, Instant replacing) {
        Map<CacheKey.Bucket, Long> startedUnder = new LinkedHashMap<>();
        List<Long> current = generations.refresh(run.stream().map(CacheKey.Bucket::generation).toList());
        for (int i = 0; i < run.size(); i++) {
            startedUnder.put(run.get(i), current.get(i));
        }
        CalcomOutcome<List<Slot>> outcome;
        long started = System.nanoTime();
        try {
            outcome = filler.fetch(run.get(0), TimeRange.utcDays(run.get(0).day(), run.get(run.size() - 1).day()),
                    priority);
        } catch (RuntimeException e) {
            outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName());
        }
        counters.fill(priority, outcome.isSuccess());
        logFill(run, priority, outcome, replacing, (System.nanoTime() - started) / 1_000_000);
        if (outcome instanceof CalcomOutcome.Success<List<Slot>> ok) {
            Map<LocalDate, List<Slot>> byDay = splitByUtcDay(ok.value());
            Instant fetchedAt = clock.instant();
            for (CacheKey.Bucket key : run) {
                long generation = startedUnder.get(key);
                DayBucket bucket = new DayBucket(key, byDay.getOrDefault(key.day(), List.of()), fetchedAt, generation);
                if (generations.current(key.generation()) == generation) {
                    boolean echo = echoes.asMap().remove(key) != null;
                    // read the bucket replaced only when a change in it would be reported: in a tiered store a
                    // bucket missing from L1 costs a Redis round trip
                    Optional<DayBucket> replaced = refreshOnInvalidate && !echo ? store.get(key) : Optional.empty();
                    store.put(bucket);
                    if (replaced.filter(old -> old.generation() == generation)
                            .filter(old -> lostASlotBehindTheFirst(old, bucket)).isPresent()) {
                        unannouncedChange.accept(key.generation());
                    }
                }
                release(key, claimed.get(key), bucket);
            }
        } else {
            FillFailedException failure = new FillFailedException(outcome, priority);
            for (CacheKey.Bucket key : run) {
                CompletableFuture<DayBucket> future = claimed.get(key);
                inFlight.remove(key, future);
                future.completeExceptionally(failure);
            }
        }
    }

    /**
     * One line per fill: {@code fill tenant= eventType= duration= days=first..last(n) outcome= age= upstreamMs=
     * cause=}, where age is that of the oldest bucket replaced ({@code none} for a day not cached) and cause the
     * priority that asked (a user's miss, a refresh, warming).
     */
    private void logFill(List<CacheKey.Bucket> run, Priority priority, CalcomOutcome<List<Slot>> outcome,
                         Instant replacing, long upstreamMs) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        CacheKey.Bucket first = run.get(0);
        String result = switch (outcome) {
            case CalcomOutcome.Success<List<Slot>> ok -> "ok slots=" + ok.value().size();
            case CalcomOutcome.RateLimited<List<Slot>> limited -> "rate-limited";
            case CalcomOutcome.Unauthorised<List<Slot>> refused -> "unauthorised";
            case CalcomOutcome.Rejected<List<Slot>> rejected -> "rejected status=" + rejected.response().status();
            case CalcomOutcome.SlotTaken<List<Slot>> taken -> "rejected status=" + taken.response().status();
            case CalcomOutcome.UpstreamError<List<Slot>> error -> "upstream-error";
        };
        LOG.info("fill tenant={} eventType={} duration={} days={}..{}({}) outcome={} age={} upstreamMs={} cause={}",
                first.tenant(), first.eventTypeId(), first.durationMinutes(), first.day(), run.get(run.size() - 1).day(),
                run.size(), result, replacing == null ? "none" : DayBucket.ageOf(replacing, clock.instant()),
                upstreamMs, priority.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Whether {@code now} lacks a slot that {@code before} had and that starts after {@code now}'s first slot. Time
     * alone only takes slots off the front of a day (past, or inside the minimum notice), so a gap behind the first
     * remaining slot is a change in availability.
     */
    private static boolean lostASlotBehindTheFirst(DayBucket before, DayBucket now) {
        if (now.slots().isEmpty()) {
            return false;
        }
        Instant first = now.slots().get(0).start();
        Set<Slot> kept = new HashSet<>(now.slots());
        for (Slot slot : before.slots()) {
            if (slot.start().isAfter(first) && !kept.contains(slot)) {
                return true;
            }
        }
        return false;
    }

    private void release(CacheKey.Bucket key, CompletableFuture<DayBucket> future, DayBucket bucket) {
        inFlight.remove(key, future);
        future.complete(bucket);
    }

    private static Map<LocalDate, List<Slot>> splitByUtcDay(List<Slot> slots) {
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        for (Slot slot : slots) {
            byDay.computeIfAbsent(TimeRange.utcDayOf(slot.start()), d -> new ArrayList<>()).add(slot);
        }
        return byDay;
    }

    static List<List<CacheKey.Bucket>> contiguousRuns(List<CacheKey.Bucket> keys) {
        keys.sort((a, b) -> a.day().compareTo(b.day()));
        List<List<CacheKey.Bucket>> runs = new ArrayList<>();
        List<CacheKey.Bucket> current = new ArrayList<>();
        for (CacheKey.Bucket key : keys) {
            if (!current.isEmpty() && !current.get(current.size() - 1).day().plusDays(1).equals(key.day())) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(key);
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static List<DayBucket> join(List<CompletableFuture<DayBucket>> futures) {
        List<DayBucket> buckets = new ArrayList<>(futures.size());
        for (CompletableFuture<DayBucket> future : futures) {
            try {
                buckets.add(future.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof FillFailedException failure) {
                    throw failure;
                }
                throw e;
            }
        }
        return buckets;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public long size() {
        return store.size();
    }

    public CacheCounters counters() {
        return counters;
    }

    public BucketStore store() {
        return store;
    }

    public GenerationStore generations() {
        return generations;
    }
}
