package io.slotgate.cache;

import static io.slotgate.time.Durations.max;

import io.slotgate.calcom.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A reader's lookup of a run of days: serves each day as {@link DayStates} classifies it, asks the background for
 * what should be refreshed or refetched, and waits for the fills of the days no copy can answer, serving an overdue
 * copy of a day no call answered in time. A record only to hold what the cache built for it: it has no state of its
 * own between reads.
 */
record RangeReader(Clock clock, Supplier<FreshnessPolicy> policy, RefreshAhead refreshAhead, CacheSettings settings,
                   CacheCounters counters, FillQueue queue, DayStates states, ChangeFollowUp followUp,
                   BackgroundDrive drive, FillWaiter waiter) {
    /** See {@link DayBucketCache#lookup(CacheKey.Bucket, LocalDate, LocalDate, Duration)}. */
    Lookup read(CacheKey.Bucket template, LocalDate first, LocalDate last, Duration wait) {
        Instant now = clock.instant();
        FreshnessPolicy freshness = policy.get();
        FillTarget target = template.target();
        // by day offset from first; the maps for days to wait on are made only when a day must be waited on (a hit
        // has none, and allocating them per request showed on the hit path's profile)
        int days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
        DayBucket[] found = new DayBucket[Math.max(days, 0)];
        int fromCache = 0;
        Map<LocalDate, CompletableFuture<DayBucket>> missing = null;
        Map<LocalDate, DayBucket> overdue = null;
        boolean refresh = false;
        Duration age = Duration.ZERO;
        int stale = 0;
        int index = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), index++) {
            CacheKey.Bucket key = template.withDay(day);
            followUp.read(key);
            DayStates.Classified c = states.classify(key, freshness, now);
            switch (c.state()) {
                case FRESH -> {
                    DayBucket bucket = c.bucket().orElseThrow();
                    found[index] = bucket;
                    fromCache++;
                    // the verdict classify reached: computing it again per day showed on the hit path's profile
                    refresh |= !settings.keptWarm().test(key.eventTypeId()) && refreshAhead.shouldRefreshEarly(bucket.age(now),
                            c.freshness().freshFor());
                }
                case STALE -> {
                    found[index] = c.bucket().orElseThrow();
                    fromCache++;
                    refresh = true;
                    stale++;
                }
                case CHANGED -> {
                    // its refetch was queued with the change; asking again keeps it first in line, paced as the
                    // change's own follow-up is: the copy may leave slots out but offers no taken one
                    DayBucket copy = c.bucket().orElseThrow();
                    found[index] = copy;
                    fromCache++;
                    drive.need(target, day, day, Priority.REFETCH,
                            copy.patches().inexactSince().orElseThrow().plus(settings.calcomResultCache()), false, true);
                    stale++;
                }
                case HELD -> {
                    found[index] = c.bucket().orElseThrow();
                    fromCache++;
                    drive.need(target, day, day, Priority.REFETCH, Instant.MIN, false, false);
                    stale++;
                }
                case OVERDUE -> {
                    if (overdue == null) {
                        overdue = new LinkedHashMap<>();
                    }
                    overdue.put(day, c.bucket().orElseThrow());
                    if (missing == null) {
                        missing = new LinkedHashMap<>();
                    }
                    missing.put(day, queue.need(target, day, Priority.USER, now, Instant.MIN, false));
                }
                case UNUSABLE -> {
                    if (missing == null) {
                        missing = new LinkedHashMap<>();
                    }
                    missing.put(day, queue.need(target, day, Priority.USER, now, Instant.MIN, false));
                }
            }
            if (c.state() != DayStates.State.UNUSABLE && c.state() != DayStates.State.OVERDUE) {
                age = max(age, c.bucket().get().age(now));
            }
        }
        if (refresh) {
            // one call refreshes a run of days as cheaply as one day: refresh the whole range the reader wanted, so
            // its days age together and the next refresh is again one call
            drive.need(target, first, last, Priority.REFRESH, Instant.MIN, false, false);
        }
        int fetched = 0;
        if (missing != null) {
            Map<LocalDate, Object> settled = waiter.awaitFills(target, missing, wait);
            FillFailedException failure = null;
            for (Map.Entry<LocalDate, Object> e : settled.entrySet()) {
                int at = (int) (e.getKey().toEpochDay() - first.toEpochDay());
                if (e.getValue() instanceof DayBucket bucket) {
                    found[at] = bucket;
                    fetched++;
                } else if (overdue != null && overdue.containsKey(e.getKey())) {
                    DayBucket copy = overdue.get(e.getKey());
                    found[at] = copy;
                    age = max(age, copy.age(now));
                    stale++;
                    fromCache++;
                } else {
                    failure = (FillFailedException) e.getValue();
                }
            }
            if (failure != null) {
                counters.record(fromCache - stale, stale, 0);
                throw failure;
            }
        }
        counters.record(fromCache - stale, stale, fetched);
        return new Lookup(Arrays.asList(found), fromCache, stale, fetched, age);
    }
}
