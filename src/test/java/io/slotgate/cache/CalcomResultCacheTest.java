package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.time.MutableClock;
import io.slotgate.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cal.com answers an identical slots query from its own result cache for 2 s (NOTES.md §7), so a refetch right after
 * a booking's webhook may get the answer from before the booking. A fill is therefore stored under the generation of
 * a moment before it asked, and the changes learned since are patched into it again.
 */
class CalcomResultCacheTest {
    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    private static final Slot HALF_PAST = Slot.of(Instant.parse("2030-05-06T09:30:00Z"), Duration.ofMinutes(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
    private final VirtualScheduler background = new VirtualScheduler(clock);

    /** Cal.com as seen within 2 s of the booking: its cached answer still has the booked slot. */
    private DayBucketCache cache(Duration grace) {
        return DayBucketCache.builder(new CaffeineBucketStore(clock, 1000, Duration.ofHours(1)), clock, background,
                        (target, days, priority, patience) -> new CalcomOutcome.Success<>(List.of(NINE, HALF_PAST), null))
                .settings(s -> s.withFillSpan(FillSpan::asked).withCalcomResultCache(grace))
                .build();
    }

    /** A booking of half past nine is learned, and a refetch goes to Cal.com a second later. */
    private Lookup bookThenRefetch(DayBucketCache cache) {
        cache.lookup(KEY, DAY, DAY);
        cache.change(KEY.generation(), new DayChange.Busy(clock.instant(), HALF_PAST.start(), HALF_PAST.end(),
                DayChange.Kind.BOOKED, true));
        assertThat(cache.lookup(KEY, DAY, DAY).buckets().get(0).slots()).as("patched at once").containsExactly(NINE);
        clock.advance(Duration.ofSeconds(1));
        cache.refreshHot(KEY.generation());
        background.runDue();
        return cache.lookup(KEY, DAY, DAY);
    }

    @Test
    void aRefetchThatCalcomAnswersFromItsCacheKeepsTheBookedSlotOut() {
        Lookup after = bookThenRefetch(cache(DayBucketCache.DEFAULT_CALCOM_RESULT_CACHE));
        assertThat(after.buckets().get(0).slots()).containsExactly(NINE);
        assertThat(after.patched()).isTrue();
        assertThat(after.buckets().get(0).fetchedAt()).as("the refetch was stored").isEqualTo(clock.instant());
    }

    @Test
    void withoutTheGraceTheCachedAnswerWouldBringTheBookedSlotBack() {
        // what slotgate did before it knew of Cal.com's result cache: the refetch is taken as after the booking
        Lookup after = bookThenRefetch(cache(Duration.ZERO));
        assertThat(after.buckets().get(0).slots()).containsExactly(NINE, HALF_PAST);
    }

    @Test
    void aFillLongerAfterTheChangeIsTakenAsCalcomSaysIt() {
        DayBucketCache cache = cache(DayBucketCache.DEFAULT_CALCOM_RESULT_CACHE);
        cache.lookup(KEY, DAY, DAY);
        cache.change(KEY.generation(), new DayChange.Busy(clock.instant(), HALF_PAST.start(), HALF_PAST.end(),
                DayChange.Kind.BOOKED, true));
        clock.advance(Duration.ofSeconds(10));
        cache.refreshHot(KEY.generation());
        background.runDue();
        Lookup after = cache.lookup(KEY, DAY, DAY);
        // Cal.com's answer now is the truth, even if it still shows the slot (the booking was cancelled meanwhile,
        // say): past its cache, nothing is patched in again
        assertThat(after.buckets().get(0).slots()).containsExactly(NINE, HALF_PAST);
        assertThat(after.patched()).isFalse();
    }
}
