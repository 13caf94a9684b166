package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.slotgate.time.RealScheduler;
import io.slotgate.time.VirtualScheduler;

import static io.slotgate.support.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayBucketCacheTest {
    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private final AtomicReference<SimpleFiller> upstream = new AtomicReference<>();
    private final ReadersOf lastDayReaders = new ReadersOf(KEY.withDay(DAY.plusDays(6)),
            new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)));
    private final java.util.concurrent.atomic.AtomicBoolean refreshOnInvalidate =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private final DayBucketCache cache = DayBucketCache.builder(lastDayReaders, clock, new RealScheduler(),
                    (target, days, priority, patience) -> upstream.get().fetch(days))
            // these tests are about which days are asked for, not about widening
            .settings(s -> s.withFillSpan(FillSpan::asked).withRefreshOnInvalidate(refreshOnInvalidate::get))
            .build();

    private Lookup lookup(LocalDate first, LocalDate last, SimpleFiller filler) {
        upstream.set(filler);
        return cache.lookup(KEY, first, last);
    }

    private static final String CALLER = "caller-";

    /** The store, noting which of the test's callers have looked for one key. */
    private static final class ReadersOf implements BucketStore {
        private final CacheKey.Bucket watched;
        private final BucketStore store;
        private final Set<String> callers = ConcurrentHashMap.newKeySet();

        ReadersOf(CacheKey.Bucket watched, BucketStore store) {
            this.watched = watched;
            this.store = store;
        }

        int callers() {
            return callers.size();
        }

        @Override
        public Optional<DayBucket> get(CacheKey.Bucket key) {
            String thread = Thread.currentThread().getName();
            if (key.equals(watched) && thread.startsWith(CALLER)) {
                callers.add(thread);
            }
            return store.get(key);
        }

        @Override
        public void put(DayBucket bucket) {
            store.put(bucket);
        }

        @Override
        public void remove(CacheKey.Bucket key) {
            store.remove(key);
        }

        @Override
        public long size() {
            return store.size();
        }

        @Override
        public void clear() {
            store.clear();
        }

        @Override
        public Optional<DayBucket> held(CacheKey.Bucket key) {
            return store.held(key);
        }
    }

    /** A stand-in for Cal.com in these tests: answers one run of days. */
    @FunctionalInterface
    interface SimpleFiller {
        CalcomOutcome<List<Slot>> fetch(TimeRange days);
    }

    @Test
    void concurrentColdQueriesForTheSameDaysShareOneUpstreamCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SimpleFiller slowFiller = days -> {
            calls.incrementAndGet();
            await(release);
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        };
        List<Future<Lookup>> answers = new ArrayList<>();
        try (var pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(CALLER, 0).factory())) {
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> lookup(DAY, DAY.plusDays(6), slowFiller)));
            }
            // every caller has looked for its last day while the one call is held: all of them overlap it
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lastDayReaders.callers() == 200);
            release.countDown();
            for (Future<Lookup> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).buckets().get(0).slots()).containsExactly(NINE);
            }
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFreshBucketIsServedWithoutAnUpstreamCallAndAnExpiredOneIsFetchedAgain() {
        AtomicInteger calls = new AtomicInteger();
        SimpleFiller filler = days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        };
        assertThat(lookup(DAY, DAY, filler).outcome()).isEqualTo(CacheOutcome.MISS);
        clock.advance(Duration.ofSeconds(59));
        Lookup second = lookup(DAY, DAY, filler);
        assertThat(second.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(second.age()).isEqualTo(Duration.ofSeconds(59));
        clock.advance(Duration.ofSeconds(1));
        assertThat(lookup(DAY, DAY, filler).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(calls).hasValue(2);
    }

    @Test
    void emptyDaysAreCachedForTheShorterEmptyTtl() {
        AtomicInteger calls = new AtomicInteger();
        SimpleFiller nothingFree = days -> {
            calls.incrementAndGet();
            return new CalcomOutcome.Success<>(List.of(), null);
        };
        lookup(DAY, DAY, nothingFree);
        clock.advance(Duration.ofSeconds(29));
        assertThat(lookup(DAY, DAY, nothingFree).outcome()).isEqualTo(CacheOutcome.HIT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(lookup(DAY, DAY, nothingFree).outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFailedFillIsNeverCachedAsNoSlots() {
        SimpleFiller failing = days -> new CalcomOutcome.UpstreamError<>(503, "Cal.com answered 503");
        assertThatThrownBy(() -> lookup(DAY, DAY, failing))
                .isInstanceOfSatisfying(FillFailedException.class,
                        e -> assertThat(e.outcome()).isInstanceOf(CalcomOutcome.UpstreamError.class));
        Lookup after = lookup(DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));
        assertThat(after.outcome()).isEqualTo(CacheOutcome.MISS);
        assertThat(after.buckets().get(0).slots()).containsExactly(NINE);
    }

    @Test
    void aPartlyCachedRangeFetchesItsMissingDaysInOneCall() {
        // a call costs the rate budget the same for one day or a week: the two runs of missing days and the cached
        // days between them are one call
        List<TimeRange> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        SimpleFiller filler = days -> {
            asked.add(days);
            return new CalcomOutcome.Success<>(List.of(NINE), null);
        };
        lookup(DAY.plusDays(2), DAY.plusDays(3), filler);
        asked.clear();
        Lookup lookup = lookup(DAY, DAY.plusDays(6), filler);
        assertThat(lookup.outcome()).isEqualTo(CacheOutcome.PARTIAL);
        assertThat(asked).containsExactly(TimeRange.utcDays(DAY, DAY.plusDays(6)));
        assertThat(lookup.daysFromCache()).isEqualTo(2);
        assertThat(lookup.daysFetched()).isEqualTo(5);
    }

    @Test
    void anInvalidationDuringAFillKeepsTheFillsAnswerFromEveryReaderAndTheCache() throws Exception {
        refreshOnInvalidate.set(false); // this test is about the generation check alone
        CountDownLatch fillStarted = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        SimpleFiller racing = days -> {
            if (calls.incrementAndGet() == 1) {
                fillStarted.countDown();
                await(invalidated);
                return new CalcomOutcome.Success<>(List.of(NINE), null); // what Cal.com said before the change
            }
            return new CalcomOutcome.Success<>(List.of(), null);
        };
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Lookup> fill = pool.submit(() -> lookup(DAY, DAY, racing));
            assertThat(fillStarted.await(5, TimeUnit.SECONDS)).isTrue();
            cache.invalidate(KEY.generation());
            invalidated.countDown();
            assertThat(fill.get(5, TimeUnit.SECONDS).buckets().get(0).slots())
                    .as("the racing fill's answer predates the invalidation: the reader waits for the next call")
                    .isEmpty();
        }
        assertThat(calls).hasValue(2);
        assertThat(lookup(DAY, DAY, racing).outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(calls).as("what is cached is the call after the change").hasValue(2);
    }

    @Test
    void aDayBeingReadIsRefetchedInTheBackgroundAsSoonAsItIsInvalidated() {
        VirtualScheduler background = new VirtualScheduler(clock);
        AtomicInteger calls = new AtomicInteger();
        DayBucketCache refreshing = DayBucketCache.builder(new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)),
                clock, background, (target, days, priority, patience) -> {
                    calls.incrementAndGet();
                    return new CalcomOutcome.Success<>(calls.get() == 1 ? List.of(NINE) : List.of(), null);
                }).build();
        refreshing.lookup(KEY, DAY, DAY);
        refreshing.invalidate(KEY.generation());
        background.runDue();
        assertThat(calls).as("one background refetch").hasValue(2);
        Lookup after = refreshing.lookup(KEY, DAY, DAY);
        assertThat(after.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(after.buckets().get(0).slots()).as("the refetched day, not the invalidated one").isEmpty();
        assertThat(calls).hasValue(2);
    }

    @Test
    void aStaleDayIsServedAtOnceAndRefreshedOnceInTheBackground() {
        VirtualScheduler background = new VirtualScheduler(clock);
        AtomicInteger calls = new AtomicInteger();
        List<io.slotgate.calcom.Priority> priorities = new java.util.concurrent.CopyOnWriteArrayList<>();
        DayBucketCache swr = DayBucketCache.builder(new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)),
                clock, background, (target, days, priority, patience) -> {
                    calls.incrementAndGet();
                    priorities.add(priority);
                    return new CalcomOutcome.Success<>(List.of(NINE), null);
                }).policy(() -> (bucket, now) -> new Freshness(Duration.ofSeconds(60), Duration.ofSeconds(300))).build();
        swr.lookup(KEY, DAY, DAY);
        clock.advance(Duration.ofSeconds(90));
        for (int i = 0; i < 20; i++) {
            assertThat(swr.lookup(KEY, DAY, DAY).outcome()).isEqualTo(CacheOutcome.STALE);
        }
        assertThat(calls).as("nothing waited on Cal.com").hasValue(1);
        background.runDue();
        assertThat(calls).as("one refresh for twenty stale reads").hasValue(2);
        assertThat(swr.lookup(KEY, DAY, DAY).outcome()).isEqualTo(CacheOutcome.HIT);
        clock.advance(Duration.ofSeconds(400));
        assertThat(swr.lookup(KEY, DAY, DAY).outcome()).as("past maxStale a reader waits").isEqualTo(CacheOutcome.MISS);
        assertThat(priorities).containsExactly(io.slotgate.calcom.Priority.USER, io.slotgate.calcom.Priority.REFRESH,
                io.slotgate.calcom.Priority.USER);
    }

    @Test
    void refreshAheadRefreshesAHotBucketShortlyBeforeItExpires() {
        VirtualScheduler background = new VirtualScheduler(clock);
        AtomicInteger calls = new AtomicInteger();
        DayBucketCache xfetch = DayBucketCache.builder(new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)),
                clock, background, (target, days, priority, patience) -> {
                    calls.incrementAndGet();
                    return new CalcomOutcome.Success<>(List.of(NINE), null);
                }).refreshAhead(new RefreshAhead(() -> 1.0, Duration.ofSeconds(2), new java.util.Random(3))).build();
        xfetch.lookup(KEY, DAY, DAY);
        for (int second = 1; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(xfetch.lookup(KEY, DAY, DAY).outcome()).isEqualTo(CacheOutcome.HIT);
            background.runDue();
        }
        assertThat(calls).as("refreshed early, once, so no reader ever missed").hasValue(2);
        assertThat(xfetch.lookup(KEY, DAY, DAY).age()).isLessThan(Duration.ofSeconds(30));
    }

}
