package io.slotgate.emulator;

import io.slotgate.emulator.DateRanges.Range;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slot runs against the cases of Cal.com's own {@code packages/features/schedules/lib/slots.test.ts} ("Tests the
 * date-range slot logic with showOptimizedSlots"): 12 September 2024 in America/Los_Angeles (-07:00), no notice.
 */
class SlotRunsTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void aTenMinuteBusyGapCostsAnHourUnlessOptimizedSlotsUseTheSpareMinutes() {
        // 08:00-10:00 and 10:10-12:30 local
        List<Range> ranges = List.of(range("15:00", "17:00"), range("17:10", "19:30"));
        assertThat(local(SlotRuns.build(ranges, 60, 60, LA, LONG_AGO, true)))
                .containsExactly("08:00", "09:00", "10:15", "11:15");
        assertThat(local(SlotRuns.build(ranges, 60, 60, LA, LONG_AGO, false)))
                .containsExactly("08:00", "09:00", "11:00");
    }

    @Test
    void aRangeFromQuarterToEightStartsOnTheHourEitherWay() {
        List<Range> ranges = List.of(range("14:45", "22:30"));  // 07:45-15:30 local
        for (boolean optimized : new boolean[]{true, false}) {
            assertThat(local(SlotRuns.build(ranges, 60, 60, LA, LONG_AGO, optimized)))
                    .containsExactly("08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00");
        }
    }

    @Test
    void thirtyMinuteSlotsAroundABusyGap() {
        // 08:00-10:00 and 10:10-12:45 local: 9 optimized slots, 8 plain ones
        List<Range> ranges = List.of(range("15:00", "17:00"), range("17:10", "19:45"));
        assertThat(SlotRuns.build(ranges, 30, 30, LA, LONG_AGO, true)).hasSize(9);
        assertThat(SlotRuns.build(ranges, 30, 30, LA, LONG_AGO, false)).hasSize(8);
    }

    @Test
    void theIntervalIsTheLargestDefinedStepDividingTheFrequency() {
        assertThat(SlotRuns.interval(45)).isEqualTo(15);
        assertThat(SlotRuns.interval(90)).isEqualTo(30);
        assertThat(SlotRuns.interval(50)).isEqualTo(10);
        assertThat(SlotRuns.interval(40)).isEqualTo(20);
        assertThat(SlotRuns.interval(120)).isEqualTo(60);
        assertThat(SlotRuns.interval(7)).isEqualTo(1);
    }

    @Test
    void aSlotMayEndOneSecondPastItsRange() {
        Range range = new Range(Instant.parse("2024-09-12T16:00:00Z"), Instant.parse("2024-09-12T16:59:59Z"));
        assertThat(SlotRuns.build(List.of(range), 60, 60, LA, LONG_AGO, false)).hasSize(1);
        Range shorter = new Range(range.start(), Instant.parse("2024-09-12T16:59:58Z"));
        assertThat(SlotRuns.build(List.of(shorter), 60, 60, LA, LONG_AGO, false)).isEmpty();
    }

    private static Range range(String fromUtc, String toUtc) {
        return new Range(Instant.parse("2024-09-12T" + fromUtc + ":00Z"), Instant.parse("2024-09-12T" + toUtc + ":00Z"));
    }

    private static List<String> local(List<Instant> starts) {
        return starts.stream().map(s -> s.atZone(LA).toLocalTime().toString()).toList();
    }
}
