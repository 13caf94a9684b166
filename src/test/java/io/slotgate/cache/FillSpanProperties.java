package io.slotgate.cache;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** How wide one Cal.com call is. */
class FillSpanProperties {
    private static final LocalDate TODAY = LocalDate.of(2030, 1, 7);

    private static TreeSet<LocalDate> days(int... offsets) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int offset : offsets) {
            days.add(TODAY.plusDays(offset));
        }
        return days;
    }

    @Test
    void aNeedInTheNext16DaysFetchesAllOfThemSoThatATwoWeekWindowInAnyZoneReadsOneFill() {
        FillSpan.Days days = FillSpan.defaults().choose(days(3), TODAY.plusDays(3), TODAY);
        assertThat(days).isEqualTo(new FillSpan.Days(TODAY, TODAY.plusDays(15)));
    }

    @Test
    void aFarNeedFetchesItsCalendarMonthAndTheFiveAfterIt() {
        LocalDate far = LocalDate.of(2030, 9, 17);
        assertThat(FillSpan.defaults().choose(new TreeSet<>(List.of(far)), far, TODAY))
                .isEqualTo(new FillSpan.Days(LocalDate.of(2030, 9, 1), LocalDate.of(2031, 2, 28)));
        assertThat(new FillSpan(92, 16, 3).choose(new TreeSet<>(List.of(far)), far, TODAY))
                .as("a quarter").isEqualTo(new FillSpan.Days(LocalDate.of(2030, 9, 1), LocalDate.of(2030, 11, 30)));
        assertThat(new FillSpan(31, 14, 1).choose(new TreeSet<>(List.of(far)), far, TODAY))
                .as("one month").isEqualTo(new FillSpan.Days(LocalDate.of(2030, 9, 1), LocalDate.of(2030, 9, 30)));
    }

    @Test
    void otherWaitingDaysOfTheEventTypeRideAlongWithinTheSpan() {
        FillSpan.Days days = FillSpan.defaults().choose(days(2, 20), TODAY.plusDays(2), TODAY);
        assertThat(days).isEqualTo(new FillSpan.Days(TODAY, TODAY.plusDays(20)));
    }

    @Test
    void theAskedSpanIsTheAskedDaysAndTheDaysBetween() {
        assertThat(FillSpan.asked().choose(days(2, 5), TODAY.plusDays(5), TODAY))
                .isEqualTo(new FillSpan.Days(TODAY.plusDays(2), TODAY.plusDays(5)));
    }

    /**
     * Whatever waits, a call holds the most urgent day and every asked-for day it can, never more than the longest
     * span, and never a day before both today and the first day asked.
     */
    @Property(tries = 500)
    void aSpanHoldsTheUrgentDayWithinItsLimit(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = -2, max = 400) Integer> offsets,
            @ForAll @IntRange(min = 0, max = 29) int urgentIndex,
            @ForAll @IntRange(min = 1, max = 92) int maxDays,
            @ForAll @IntRange(min = 0, max = 20) int nearDays,
            @ForAll @IntRange(min = 0, max = 4) int farMonths) {
        FillSpan span = new FillSpan(maxDays, Math.min(nearDays, maxDays), farMonths);
        TreeSet<LocalDate> waiting = new TreeSet<>();
        offsets.forEach(o -> waiting.add(TODAY.plusDays(o)));
        LocalDate urgent = waiting.stream().toList().get(urgentIndex % waiting.size());
        FillSpan.Days days = span.choose(waiting, urgent, TODAY);
        assertThat(days.contains(urgent)).isTrue();
        assertThat(days.count()).isBetween(1L, (long) maxDays);
        LocalDate earliest = waiting.first().isBefore(TODAY) ? waiting.first() : TODAY;
        assertThat(days.first()).isAfterOrEqualTo(earliest);
        long held = waiting.stream().filter(days::contains).count();
        // no other window of the same length around the urgent day holds more of the waiting days
        for (LocalDate start = urgent.minusDays(days.count() - 1); !start.isAfter(urgent); start = start.plusDays(1)) {
            FillSpan.Days other = new FillSpan.Days(start, start.plusDays(days.count() - 1));
            if (days.count() == maxDays) {
                assertThat(waiting.stream().filter(other::contains).count()).isLessThanOrEqualTo(held);
            }
        }
    }
}
