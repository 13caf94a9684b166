package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Answers a run of UTC days from day buckets: fresh buckets come from the store, the rest are fetched as contiguous
 * runs (one upstream call per run) and split into buckets, empty days included.
 *
 * <p>Coalescing is per day: the first query to miss a day claims it with a future in {@code inFlight}; every other
 * query that misses the same day waits on that future instead of calling Cal.com. So overlapping queries, not only
 * identical ones, cause one upstream call per day however many arrive at once.
 */
public final class DayBucketCache {
    private final BucketStore store;
    private final Supplier<FreshnessPolicy> policy;
    private final GenerationStore generations;
    private final Clock clock;
    private final FillLeases leases;
    private final ConcurrentHashMap<CacheKey.Bucket, CompletableFuture<DayBucket>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService fills = Executors.newVirtualThreadPerTaskExecutor();

    public DayBucketCache(BucketStore store, Supplier<FreshnessPolicy> policy, GenerationStore generations, Clock clock) {
        this(store, policy, generations, clock, FillLeases.NONE);
    }

    /** With {@code leases} coordinating fills with other instances sharing the same store. */
    public DayBucketCache(BucketStore store, Supplier<FreshnessPolicy> policy, GenerationStore generations, Clock clock,
                          FillLeases leases) {
        this.store = store;
        this.policy = policy;
        this.generations = generations;
        this.clock = clock;
        this.leases = leases;
    }

    /**
     * The buckets of {@code template}'s event type and duration for every day in [first, last].
     *
     * @throws FillFailedException when a missing day could not be fetched; nothing is cached for it
     */
    public Lookup lookup(CacheKey.Bucket template, LocalDate first, LocalDate last, BucketFiller filler) {
        Instant now = clock.instant();
        FreshnessPolicy freshness = policy.get();
        Map<LocalDate, DayBucket> found = new LinkedHashMap<>();
        List<CacheKey.Bucket> missing = new ArrayList<>();
        Duration age = Duration.ZERO;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            CacheKey.Bucket key = template.withDay(day);
            Optional<DayBucket> cached = usable(key, freshness, now);
            if (cached.isPresent()) {
                found.put(day, cached.get());
                age = max(age, cached.get().age(now));
            } else {
                missing.add(key);
            }
        }
        int fromCache = found.size();
        if (!missing.isEmpty()) {
            fetchMissing(missing, filler).forEach(b -> found.put(b.key().day(), b));
        }
        List<DayBucket> ordered = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            ordered.add(found.get(day));
        }
        return new Lookup(ordered, fromCache, missing.size(), age);
    }

    /**
     * A stored bucket is usable only while fresh and while its generation is still the current one: checking the
     * generation at read time, not only at write time, makes every interleaving of fill and invalidation safe, even
     * a fill that wrote just after an invalidation removed the entry.
     */
    private Optional<DayBucket> usable(CacheKey.Bucket key, FreshnessPolicy freshness, Instant now) {
        return store.get(key)
                .filter(b -> b.generation() == generations.current(key.generation()))
                .filter(b -> freshness.isFresh(b, now));
    }

    /**
     * Makes every bucket of this event type's day unusable, whatever its duration, and keeps a fill in flight from
     * writing: the generation moves on, and buckets are checked against it when read.
     */
    public void invalidate(CacheKey.Generation day) {
        generations.increment(day);
    }

    private List<DayBucket> fetchMissing(List<CacheKey.Bucket> missing, BucketFiller filler) {
        Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed = new LinkedHashMap<>();
        List<CompletableFuture<DayBucket>> all = new ArrayList<>();
        for (CacheKey.Bucket key : missing) {
            CompletableFuture<DayBucket> mine = new CompletableFuture<>();
            CompletableFuture<DayBucket> theirs = inFlight.putIfAbsent(key, mine);
            if (theirs != null) {
                all.add(theirs);
            } else {
                claimed.put(key, mine);
                all.add(mine);
            }
        }
        settleFilledMeanwhile(claimed);
        List<List<CacheKey.Bucket>> runs = contiguousRuns(new ArrayList<>(claimed.keySet()));
        for (int i = 0; i < runs.size(); i++) {
            List<CacheKey.Bucket> run = runs.get(i);
            if (i == runs.size() - 1) {
                fill(run, claimed, filler);
            } else {
                fills.execute(() -> fill(run, claimed, filler));
            }
        }
        return join(all);
    }

    /**
     * Between our look in the store and our claim, another query may have finished the same day's fill and left
     * the in-flight map: take its bucket rather than call Cal.com a second time.
     */
    private void settleFilledMeanwhile(Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed) {
        Instant now = clock.instant();
        FreshnessPolicy freshness = policy.get();
        claimed.entrySet().removeIf(e -> {
            Optional<DayBucket> fresh = usable(e.getKey(), freshness, now);
            fresh.ifPresent(b -> release(e.getKey(), e.getValue(), b));
            return fresh.isPresent();
        });
    }

    /**
     * Fills one run of claimed days. Days whose lease another instance holds are awaited (they appear in the shared
     * store) rather than fetched; whatever happens, every claimed future of the run is completed, so no query waits
     * forever on a fill that went wrong.
     */
    private void fill(List<CacheKey.Bucket> run, Map<CacheKey.Bucket, CompletableFuture<DayBucket>> claimed,
                      BucketFiller filler) {
        try {
            FillLeases.Claim claim = leases.claim(run);
            try {
                for (List<CacheKey.Bucket> mine : contiguousRuns(new ArrayList<>(claim.mine()))) {
                    fetchAndStore(mine, claimed, filler);
                }
            } finally {
                claim.release().run();
            }
            if (!claim.theirs().isEmpty()) {
                List<CacheKey.Bucket> left = awaitOtherInstances(claim.theirs(), claimed);
                for (List<CacheKey.Bucket> rest : contiguousRuns(left)) {
                    fetchAndStore(rest, claimed, filler);
                }
            }
        } catch (RuntimeException e) {
            FillFailedException failure = new FillFailedException(
                    new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName()));
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
                Optional<DayBucket> delivered = usable(key, freshness, now);
                if (delivered.isPresent()) {
                    release(key, claimed.get(key), delivered.get());
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
                               BucketFiller filler) {
        Map<CacheKey.Bucket, Long> startedUnder = new LinkedHashMap<>();
        List<Long> current = generations.refresh(run.stream().map(CacheKey.Bucket::generation).toList());
        for (int i = 0; i < run.size(); i++) {
            startedUnder.put(run.get(i), current.get(i));
        }
        CalcomOutcome<List<Slot>> outcome;
        try {
            outcome = filler.fetch(TimeRange.utcDays(run.get(0).day(), run.get(run.size() - 1).day()));
        } catch (RuntimeException e) {
            outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof CalcomOutcome.Success<List<Slot>> ok) {
            Map<LocalDate, List<Slot>> byDay = splitByUtcDay(ok.value());
            Instant fetchedAt = clock.instant();
            for (CacheKey.Bucket key : run) {
                long generation = startedUnder.get(key);
                DayBucket bucket = new DayBucket(key, byDay.getOrDefault(key.day(), List.of()), fetchedAt, generation);
                if (generations.current(key.generation()) == generation) {
                    store.put(bucket);
                }
                release(key, claimed.get(key), bucket);
            }
        } else {
            FillFailedException failure = new FillFailedException(outcome);
            for (CacheKey.Bucket key : run) {
                CompletableFuture<DayBucket> future = claimed.get(key);
                inFlight.remove(key, future);
                future.completeExceptionally(failure);
            }
        }
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
}
