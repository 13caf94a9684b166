package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import io.slotgate.time.RealScheduler;
import io.slotgate.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.slotgate.support.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

/** How the fill queue spends Cal.com calls: one call per event type at a time, each serving every reader it can. */
class FillSchedulingTest {
    private static final LocalDate TODAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket A = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, TODAY);
    private static final CacheKey.Bucket B = new CacheKey.Bucket(TenantId.DEFAULT, 12, 30, TODAY);
    private static final CacheKey.Bucket C = new CacheKey.Bucket(TenantId.DEFAULT, 13, 30, TODAY);

    private final MutableClock clock = new MutableClock(TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());

    /** A call Cal.com answered: what it was for, and with which priority. */
    private record Call(long eventTypeId, TimeRange days, Priority priority) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private DayBucketCache cache(io.slotgate.time.Scheduler background, BucketFiller filler) {
        return cache(background, filler, s -> s);
    }

    private DayBucketCache cache(io.slotgate.time.Scheduler background, BucketFiller filler,
                                 java.util.function.UnaryOperator<CacheSettings> settings) {
        return DayBucketCache.builder(new CaffeineBucketStore(clock, 10_000, Duration.ofHours(1)), clock, background,
                        filler)
                .policy(() -> (bucket, now) -> new Freshness(Duration.ofSeconds(60), Duration.ofSeconds(600)))
                .settings(settings)
                .build();
    }

    /** Days fetched as asked, refetched after changes, background calls 10 s apart, freed-only ones 30 s. */
    private DayBucketCache pacedCache(VirtualScheduler background) {
        return cache(background, (t, d, p, w) -> answer(t, d, p), s -> s.withFillSpan(FillSpan::asked)
                .withRefreshOnInvalidate(() -> true)
                .withSpacing(() -> Duration.ofSeconds(10), () -> Duration.ofSeconds(30)));
    }

    private CalcomOutcome<List<Slot>> answer(FillTarget target, TimeRange days, Priority priority) {
        calls.add(new Call(target.eventTypeId(), days, priority));
        List<Slot> slots = new ArrayList<>();
        for (LocalDate day : days.utcDays()) {
            slots.add(Slot.of(day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC), Duration.ofMinutes(30)));
        }
        return new CalcomOutcome.Success<>(slots, null);
    }

    @Test
    void changesOfManyDaysAtOneInstantShareOneBackgroundDriveAndEachEventTypeGetsOneCall() {
        VirtualScheduler virtual = new VirtualScheduler(clock);
        AtomicInteger drivesQueued = new AtomicInteger();
        io.slotgate.time.Scheduler counting = (task, delay) -> {
            if (delay.isZero()) {
                drivesQueued.incrementAndGet();
            }
            virtual.schedule(task, delay);
        };
        DayBucketCache cache = cache(counting, (t, d, p, w) -> answer(t, d, p),
                s -> s.withFillSpan(FillSpan::asked).withRefreshOnInvalidate(() -> true));
        for (CacheKey.Bucket key : List.of(A, B, C)) {
            cache.lookup(key, TODAY, TODAY.plusDays(4));
        }
        virtual.advanceTo(clock.instant());
        calls.clear();
        drivesQueued.set(0);

        for (CacheKey.Bucket key : List.of(A, B, C)) {
            for (int d = 0; d < 5; d++) {
                cache.invalidate(new CacheKey.Generation(TenantId.DEFAULT, key.eventTypeId(), TODAY.plusDays(d)));
            }
        }
        virtual.advanceTo(clock.instant());

        // fifteen changed days read lately: one drive for all of them (each drive scans every waiting day), one call
        // per event type for its five days
        assertThat(drivesQueued.get()).isEqualTo(1);
        assertThat(calls).extracting(Call::eventTypeId).containsExactlyInAnyOrder(11L, 12L, 13L);
        assertThat(calls).allSatisfy(call -> assertThat(call.days()).isEqualTo(TimeRange.utcDays(TODAY,
                TODAY.plusDays(4))));
    }

    @Test
    void readersOfManyDaysWaitingBehindACallInFlightShareTheNextCall() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        DayBucketCache cache = cache(new RealScheduler(), (target, days, priority, patience) -> {
            if (n.incrementAndGet() == 1) {
                inFlight.countDown();
                await(release);
            }
            return answer(target, days, priority);
        }, s -> s.withFillSpan(FillSpan::asked));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Lookup> first = pool.submit(() -> cache.lookup(A, TODAY, TODAY, Duration.ofSeconds(10)));
            assertThat(inFlight.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<Lookup>> waiting = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                LocalDate day = TODAY.plusDays(3L * i);
                waiting.add(pool.submit(() -> cache.lookup(A, day, day, Duration.ofSeconds(10))));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> waitingOn(cache) == 10);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(CacheOutcome.MISS);
            for (Future<Lookup> reader : waiting) {
                assertThat(reader.get(5, TimeUnit.SECONDS).buckets().get(0).slots()).hasSize(1);
            }
        }
        assertThat(calls).as("one call in flight, then one call for the ten days asked meanwhile").hasSize(2);
        assertThat(calls.get(1).days()).isEqualTo(TimeRange.utcDays(TODAY.plusDays(3), TODAY.plusDays(30)));
    }

    /** Readers whose days wait in the queue: counted from the days being filled or waiting, for the test's await. */
    private static int waitingOn(DayBucketCache cache) {
        return cache.waitingDays();
    }

    @Test
    void aNearMissFetchesTheNext16DaysAndAFarOneItsHalfYearEachInOneCall() {
        DayBucketCache cache = cache(new VirtualScheduler(clock), (t, d, p, w) -> answer(t, d, p));
        cache.lookup(A, TODAY.plusDays(2), TODAY.plusDays(2));
        cache.lookup(A, LocalDate.of(2030, 9, 12), LocalDate.of(2030, 9, 12));
        assertThat(calls).extracting(Call::days).containsExactly(TimeRange.utcDays(TODAY, TODAY.plusDays(15)),
                TimeRange.utcDays(LocalDate.of(2030, 9, 1), LocalDate.of(2031, 2, 28)));
        Lookup week = cache.lookup(A, TODAY, TODAY.plusDays(6));
        assertThat(week.outcome()).as("the next queries are answered by those calls").isEqualTo(CacheOutcome.HIT);
        assertThat(cache.lookup(A, LocalDate.of(2030, 11, 29), LocalDate.of(2030, 11, 29)).outcome())
                .isEqualTo(CacheOutcome.HIT);
        assertThat(calls).hasSize(2);
    }

    @Test
    void theBackgroundGivesTheNextCallToTheMostUrgentNeedFirst() {
        VirtualScheduler background = new VirtualScheduler(clock);
        DayBucketCache cache = cache(background, (t, d, p, w) -> answer(t, d, p), s -> s.withFillSpan(FillSpan::asked));
        for (CacheKey.Bucket key : List.of(A, B, C)) {
            cache.lookup(key, TODAY, TODAY);
        }
        calls.clear();
        clock.advance(Duration.ofSeconds(90)); // all three stale
        cache.warm(B, TODAY, TODAY, Duration.ZERO, Priority.WARMING);
        cache.lookup(A, TODAY, TODAY); // served stale: a refresh waits
        cache.invalidate(C.generation()); // a changed day: its refetch goes first
        background.runDue();
        assertThat(calls).extracting(Call::eventTypeId).containsExactly(13L, 11L, 12L);
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.REFETCH, Priority.REFRESH,
                Priority.WARMING);
    }

    @Test
    void aBackgroundCallTheBudgetRefusesWaitsUntilTheBudgetExpectsRoom() {
        VirtualScheduler background = new VirtualScheduler(clock);
        AtomicInteger n = new AtomicInteger();
        DayBucketCache cache = cache(background, (target, days, priority, patience) -> {
            if (priority == Priority.REFRESH && n.incrementAndGet() == 1) {
                return new CalcomOutcome.RateLimited<>(Duration.ofSeconds(5), null);
            }
            return answer(target, days, priority);
        }, s -> s.withFillSpan(FillSpan::asked));
        cache.lookup(A, TODAY, TODAY);
        clock.advance(Duration.ofSeconds(90));
        assertThat(cache.lookup(A, TODAY, TODAY).outcome()).isEqualTo(CacheOutcome.STALE);
        background.runDue();
        assertThat(calls).as("refused: nothing reached Cal.com yet").hasSize(1);
        background.advanceTo(clock.instant().plusSeconds(5));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).priority()).isEqualTo(Priority.REFRESH);
        assertThat(cache.lookup(A, TODAY, TODAY).outcome()).isEqualTo(CacheOutcome.HIT);
    }

    @Test
    void theChangesOfABusyMinuteShareOneBackgroundCallPerSpacingWhileAUsersMissIsNeverHeldBack() {
        VirtualScheduler background = new VirtualScheduler(clock);
        DayBucketCache cache = cache(background, (t, d, p, w) -> answer(t, d, p), s -> s.withFillSpan(FillSpan::asked)
                .withSpacing(() -> Duration.ofSeconds(10), () -> Duration.ZERO));
        CacheKey.Bucket later = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, TODAY.plusDays(1));
        cache.lookup(A, TODAY, TODAY.plusDays(1));
        background.advanceTo(clock.instant().plusSeconds(20)); // the reader's call counts: past its spacing
        calls.clear();
        // a change every second for five seconds, on one day or the other
        for (int i = 0; i < 5; i++) {
            cache.change((i % 2 == 0 ? A : later).generation(), new DayChange.Busy(clock.instant(),
                    clock.instant().plusSeconds(3600), clock.instant().plusSeconds(5400), DayChange.Kind.BOOKED,
                    false));
            background.advanceTo(clock.instant().plusSeconds(1));
        }
        background.advanceTo(clock.instant().plusSeconds(20));
        assertThat(calls).as("the first refetch goes once Cal.com's result cache can show its change; the four "
                        + "changes after it share the next call, ten seconds after the first")
                .extracting(Call::priority).containsExactly(Priority.REFETCH, Priority.REFETCH);
        assertThat(calls.get(1).days()).isEqualTo(TimeRange.utcDays(TODAY, TODAY.plusDays(1)));

        calls.clear();
        cache.change(A.generation(), new DayChange.Dropped(clock.instant(), "admin"));
        Lookup reader = cache.lookup(A, TODAY, TODAY);
        assertThat(reader.outcome()).as("a dropped day: the reader's own call goes at once").isEqualTo(
                CacheOutcome.MISS);
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.USER);
    }

    @Test
    void aRefetchThatCanOnlyShowFreedSlotsWaitsForTheFreedSpacingUnlessANeedThatMayShowATakenSlotJoinsIt() {
        VirtualScheduler background = new VirtualScheduler(clock);
        DayBucketCache cache = pacedCache(background);
        cache.lookup(A, TODAY, TODAY);
        Instant lastCall = clock.instant();
        calls.clear();
        // a cancellation: the copy may leave the freed slot out, and offers nothing taken
        cache.refetch(A.generation(), clock.instant());
        background.advanceTo(lastCall.plusSeconds(29));
        assertThat(calls).as("paced by the freed spacing, not the background one").isEmpty();
        background.advanceTo(lastCall.plusSeconds(31));
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.REFETCH);

        lastCall = clock.instant();
        calls.clear();
        cache.refetch(A.generation(), clock.instant());
        // a change no webhook announced, found on a sibling: the copy may offer a taken slot, so joined by its
        // refresh the day is paced as the background's
        cache.refreshHot(A.generation());
        background.advanceTo(lastCall.plusSeconds(11));
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.REFETCH);
    }

    @Test
    void aConservativelyPatchedDayWaitsForItsOwnPacedRefetchInsteadOfMakingTheWarmerRefetchItsWindow() {
        VirtualScheduler background = new VirtualScheduler(clock);
        DayBucketCache cache = pacedCache(background);
        cache.lookup(A, TODAY, TODAY.plusDays(2));
        Instant lastCall = clock.instant();
        calls.clear();
        Instant nine = TODAY.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        // a round robin's host booked: the slot goes conservatively, and the day's refetch is queued, freed-paced
        cache.change(A.generation(), new DayChange.Busy(clock.instant(), nine, nine.plusSeconds(1800),
                DayChange.Kind.BOOKED, false));

        // the warmer's rounds, every 5 s: the window is fresh but for the patched day
        for (int round = 1; round <= 5; round++) {
            background.advanceTo(lastCall.plusSeconds(5L * round));
            assertThat(cache.warm(A, TODAY, TODAY.plusDays(2), Duration.ZERO, Priority.WARMING))
                    .as("round %d", round).isFalse();
        }
        assertThat(calls).as("no call before the freed spacing").isEmpty();
        background.advanceTo(lastCall.plusSeconds(31));
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.REFETCH);
    }

    @Test
    void aCallAnotherInstanceMadeForTheEventTypePacesThisInstancesBackgroundCallsToo() {
        VirtualScheduler background = new VirtualScheduler(clock);
        DayBucketCache cache = pacedCache(background);
        cache.lookup(A, TODAY, TODAY);
        calls.clear();
        background.advanceTo(clock.instant().plusSeconds(60));
        // the other instance refetched the event type a moment ago; then a cancellation frees a slot here
        cache.filledElsewhere(A, clock.instant());
        Instant theirs = clock.instant();
        cache.refetch(A.generation(), clock.instant());

        background.advanceTo(theirs.plusSeconds(29));
        assertThat(calls).as("paced from the other instance's call").isEmpty();
        background.advanceTo(theirs.plusSeconds(31));
        assertThat(calls).extracting(Call::priority).containsExactly(Priority.REFETCH);
    }

    @Test
    void aConservativeCopyPastItsChangedCopyTimeIsStillServedWhenNoCallCanBeMade() {
        java.util.concurrent.atomic.AtomicBoolean spent = new java.util.concurrent.atomic.AtomicBoolean();
        DayBucketCache cache = cache(new VirtualScheduler(clock), (target, days, priority, patience) ->
                spent.get() ? new CalcomOutcome.RateLimited<>(Duration.ofSeconds(30), null)
                        : answer(target, days, priority),
                s -> s.withFillSpan(FillSpan::asked).withChangedCopyFor(() -> Duration.ofSeconds(20)));
        cache.lookup(A, TODAY, TODAY);
        spent.set(true);
        Instant nine = TODAY.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        // a round robin's host booked at nine: another host may be free, so the slot goes, conservatively
        cache.change(A.generation(), new DayChange.Busy(clock.instant(), nine, nine.plusSeconds(1800),
                DayChange.Kind.BOOKED, false));
        Lookup changed = cache.lookup(A, TODAY, TODAY, Duration.ZERO);
        assertThat(changed.daysStale()).isEqualTo(1);
        assertThat(changed.buckets().get(0).slots()).isEmpty();

        clock.advance(Duration.ofSeconds(30)); // past the changed-copy time, and the budget is still spent
        Lookup overdue = cache.lookup(A, TODAY, TODAY, Duration.ZERO);
        assertThat(overdue.daysStale()).as("served, marked stale, rather than a 503").isEqualTo(1);
        assertThat(overdue.buckets().get(0).slots()).as("the copy that never offers the taken slot").isEmpty();
    }

    @Test
    void aReaderWhoseDayNoCallCanFetchInItsWaitIsRefusedWithTheBudgetsWait() {
        DayBucketCache cache = cache(new VirtualScheduler(clock), (target, days, priority, patience) ->
                new CalcomOutcome.RateLimited<>(Duration.ofSeconds(7), null));
        try {
            cache.lookup(A, TODAY, TODAY, Duration.ZERO);
            org.assertj.core.api.Assertions.fail("expected a refusal");
        } catch (FillFailedException refused) {
            assertThat(refused.outcome()).isInstanceOfSatisfying(CalcomOutcome.RateLimited.class,
                    r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        }
    }

}
