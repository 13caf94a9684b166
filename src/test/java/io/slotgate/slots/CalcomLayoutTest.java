package io.slotgate.slots;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked examples of docs/calcom-slots.md ("Serving cached slots as Cal.com would"). Each fill is made by the
 * emulator as slotgate would receive it; each expectation is derived by hand from Cal.com's rules and checked against
 * the emulator too. Tuesday 8 January 2030; hosts in UTC unless an example needs a zone; times are UTC.
 */
class CalcomLayoutTest {
    private static final LocalDate DAY = LocalDate.of(2030, 1, 8);
    private static final ZoneOffset UTC = ZoneOffset.UTC;

    private MutableClock clock;
    private CalcomEmulator emulator;
    private long nextId = 100;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(DAY.minusDays(2).atStartOfDay(UTC).toInstant());
        emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withoutSlotsCache());
    }

    // ------------------------------------------------------------------------------------------------- the clock

    @Test
    void aDivisorFrequencyIsServedByFilteringTheBucketAsTheClockMoves() {
        long type = eventType(30, null, 0, 0, 15, host(UTC, 9, 0, 17, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        // at 10:07 the notice bound is 10:22, the run restarts there and rounds up to 10:30: on the same lattice
        Instant now = at(10, 7);
        List<Instant> expected = every(at(10, 30), at(16, 30), 30);
        assertThat(starts(calcom(type, dayStart(), dayEnd(), now))).isEqualTo(expected);
        assertThat(answer(day, dayStart(), dayEnd(), now, 15)).isEqualTo(expected);
    }

    @Test
    void aFortyFiveMinuteRunTheNoticeCutsIsLaidAgainOnAnotherPhaseAndTheBucketDeclines() {
        long type = eventType(45, null, 0, 0, 60, host(UTC, 9, 0, 13, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        assertThat(day.get(0).slots()).extracting(Slot::start)
                .containsExactly(at(9, 0), at(9, 45), at(10, 30), at(11, 15), at(12, 0));
        // at 09:05 the notice bound is 10:05, rounded up to 10:15: 10:15, 11:00, 11:45 (12:30 would end after 13:00)
        Instant now = at(9, 5);
        assertThat(starts(calcom(type, dayStart(), dayEnd(), now)))
                .containsExactly(at(10, 15), at(11, 0), at(11, 45));
        // filtering the bucket would offer 10:30, 11:15, 12:00: none of them is Cal.com's. The run may also be two
        // ranges touching at 10:30, 11:15 or 12:00 (the editor makes such rows), so no slot on the new phase is sure.
        assertThat(CalcomLayout.answer(day, dayStart(), dayEnd(), UTC, now, 60)).isEmpty();
        assertThat(CalcomLayout.conservative(day, dayStart(), dayEnd(), UTC, now, 60)).isEmpty();
        assertThat(CalcomLayout.doubt(day, dayStart(), dayEnd(), UTC, now, 60))
                .isEqualTo("the run may be two free ranges that touch");
    }

    @Test
    void anHourMeetingEveryFortyFiveMinutesIsLaidAgainFromTheNoticeWithOnlyItsTailInDoubt() {
        // slots longer than their step: a touch between two ranges would leave a gap in the run, so a run is one range
        long type = eventType(60, 45, 0, 0, 60, host(UTC, 9, 0, 13, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        assertThat(day.get(0).slots()).extracting(Slot::start)
                .containsExactly(at(9, 0), at(9, 45), at(10, 30), at(11, 15), at(12, 0));
        Instant now = at(9, 5);
        List<Instant> calcomNow = List.of(at(10, 15), at(11, 0), at(11, 45));
        assertThat(starts(calcom(type, dayStart(), dayEnd(), now))).isEqualTo(calcomNow);
        // 12:30 would need the range to reach 13:29:59: the bucket knows it reaches 12:59:59 and not 13:44:59
        assertThat(CalcomLayout.answer(day, dayStart(), dayEnd(), UTC, now, 60)).isEmpty();
        assertThat(CalcomLayout.doubt(day, dayStart(), dayEnd(), UTC, now, 60))
                .isEqualTo("a slot may or may not fit before its range ends");
        assertThat(starts(CalcomLayout.conservative(day, dayStart(), dayEnd(), UTC, now, 60))).isEqualTo(calcomNow);
    }

    @Test
    void theWindowsEndDecidesTheTailTheBucketCannot() {
        long type = eventType(60, 45, 0, 0, 60, host(UTC, 9, 0, 13, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        Instant now = at(9, 5);
        // ending at 13:00 the window itself rules 12:30 out (it would end at 13:30): the answer is certain
        Instant end = at(13, 0);
        assertThat(starts(calcom(type, dayStart(), end, now))).containsExactly(at(10, 15), at(11, 0), at(11, 45));
        assertThat(answer(day, dayStart(), end, now, 60)).containsExactly(at(10, 15), at(11, 0), at(11, 45));
    }

    @Test
    void aNinetyMinuteEventKeepsItsGridWhileTheNoticeFallsOnIt() {
        long type = eventType(90, null, 0, 0, 60, host(UTC, 8, 0, 17, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        assertThat(day.get(0).slots()).extracting(Slot::start).isEqualTo(every(at(8, 0), at(15, 30), 90));
        // at 08:20 the bound is 09:20, rounded up to the half hour: 09:30, on the morning's grid
        assertThat(answer(day, dayStart(), dayEnd(), at(8, 20), 60)).isEqualTo(every(at(9, 30), at(15, 30), 90))
                .isEqualTo(starts(calcom(type, dayStart(), dayEnd(), at(8, 20))));
        // at 09:00 the bound is 10:00: 10:00, 11:30, 13:00, 14:30, a grid the bucket never saw
        assertThat(starts(calcom(type, dayStart(), dayEnd(), at(9, 0))))
                .containsExactly(at(10, 0), at(11, 30), at(13, 0), at(14, 30));
        assertThat(CalcomLayout.answer(day, dayStart(), dayEnd(), UTC, at(9, 0), 60)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- the window

    @Test
    void aSlotMustEndByTheWindowsEndAndTheWindowsStartIsFloored() {
        long type = eventType(30, null, 0, 0, 0, host(UTC, 9, 0, 17, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        Instant before = DAY.minusDays(1).atTime(20, 0).toInstant(UTC);
        // end 11:30: 11:00 is the last slot (11:30 would end after it); start 10:00:40 still offers 10:00
        Instant start = at(10, 0).plusSeconds(40);
        assertThat(starts(calcom(type, start, at(11, 30), before))).containsExactly(at(10, 0), at(10, 30), at(11, 0));
        assertThat(answer(day, start, at(11, 30), before, 0)).containsExactly(at(10, 0), at(10, 30), at(11, 0));
    }

    @Test
    void aRangeCrossingUtcMidnightIsLaidFromWhereTheFillCutItUnlessTheFillSawBothDays() {
        // Los Angeles 14:00-22:00 is 22:00-06:00Z in January; 50-minute slots, interval 10
        long type = eventType(50, null, 0, 0, 0, host(ZoneId.of("America/Los_Angeles"), 14, 0, 22, 0));
        Instant filledAt = DAY.minusDays(2).atTime(12, 0).toInstant(UTC);
        LocalDate before = DAY.minusDays(1);
        Instant start = before.atStartOfDay(UTC).toInstant();
        // asked for both days, the evening range runs from 22:00Z: ..., 23:40, 00:30, 01:20, ... 04:40
        List<Instant> calcomBoth = starts(calcom(type, start, dayEnd(), filledAt));
        assertThat(calcomBoth).contains(before.atTime(22, 0).toInstant(UTC), before.atTime(23, 40).toInstant(UTC),
                at(0, 30), at(4, 40)).doesNotContain(at(0, 0));
        // two fills of one day each: the first cut at midnight (23:40 ends after it), the second clipped there
        List<DaySlice> separate = new ArrayList<>();
        separate.add(fill(type, before, before, filledAt).get(0));
        separate.add(fill(type, DAY, DAY, filledAt).get(0));
        assertThat(separate.get(1).slots()).extracting(Slot::start).startsWith(at(0, 0), at(0, 50));
        assertThat(CalcomLayout.answer(separate, start, dayEnd(), UTC, filledAt, 0)).isEmpty();
        assertThat(calcomBoth).containsAll(starts(CalcomLayout.conservative(separate, start, dayEnd(), UTC, filledAt,
                0)));
        // one fill over both days saw the range whole: its slices answer exactly
        assertThat(answer(fill(type, before, DAY, filledAt), start, dayEnd(), filledAt, 0)).isEqualTo(calcomBoth);
    }

    @Test
    void twoFillsThatBothSawARunCrossMidnightAreJoinedOnTheEarlierOnesGrid() {
        // an hour every 50 minutes (longer than the step, so the run is one range), 22:00-06:00Z every night
        long type = eventType(60, 50, 0, 0, 0, host(ZoneId.of("America/Los_Angeles"), 14, 0, 22, 0));
        LocalDate before = DAY.minusDays(1);
        Instant filledAt = DAY.minusDays(2).atTime(12, 0).toInstant(UTC);
        // the day before from a fill of both days (its run goes on past midnight: 23:40 has 00:30 after it), and the
        // day itself from a fill starting at midnight, which clipped the range there: 00:00, 00:50, ...
        DaySlice evening = fill(type, before, DAY, filledAt).get(0);
        DaySlice night = fill(type, DAY, DAY.plusDays(1), filledAt).get(0);
        assertThat(evening.continuesIntoNextDay()).isTrue();
        assertThat(night.slots()).extracting(Slot::start).startsWith(at(0, 0), at(0, 50));
        Instant start = before.atStartOfDay(UTC).toInstant();
        Instant end = at(6, 0);
        // Cal.com lays the night on the evening's grid: 00:30 ... 04:40 (05:30 would end after 06:00)
        List<Instant> calcomNow = starts(calcom(type, start, end, filledAt));
        assertThat(calcomNow).contains(at(0, 30), at(1, 20), at(4, 40)).doesNotContain(at(0, 0), at(0, 50));
        assertThat(answer(List.of(evening, night), start, end, filledAt, 0)).isEqualTo(calcomNow);
    }

    @Test
    void aSliceLaidOutInAnotherAlignmentClassIsNotServed() {
        // a Kolkata host, hourly: asked in UTC the slots sit on the UTC hour, asked in Kolkata on the Kolkata hour
        long type = eventType(60, null, 0, 0, 0, host(ZoneId.of("Asia/Kolkata"), 9, 0, 17, 0));
        Instant filledAt = DAY.minusDays(1).atTime(6, 0).toInstant(UTC);
        List<DaySlice> utcFilled = fill(type, DAY, DAY, filledAt);
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertThat(starts(calcom(type, dayStart(), dayEnd(), filledAt, kolkata))).first().isEqualTo(at(3, 30));
        assertThat(CalcomLayout.answer(utcFilled, dayStart(), dayEnd(), kolkata, filledAt, 0)).isEmpty();
        assertThat(CalcomLayout.doubt(utcFilled, dayStart(), dayEnd(), kolkata, filledAt, 0))
                .isEqualTo("a slice was laid out in another alignment class");
    }

    // -------------------------------------------------------------------------------------------------- blocks

    @Test
    void aBookingThatEndsOffTheGridMovesTheRangesLaterSlotsOnAHalfHourGridExactly() {
        long host = host(UTC, 9, 0, 17, 0);
        long type = eventType(30, null, 0, 5, 0, host);
        long booked = eventType(30, null, 0, 7, 0, host);
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0));
        // a booking 10:15-10:45 with 7 minutes after it, seen by a type with 5 minutes after its own slots:
        // busy from 10:15 - 5 to 10:45 + 7, 10:10-10:52. The range splits: 09:00, 09:30 | 11:00, 11:30, ...
        assertThat(book(booked, at(10, 15))).isEqualTo(201);
        Blocked blocked = CalcomLayout.block(day.get(0), at(10, 10), at(10, 52), BlockMode.SPLIT_RANGE);
        assertThat(blocked.exact()).isTrue();
        assertThat(blocked.slice().slots()).extracting(Slot::start)
                .isEqualTo(concat(List.of(at(9, 0), at(9, 30)), every(at(11, 0), at(16, 30), 30)))
                .isEqualTo(starts(calcom(type, dayStart(), dayEnd(), DAY.minusDays(1).atTime(18, 0)
                        .toInstant(UTC))));
    }

    @Test
    void aBookingThatEndsOffTheGridOfAFortyFiveMinuteEventLeavesOnlyWhatIsCertain() {
        long host = host(UTC, 9, 0, 17, 0);
        long type = eventType(45, null, 0, 5, 0, host);
        long booked = eventType(30, null, 0, 7, 0, host);
        Instant filledAt = DAY.minusDays(1).atTime(18, 0).toInstant(UTC);
        List<DaySlice> day = fill(type, DAY, DAY, filledAt);
        assertThat(book(booked, at(10, 15))).isEqualTo(201);
        // Cal.com: 09:00 | 10:52 rounds up to 11:00: 11:00, 11:45, ... where the bucket had 11:15, 12:00, ...
        List<Instant> calcomNow = starts(calcom(type, dayStart(), dayEnd(), filledAt));
        assertThat(calcomNow).startsWith(at(9, 0), at(11, 0), at(11, 45)).doesNotContain(at(11, 15));
        Blocked blocked = CalcomLayout.block(day.get(0), at(10, 10), at(10, 52), BlockMode.SPLIT_RANGE);
        // the run may be two ranges touching at one of its grid points: the new grid is not certain anywhere
        assertThat(blocked.fidelity()).isEqualTo(Blocked.Fidelity.CONSERVATIVE);
        assertThat(blocked.slice().slots()).extracting(Slot::start).containsExactly(at(9, 0));
        assertThat(CalcomLayout.answer(List.of(blocked.slice()), dayStart(), dayEnd(), UTC, filledAt, 0)).isEmpty();
        assertThat(calcomNow).containsAll(starts(CalcomLayout.conservative(List.of(blocked.slice()), dayStart(),
                dayEnd(), UTC, filledAt, 0)));
    }

    @Test
    void aBlockIsIdempotentAndTwoBlocksCommute() {
        long type = eventType(30, null, 0, 0, 0, host(UTC, 9, 0, 17, 0));
        DaySlice day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0)).get(0);
        DaySlice once = CalcomLayout.block(day, at(10, 10), at(10, 52), BlockMode.SPLIT_RANGE).slice();
        assertThat(CalcomLayout.block(once, at(10, 10), at(10, 52), BlockMode.SPLIT_RANGE).slice()).isEqualTo(once);
        DaySlice ab = CalcomLayout.block(once, at(14, 5), at(14, 20), BlockMode.SPLIT_RANGE).slice();
        DaySlice ba = CalcomLayout.block(CalcomLayout.block(day, at(14, 5), at(14, 20), BlockMode.SPLIT_RANGE)
                .slice(), at(10, 10), at(10, 52), BlockMode.SPLIT_RANGE).slice();
        assertThat(ab).isEqualTo(ba);
    }

    @Test
    void aHoldDropsTheSlotsItOverlapsWithoutMovingTheGrid() {
        long type = eventType(45, null, 0, 0, 0, host(UTC, 9, 0, 17, 0));
        DaySlice day = fill(type, DAY, DAY, DAY.minusDays(1).atTime(18, 0)).get(0);
        Blocked held = CalcomLayout.block(day, at(10, 30), at(11, 15), BlockMode.REMOVE_ONLY);
        assertThat(held.exact()).isTrue();
        assertThat(held.slice().slots()).isEqualTo(day.slots());
        assertThat(held.slice().offered()).extracting(Slot::start).doesNotContain(at(10, 30))
                .contains(at(9, 45), at(11, 15));
        assertThat(CalcomLayout.block(held.slice(), at(10, 30), at(11, 15), BlockMode.REMOVE_ONLY).slice())
                .isEqualTo(held.slice());
    }

    @Test
    void aBlockWhoseRangeGoesOnPastMidnightSaysSoAndTheNextDayIsLaidAgainWithIt() {
        // an hour every 45 minutes (a run is one range), free 20:00-04:00: the range crosses midnight
        long host = nextId++;
        emulator.addHost(new Host(host, "h" + host, "Night", "night@example.com", UTC,
                List.of(new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(20, 0), LocalTime.of(4, 0)))));
        long type = eventType(60, 45, 0, 0, 0, host);
        List<DaySlice> days = fill(type, DAY, DAY.plusDays(1), DAY.minusDays(1).atTime(12, 0));
        assertThat(days.get(0).continuesIntoNextDay()).isTrue();
        // busy 21:10-21:52: the night is laid again from 22:00 (22:00, 22:45, 23:30), so after midnight 00:15,
        // 01:00, 01:45, 02:30 where the fill had 00:30, 01:15, 02:00, 02:45
        Blocked alone = CalcomLayout.block(days.get(0), at(21, 10), at(21, 52), BlockMode.SPLIT_RANGE);
        assertThat(alone.reachesNextDay()).isTrue();
        List<Blocked> both = CalcomLayout.block(days, at(21, 10), at(21, 52), BlockMode.SPLIT_RANGE);
        assertThat(both.get(1).reachesNextDay()).isFalse();
        Instant next = at(0, 0).plus(Duration.ofDays(1));
        assertThat(both.get(0).slice().slots()).extracting(Slot::start).contains(at(22, 0), at(22, 45), at(23, 30));
        assertThat(both.get(1).slice().slots()).extracting(Slot::start).startsWith(next.plus(Duration.ofMinutes(15)),
                next.plus(Duration.ofMinutes(60)), next.plus(Duration.ofMinutes(105)), next.plus(Duration.ofMinutes(150)));
        // 03:15 would end at 04:15: the fill proves the range holds 03:44:59 and does not reach 04:29:59, no more
        assertThat(both.get(1).fidelity()).isEqualTo(Blocked.Fidelity.CONSERVATIVE);
        emulator.addBusyBlock(host, at(21, 10), at(21, 52));
        List<DaySlice> refilled = fill(type, DAY, DAY.plusDays(1), DAY.minusDays(1).atTime(12, 0));
        for (int i = 0; i < 2; i++) {
            assertThat(refilled.get(i).slots()).containsAll(both.get(i).slice().slots());
        }
    }

    // ---------------------------------------------------------------------------------------- splits and input

    @Test
    void aFillShowingADateOverridesLeakMarksItsEdgeDayUnknownInsteadOfServingIt() {
        long host = host(UTC, 9, 0, 17, 0);
        long type = eventType(60, null, 0, 0, 0, host);
        // Cal.com does not clip an override's range to the window: the day before's evening leaks into this day's fill
        emulator.addDateOverride(host, DAY.minusDays(1), LocalTime.of(20, 0), LocalTime.of(22, 0));
        List<DaySlice> day = fill(type, DAY, DAY, DAY.minusDays(2).atTime(12, 0));
        assertThat(day.get(0).unknownStarts()).hasSize(1);
        Instant before = DAY.minusDays(2).atTime(12, 0).toInstant(UTC);
        assertThat(CalcomLayout.answer(day, dayStart(), dayEnd(), UTC, before, 0)).isEmpty();
    }

    @Test
    void aFillIsSplitIntoEveryDayWithTheRunsThatCrossItsEdges() {
        FillShape shape = FillShape.of(60, 60, FillShape.Aggregation.MERGED, UTC, 0, 0, DAY, DAY.plusDays(2),
                at(0, 0).minus(Duration.ofDays(1)), at(0, 0).minus(Duration.ofDays(1)), 0);
        List<Slot> slots = List.of(slot(at(22, 0)), slot(at(23, 0)), slot(at(0, 0).plus(Duration.ofDays(1))));
        SortedMap<LocalDate, DaySlice> days = CalcomLayout.split(slots, DAY, DAY.plusDays(2), shape);
        assertThat(days).containsOnlyKeys(DAY, DAY.plusDays(1), DAY.plusDays(2));
        assertThat(days.get(DAY).continuesIntoNextDay()).isTrue();
        assertThat(days.get(DAY.plusDays(1)).continuesFromPreviousDay()).isTrue();
        assertThat(days.get(DAY.plusDays(2)).slots()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAMessageNamingWhatIsWrong() {
        assertThatThrownBy(() -> FillShape.of(0, 30, FillShape.Aggregation.MERGED, UTC, 0, 0, DAY, DAY, at(0, 0),
                at(0, 0), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frequencyMinutes");
        FillShape shape = FillShape.of(30, 30, FillShape.Aggregation.MERGED, UTC, 0, 0, DAY, DAY.plusDays(2),
                at(0, 0), at(0, 0), 0);
        SortedMap<LocalDate, DaySlice> days = CalcomLayout.split(List.of(), DAY, DAY.plusDays(2), shape);
        List<DaySlice> gap = List.of(days.get(DAY), days.get(DAY.plusDays(2)));
        assertThatThrownBy(() -> CalcomLayout.answer(gap, dayStart(), dayEnd(), UTC, at(0, 0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
        assertThatThrownBy(() -> CalcomLayout.answer(List.of(days.get(DAY)), dayStart(), dayEnd().plus(
                Duration.ofDays(1)), UTC, at(0, 0), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not cover the window");
        assertThatThrownBy(() -> CalcomLayout.split(List.of(Slot.of(at(9, 0), Duration.ofMinutes(45))), DAY, DAY,
                shape)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 minutes long");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private long host(ZoneId zone, int fromHour, int fromMinute, int toHour, int toMinute) {
        long id = nextId++;
        emulator.addHost(new Host(id, "h" + id, "Host " + id, "h" + id + "@example.com", zone,
                List.of(new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(fromHour, fromMinute),
                        LocalTime.of(toHour, toMinute)))));
        return id;
    }

    private long eventType(int length, Integer interval, int before, int after, int notice, long host) {
        long id = nextId++;
        emulator.addEventType(new EventTypeSpec(id, "t" + id, length, List.of(), interval, before, after, notice,
                SchedulingType.INDIVIDUAL, List.of(host)));
        return id;
    }

    private int book(long eventTypeId, Instant start) {
        return emulator.handle(EmulatorRequest.post("/v2/bookings",
                Map.of("cal-api-version", EmulatorRequest.BOOKINGS_VERSION, "content-type", "application/json"),
                "{\"start\":\"" + start + "\",\"eventTypeId\":" + eventTypeId
                        + ",\"attendee\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"timeZone\":\"UTC\"}}"))
                .status();
    }

    /** A fill of the days as slotgate makes it (UTC, whole days), with Cal.com's clock at {@code at}. */
    private List<DaySlice> fill(long eventTypeId, LocalDate first, LocalDate last, java.time.LocalDateTime at) {
        return fill(eventTypeId, first, last, at.toInstant(UTC));
    }

    private List<DaySlice> fill(long eventTypeId, LocalDate first, LocalDate last, Instant at) {
        EventTypeSpec spec = emulator.eventType(eventTypeId).orElseThrow();
        int frequency = spec.slotIntervalMinutes() != null ? spec.slotIntervalMinutes() : spec.lengthMinutes();
        // a booking of any of the tenant's types starts earlier by its before buffer and this type's after buffer,
        // and ends later by its after buffer and this type's before buffer
        int before = emulator.eventTypes().stream().mapToInt(EventTypeSpec::beforeBufferMinutes).max().orElse(0)
                + spec.afterBufferMinutes();
        int after = emulator.eventTypes().stream().mapToInt(EventTypeSpec::afterBufferMinutes).max().orElse(0)
                + spec.beforeBufferMinutes();
        FillShape shape = FillShape.of(frequency, spec.lengthMinutes(), FillShape.Aggregation.MERGED, UTC, before,
                after, first, last, at, at, spec.minimumBookingNoticeMinutes());
        clock.set(at);
        List<Slot> slots = emulator.availableSlots(eventTypeId, spec.lengthMinutes(),
                new TimeRange(shape.start(), shape.knownUntil()));
        return List.copyOf(CalcomLayout.split(slots, first, last, shape).values());
    }

    private List<Slot> calcom(long eventTypeId, Instant start, Instant end, Instant now) {
        return calcom(eventTypeId, start, end, now, null);
    }

    private List<Slot> calcom(long eventTypeId, Instant start, Instant end, Instant now, ZoneId zone) {
        clock.set(now);
        int length = emulator.eventType(eventTypeId).orElseThrow().lengthMinutes();
        return emulator.availableSlots(eventTypeId, length, new TimeRange(start, end), zone);
    }

    private static List<Instant> answer(List<DaySlice> days, Instant start, Instant end, Instant now, int notice) {
        return starts(CalcomLayout.answer(days, start, end, UTC, now, notice).orElseThrow());
    }

    private static List<Instant> starts(List<Slot> slots) {
        return slots.stream().map(Slot::start).toList();
    }

    private static List<Instant> every(Instant first, Instant last, int minutes) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = first; !t.isAfter(last); t = t.plus(Duration.ofMinutes(minutes))) {
            out.add(t);
        }
        return out;
    }

    private static List<Instant> concat(List<Instant> a, List<Instant> b) {
        List<Instant> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Slot slot(Instant start) {
        return Slot.of(start, Duration.ofMinutes(60));
    }

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).toInstant(UTC);
    }

    private static Instant dayStart() {
        return at(0, 0);
    }

    private static Instant dayEnd() {
        return DAY.atTime(23, 59, 59).toInstant(UTC);
    }
}
