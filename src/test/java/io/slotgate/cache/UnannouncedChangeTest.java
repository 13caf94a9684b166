package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.ManualScheduler;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refetch that finds a slot gone which no invalidation announced is reported: it is a change nothing signalled
 * (a host's external calendar), and the host's other event types likely changed too.
 */
class UnannouncedChangeTest {
    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = slotAt("09:00");
    private static final Slot TEN = slotAt("10:00");
    private static final Slot ELEVEN = slotAt("11:00");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private final AtomicReference<List<Slot>> calcom = new AtomicReference<>();
    private final ManualScheduler background = new ManualScheduler();
    private final List<CacheKey.Generation> reported = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean refreshOnInvalidate =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private final InMemoryGenerations generations = new InMemoryGenerations();
    private final DayBucketCache cache = DayBucketCache.builder(
                    new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)), clock, background,
                    (target, days, priority, patience) -> new CalcomOutcome.Success<>(calcom.get(), null))
            // each day on its own: the tests refetch one day at a time
            .settings(s -> s.withFillSpan(FillSpan::asked).withRefreshOnInvalidate(refreshOnInvalidate::get)
                    .withUnannouncedChange(day -> {
                        reported.add(day);
                        return List.of();
                    }))
            .generations(generations)
            .build();

    private static Slot nextDay(Slot slot) {
        return new Slot(slot.start().plus(Duration.ofDays(1)), slot.end().plus(Duration.ofDays(1)));
    }

    private static Slot slotAt(String time) {
        return Slot.of(Instant.parse("2030-05-06T" + time + ":00Z"), Duration.ofMinutes(30));
    }

    /** Fills the day with {@code first}, lets it expire (60 s in phase 1), and refetches it with {@code then}. */
    private void refetch(List<Slot> first, List<Slot> then) {
        refetch(KEY, first, then);
    }

    private void refetch(CacheKey.Bucket key, List<Slot> first, List<Slot> then) {
        calcom.set(first);
        assertThat(cache.lookup(key, key.day(), key.day()).outcome()).isEqualTo(CacheOutcome.MISS);
        clock.advance(Duration.ofSeconds(60));
        calcom.set(then);
        assertThat(cache.lookup(key, key.day(), key.day()).buckets().get(0).slots()).isEqualTo(then);
    }

    @Test
    void aSlotGoneBehindTheFirstIsReportedAsAnUnannouncedChange() {
        refetch(List.of(NINE, TEN, ELEVEN), List.of(NINE, ELEVEN));

        assertThat(reported).containsExactly(KEY.generation());
    }

    @Test
    void slotsThatOnlyDropOffTheFrontOfTheDayAreTimePassingNotAChange() {
        // each on a day of its own
        refetch(KEY, List.of(NINE, TEN, ELEVEN), List.of(TEN, ELEVEN));
        refetch(KEY.withDay(DAY.plusDays(1)), List.of(nextDay(NINE), nextDay(TEN)), List.of());
        refetch(KEY.withDay(DAY.plusDays(2)), List.of(nextDay(nextDay(NINE))),
                List.of(nextDay(nextDay(NINE)), nextDay(nextDay(TEN))));

        assertThat(reported).isEmpty();
    }

    @Test
    void aChangeThatAnInvalidationAnnouncedIsNotReportedAgain() {
        calcom.set(List.of(NINE, TEN, ELEVEN));
        cache.lookup(KEY, DAY, DAY);
        cache.invalidate(KEY.generation());
        calcom.set(List.of(NINE, ELEVEN));
        assertThat(cache.lookup(KEY, DAY, DAY).outcome()).isEqualTo(CacheOutcome.MISS);

        assertThat(reported).isEmpty();
    }

    @Test
    void withRefreshOnInvalidateOffNothingIsReported() {
        refreshOnInvalidate.set(false);
        refetch(List.of(NINE, TEN, ELEVEN), List.of(NINE, ELEVEN));

        assertThat(reported).isEmpty();
    }

    @Test
    void refreshHotRefetchesTheDurationsReadLatelyWithoutMovingTheGenerationOrPassingTheChangeOn() {
        calcom.set(List.of(NINE, TEN, ELEVEN));
        cache.lookup(KEY, DAY, DAY);
        calcom.set(List.of(NINE, ELEVEN));
        clock.advance(Duration.ofSeconds(1));

        cache.refreshHot(KEY.generation());
        assertThat(background.runAll()).isEqualTo(1);

        Lookup after = cache.lookup(KEY, DAY, DAY);
        assertThat(after.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(after.buckets().get(0).slots()).containsExactly(NINE, ELEVEN);
        assertThat(generations.current(KEY.generation())).isZero();
        // the sibling that asked for this refetch already knows of the change
        assertThat(reported).isEmpty();
    }

    @Test
    void refreshHotLeavesADayNobodyReadAlone() {
        cache.refreshHot(KEY.generation());

        assertThat(background.pending()).isZero();
    }
}
