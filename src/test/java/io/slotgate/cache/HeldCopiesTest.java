package io.slotgate.cache;

import io.slotgate.slots.Slot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The copies kept when the shared tier stops vouching for L1: kept honest by every change heard since. */
class HeldCopiesTest {
    private static final LocalDate DAY = LocalDate.of(2030, 1, 8);
    private static final CacheKey.Bucket THIRTY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final CacheKey.Bucket SIXTY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 60, DAY);
    private static final Instant FETCHED = Instant.parse("2030-01-07T10:00:00Z");
    private static final Slot NINE = slot("09:00", 30);
    private static final Slot TEN = slot("10:00", 30);

    private final HeldCopies held = new HeldCopies(Duration.ofHours(1));

    private static Slot slot(String time, int minutes) {
        Instant start = Instant.parse(DAY + "T" + time + ":00Z");
        return new Slot(start, start.plusSeconds(minutes * 60L));
    }

    private static DayBucket copy(CacheKey.Bucket key, Instant fetchedAt, Slot... slots) {
        return new DayBucket(key, List.of(slots), fetchedAt, 4);
    }

    private static DayChange.Busy busyAtTen(Instant learnedAt) {
        return new DayChange.Busy(learnedAt, TEN.start(), TEN.end(), DayChange.Kind.RESERVED, true);
    }

    @Test
    void aBusyTimeHeardWhileHeldIsPatchedIntoEveryDurationOfItsDay() {
        held.hold(List.of(copy(THIRTY, FETCHED, NINE, TEN), copy(SIXTY, FETCHED, slot("10:00", 60))), FETCHED);

        held.apply(THIRTY.generation(), busyAtTen(FETCHED.plusSeconds(30)));

        assertThat(held.get(THIRTY).orElseThrow().offered()).containsExactly(NINE);
        assertThat(held.get(SIXTY).orElseThrow().offered()).isEmpty();
    }

    @Test
    void aDropRemovesTheDayAndATrustedCopyReleasesItsKey() {
        held.hold(List.of(copy(THIRTY, FETCHED, NINE, TEN), copy(SIXTY, FETCHED, NINE)), FETCHED);

        held.release(SIXTY);
        assertThat(held.get(SIXTY)).isEmpty();
        assertThat(held.get(THIRTY)).isPresent();

        held.apply(THIRTY.generation(), new DayChange.Dropped(FETCHED.plusSeconds(5), "admin"));
        assertThat(held.get(THIRTY)).isEmpty();
        assertThat(held.size()).isZero();
    }

    @Test
    void aKeyHeldTwiceKeepsTheLaterFetchAndCopiesOlderThanTheKeepTimeGo() {
        held.hold(List.of(copy(THIRTY, FETCHED.plusSeconds(60), NINE)), FETCHED.plusSeconds(60));
        held.hold(List.of(copy(THIRTY, FETCHED, NINE, TEN)), FETCHED.plusSeconds(60));
        assertThat(held.get(THIRTY).orElseThrow().fetchedAt()).isEqualTo(FETCHED.plusSeconds(60));

        held.hold(List.of(), FETCHED.plus(Duration.ofHours(2)));
        assertThat(held.get(THIRTY)).isEmpty();
    }

    @Test
    void reconcilingAppliesOnlyWhatWasLearnedAfterTheFetchAndDropsADayWhoseLogMayHaveLostAChange() {
        CacheKey.Bucket other = new CacheKey.Bucket(TenantId.DEFAULT, 12, 30, DAY);
        held.hold(List.of(copy(THIRTY, FETCHED, NINE, TEN), copy(other, FETCHED, NINE, TEN)), FETCHED);
        Duration margin = Duration.ofSeconds(3);
        DayChange.Busy beforeFetch = new DayChange.Busy(FETCHED.minusSeconds(60), NINE.start(), NINE.end(),
                DayChange.Kind.RESERVED, true);

        // the fetch already showed the first change; the second came while this instance was away
        held.reconcile(THIRTY.generation(), List.of(beforeFetch, busyAtTen(FETCHED.plusSeconds(20))), true, margin);
        assertThat(held.get(THIRTY).orElseThrow().offered()).containsExactly(NINE);

        // a log trimmed to changes after the fetch may have lost one in between: nothing held of the day is trusted
        held.reconcile(other.generation(), List.of(busyAtTen(FETCHED.plusSeconds(20))), false, margin);
        assertThat(held.get(other)).isEmpty();
    }

    @Test
    void aDropInTheSharedLogAfterTheFetchRemovesTheHeldCopy() {
        held.hold(List.of(copy(THIRTY, FETCHED, NINE, TEN)), FETCHED);
        held.reconcile(THIRTY.generation(), List.of(new DayChange.Dropped(FETCHED.plusSeconds(1), "invalidated")),
                true, Duration.ofSeconds(3));
        assertThat(held.get(THIRTY)).isEmpty();
    }
}
