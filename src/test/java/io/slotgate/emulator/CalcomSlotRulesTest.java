package io.slotgate.emulator;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked examples of docs/calcom-slots.md, each as Cal.com computes it. Tuesday 8 January 2030; hosts in UTC
 * unless an example needs a zone. Times in the assertions are UTC.
 */
class CalcomSlotRulesTest {
    private static final LocalDate DAY = LocalDate.of(2030, 1, 8);
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final EnumSet<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private MutableClock clock;
    private CalcomEmulator emulator;
    private long nextId = 100;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withoutSlotsCache());
    }

    // ------------------------------------------------------------------ alignment

    @Test
    void availabilityFromNineThirtyOffersHourSlotsOnTheHour() {
        long host = host(UTC, hours(9, 30, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        assertThat(starts(hourly, DAY)).containsExactly(at(10, 0), at(11, 0), at(12, 0), at(13, 0), at(14, 0),
                at(15, 0), at(16, 0));
    }

    @Test
    void showOptimizedSlotsKeepsEveryHourTheRangeHoldsAndOnlySpendsSpareMinutesOnARounderStart() {
        long untilHalfPast = host(UTC, hours(9, 30, 17, 30));
        long plain = eventType(60, null, 0, 0, 0, untilHalfPast);
        long optimized = add(spec(60, null, 0, 0, 0, untilHalfPast).withShowOptimizedSlots(true));
        assertThat(starts(plain, DAY)).hasSize(7).first().isEqualTo(at(10, 0));
        assertThat(starts(optimized, DAY)).hasSize(8).startsWith(at(9, 30), at(10, 30)).last().isEqualTo(at(16, 30));

        // 09:05-12:55 holds three hours and 50 spare minutes: not enough for 10:00, enough for 09:15.
        long shortDay = host(UTC, hours(9, 5, 12, 55));
        long optimizedShort = add(spec(60, null, 0, 0, 0, shortDay).withShowOptimizedSlots(true));
        assertThat(starts(optimizedShort, DAY)).containsExactly(at(9, 15), at(10, 15), at(11, 15));
    }

    @Test
    void aKolkataHostsHourSlotsStartOnTheHourOfTheZoneTheyAreAskedIn() {
        // 09:00-17:00 in Asia/Kolkata (+05:30) is 03:30-11:30 UTC.
        long host = host(ZoneId.of("Asia/Kolkata"), hours(9, 0, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        assertThat(starts(hourly, DAY, null)).as("asked in UTC: on the UTC hour")
                .containsExactly(at(4, 0), at(5, 0), at(6, 0), at(7, 0), at(8, 0), at(9, 0), at(10, 0));
        assertThat(starts(hourly, DAY, ZoneId.of("Asia/Kolkata"))).as("asked in Kolkata: on the Kolkata hour")
                .containsExactly(at(3, 30), at(4, 30), at(5, 30), at(6, 30), at(7, 30), at(8, 30), at(9, 30),
                        at(10, 30));
    }

    @Test
    void theAlignmentZoneSettingLinesEveryQueryUpWithOneZone() {
        CalcomEmulator utcAligned = new CalcomEmulator(clock, EmulatorSettings.defaults()
                .withLatency(LatencyModel.zero()).withAlignmentZone(UTC));
        utcAligned.addHost(new Host(1, "kiran", "Kiran", "kiran@example.com", ZoneId.of("Asia/Kolkata"),
                List.of(hours(9, 0, 17, 0))));
        utcAligned.addEventType(new EventTypeSpec(2, "hour", 60, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(1L)));
        assertThat(utcAligned.availableSlots(2, 60, TimeRange.utcDay(DAY), ZoneId.of("Asia/Kolkata")))
                .extracting(Slot::start).first().isEqualTo(at(4, 0));
    }

    // ------------------------------------------------------------------ the clock

    @Test
    void aFortyFiveMinuteEventsRemainingSlotsMoveInFifteenMinuteStepsAsTheClockPasses() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long meeting = eventType(45, null, 0, 0, 0, host);
        clock.set(DAY.minusDays(1).atStartOfDay(UTC).toInstant());
        assertThat(starts(meeting, DAY)).as("asked the day before").startsWith(at(9, 0), at(9, 45), at(10, 30),
                at(11, 15));

        clock.set(at(10, 5));   // the run restarts at 10:06, rounded up to 10:15
        assertThat(starts(meeting, DAY)).startsWith(at(10, 15), at(11, 0), at(11, 45));
        clock.set(at(10, 20));  // 10:21, rounded up to 10:30: back on the morning's grid
        assertThat(starts(meeting, DAY)).startsWith(at(10, 30), at(11, 15), at(12, 0));
        clock.set(at(10, 35));  // 10:36 -> 10:45
        assertThat(starts(meeting, DAY)).startsWith(at(10, 45), at(11, 30), at(12, 15));
    }

    @Test
    void withoutNoticeTheEarliestSlotIsOneMinuteAheadFlooredToTheMinute() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long quarter = eventType(15, null, 0, 0, 0, host);
        clock.set(at(9, 59).plusSeconds(30));
        assertThat(starts(quarter, DAY)).first().as("10:00:30 floored").isEqualTo(at(10, 0));
        clock.set(at(10, 0));
        assertThat(starts(quarter, DAY)).first().as("10:01, rounded up").isEqualTo(at(10, 15));
    }

    @Test
    void aPositiveNoticeHidesEverySlotBeforeNowPlusNoticeToTheSecond() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long noticed = eventType(15, null, 0, 0, 60, host);
        clock.set(at(9, 0).plusSeconds(20));  // now + notice is 10:00:20: the run starts at 10:00, which is hidden
        assertThat(starts(noticed, DAY)).first().isEqualTo(at(10, 15));
    }

    // ------------------------------------------------------------------ busy time

    @Test
    void aBusyBlockEndingOffTheGridMovesTheLaterSlotsOfItsRange() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long meeting = eventType(45, null, 0, 0, 0, host);
        assertThat(starts(meeting, DAY)).startsWith(at(9, 0), at(9, 45), at(10, 30), at(11, 15));
        emulator.addBusyBlock(host, at(10, 0), at(10, 50));
        assertThat(starts(meeting, DAY)).containsExactly(at(9, 0), at(11, 0), at(11, 45), at(12, 30), at(13, 15),
                at(14, 0), at(14, 45), at(15, 30), at(16, 15));
    }

    @Test
    void buffersOfTheBookedAndOfTheRequestedEventTypeBothStretchABooking() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long booked = eventType(30, null, 10, 20, 0, host);
        long requested = eventType(30, null, 5, 15, 0, host);
        assertThat(book(booked, at(12, 0))).isEqualTo(201);
        // busy from 12:00 - (10 + 15) to 12:30 + (20 + 5): 11:35 to 12:55
        List<Instant> slots = starts(requested, DAY);
        assertThat(slots).contains(at(11, 0), at(13, 0)).doesNotContain(at(11, 30), at(12, 0), at(12, 30));
        // a calendar event is stretched by the requested event type's buffers only: 14:00-14:30 blocks 13:45-14:35
        emulator.addBusyBlock(host, at(14, 0), at(14, 30));
        assertThat(starts(requested, DAY)).contains(at(13, 0), at(15, 0)).doesNotContain(at(13, 30), at(14, 0),
                at(14, 30));
    }

    // ------------------------------------------------------------------ several hosts

    @Test
    void anExistingSlotSnapsALaterRangeOntoItsGridForTwoRoundRobinHosts() {
        long early = host(UTC, hours(9, 0, 12, 0));
        long late = host(UTC, hours(9, 20, 13, 0));
        long lateAlone = eventType(45, null, 0, 0, 0, late);
        long team = add(new EventTypeSpec(nextId++, "team-" + nextId, 45, List.of(), null, 0, 0, 0,
                SchedulingType.ROUND_ROBIN, List.of(early, late)));
        assertThat(starts(lateAlone, DAY)).containsExactly(at(9, 30), at(10, 15), at(11, 0), at(11, 45));
        assertThat(starts(team, DAY)).containsExactly(at(9, 0), at(9, 45), at(10, 30), at(11, 15), at(12, 0));
    }

    @Test
    void roundRobinRangesAreNotMergedSoEachKeepsItsOwnRun() {
        long early = host(UTC, hours(9, 0, 10, 10));
        long late = host(UTC, hours(10, 5, 13, 0));
        long team = add(new EventTypeSpec(nextId++, "team-" + nextId, 60, List.of(), null, 0, 0, 0,
                SchedulingType.ROUND_ROBIN, List.of(early, late)));
        // The union covers 09:00-13:00 without a gap, but no single range holds 10:00-11:00: the second run starts
        // at 10:05, rounded up to 11:00.
        assertThat(starts(team, DAY)).containsExactly(at(9, 0), at(11, 0), at(12, 0));
        // One host with the same two rules: its overlapping ranges are merged into one run.
        long both = host(UTC, hours(9, 0, 10, 10), hours(10, 5, 13, 0));
        assertThat(starts(eventType(60, null, 0, 0, 0, both), DAY)).containsExactly(at(9, 0), at(10, 0), at(11, 0),
                at(12, 0));
    }

    // ------------------------------------------------------------------ the window

    @Test
    void aSlotMustEndByTheWindowsEnd() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long half = eventType(30, null, 0, 0, 0, host);
        List<Instant> slots = emulator.availableSlots(half, 30, new TimeRange(at(9, 0), at(11, 30)))
                .stream().map(Slot::start).toList();
        assertThat(slots).last().isEqualTo(at(11, 0));
    }

    @Test
    void theWindowStartIsFlooredToTheMinuteLikeEveryRunStart() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long half = eventType(30, null, 0, 0, 0, host);
        List<Instant> slots = emulator.availableSlots(half, 30, new TimeRange(at(10, 0).plusSeconds(40), at(12, 0)))
                .stream().map(Slot::start).toList();
        assertThat(slots).first().isEqualTo(at(10, 0));
    }

    @Test
    void aRangeCrossingUtcMidnightIsClippedAtTheWindowStart() {
        // 14:00-22:00 in Los Angeles (-08:00 in January) is 22:00-06:00 UTC; a 50-minute event steps by 50 minutes.
        long host = host(ZoneId.of("America/Los_Angeles"), hours(14, 0, 22, 0));
        long fifty = eventType(50, null, 0, 0, 0, host);
        List<Instant> oneDay = starts(fifty, DAY);
        assertThat(oneDay).startsWith(at(0, 0), at(0, 50), at(1, 40));
        List<Instant> twoDays = emulator.availableSlots(fifty, 50, TimeRange.utcDays(DAY.minusDays(1), DAY))
                .stream().map(Slot::start).filter(s -> !s.isBefore(at(0, 0))).toList();
        assertThat(twoDays).as("the same range from its 22:00 start").startsWith(at(0, 30), at(1, 20), at(2, 10));
        assertThat(oneDay).as("the evening range is clipped at the window end").last().isEqualTo(at(22, 50));
    }

    @Test
    void workingHoursUntilTwentyThreeFiftyNineEndAtMidnight() {
        long host = host(UTC, hours(21, 0, 23, 59));
        long hourly = eventType(60, null, 0, 0, 0, host);
        assertThat(starts(hourly, DAY)).containsExactly(at(21, 0), at(22, 0), at(23, 0));
    }

    @Test
    void touchingWorkingHoursMergeOnlyWhenTheLaterRuleComesSecond() {
        long inOrder = host(UTC, hours(9, 0, 12, 10), hours(12, 10, 15, 0));
        long reversed = host(UTC, hours(12, 10, 15, 0), hours(9, 0, 12, 10));
        List<Instant> merged = starts(eventType(45, null, 0, 0, 0, inOrder), DAY);
        List<Instant> apart = starts(eventType(45, null, 0, 0, 0, reversed), DAY);
        assertThat(merged).containsExactly(at(9, 0), at(9, 45), at(10, 30), at(11, 15), at(12, 0), at(12, 45),
                at(13, 30), at(14, 15));
        assertThat(apart).containsExactly(at(9, 0), at(9, 45), at(10, 30), at(11, 15), at(12, 15), at(13, 0),
                at(13, 45));
    }

    // ------------------------------------------------------------------ date overrides

    @Test
    void aDateOverrideReplacesThatDaysWorkingHours() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        emulator.addDateOverride(host, DAY, LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertThat(starts(hourly, DAY)).containsExactly(at(13, 0), at(14, 0));
        // the next day keeps its working hours (and, asked alone, gets the override's slots too: they leak, below)
        assertThat(starts(hourly, DAY.plusDays(1))).hasSize(10).startsWith(at(13, 0), at(14, 0));
        emulator.removeDateOverrides(host, DAY);
        assertThat(starts(hourly, DAY)).hasSize(8);
    }

    @Test
    void aDayMarkedUnavailableHasNoSlots() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        emulator.markUnavailable(host, DAY);
        assertThat(starts(hourly, DAY)).isEmpty();
        assertThat(emulator.isBookable(hourly, at(10, 0), 60)).isFalse();
        assertThat(emulator.isBookable(hourly, DAY.plusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC), 60)).isTrue();
    }

    @Test
    void anOverrideIsNotClippedToTheWindowSoItsSlotsLeakIntoTheNeighbouringDays() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        emulator.addDateOverride(host, DAY.minusDays(1), LocalTime.of(20, 0), LocalTime.of(22, 0));
        List<Instant> slots = starts(hourly, DAY);
        assertThat(slots).startsWith(DAY.minusDays(1).atTime(20, 0).toInstant(ZoneOffset.UTC),
                DAY.minusDays(1).atTime(21, 0).toInstant(ZoneOffset.UTC), at(9, 0));
    }

    @Test
    void anUnavailableDayIsLostWhenTheDayBeforeHasAnOverrideUntilMidnight() {
        // processDateOverride keys an override by its end and looks an earlier one up by its start: the day before's
        // override until midnight and this day's 00:00-00:00 marker share a key, and the marker is gone.
        long host = host(UTC, hours(9, 0, 17, 0));
        long hourly = eventType(60, null, 0, 0, 0, host);
        emulator.markUnavailable(host, DAY);
        assertThat(starts(hourly, DAY)).filteredOn(s -> !s.isBefore(at(0, 0))).isEmpty();
        emulator.addDateOverride(host, DAY.minusDays(1), LocalTime.of(20, 0), LocalTime.of(23, 59));
        assertThat(starts(hourly, DAY)).filteredOn(s -> !s.isBefore(at(0, 0))).hasSize(8);
    }

    @Test
    void anOverrideTodayFailsTheQueryWhenItsFirstSlotIsAlreadyPast() {
        long host = host(UTC, hours(9, 0, 17, 0));
        long quarter = eventType(15, null, 0, 0, 0, host);
        emulator.addDateOverride(host, DAY, LocalTime.of(9, 0), LocalTime.of(17, 0));
        clock.set(at(10, 0).plusSeconds(30));  // the override run starts at 10:00:30, floored to 10:00: in the past
        var response = slots("eventTypeId=" + quarter + "&start=" + DAY + "&end=" + DAY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("TRPCError");
        assertThat(json(response).at("/error/message").asText())
                .isEqualTo("Bad request: Please check your request data and try again");
        assertThat(json(response).at("/error/details").isMissingNode()).isTrue();
        clock.set(at(10, 1));
        assertThat(slots("eventTypeId=" + quarter + "&start=" + DAY + "&end=" + DAY).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ reservations and Cal.com's own cache

    @Test
    void aReservationRemovesOverlappingSlotsOfEveryEventTypeOfItsHostWithoutBuffers() {
        long first = host(UTC, hours(9, 0, 17, 0));
        long second = host(UTC, hours(9, 0, 17, 0));
        long reservedOn = eventType(30, null, 0, 0, 0, first);
        long buffered = eventType(30, null, 30, 30, 0, first);
        long team = add(new EventTypeSpec(nextId++, "team-" + nextId, 30, List.of(), null, 0, 0, 0,
                SchedulingType.ROUND_ROBIN, List.of(first, second)));
        var reserved = emulator.handle(EmulatorRequest.post("/v2/slots/reservations",
                Map.of("cal-api-version", "2024-09-04"),
                "{\"eventTypeId\":" + reservedOn + ",\"slotStart\":\"" + at(10, 0) + "\"}"));
        assertThat(reserved.status()).isEqualTo(201);
        assertThat(starts(reservedOn, DAY)).doesNotContain(at(10, 0)).contains(at(9, 30), at(10, 30));
        assertThat(starts(buffered, DAY)).as("no buffers around a reservation").doesNotContain(at(10, 0))
                .contains(at(9, 30), at(10, 30));
        assertThat(starts(team, DAY)).as("gone for the team although the second host is free")
                .doesNotContain(at(10, 0));
        assertThat(emulator.isBookable(reservedOn, at(10, 0), 30)).as("a reservation does not stop a booking").isTrue();
        clock.advance(java.time.Duration.ofMinutes(5));
        assertThat(starts(reservedOn, DAY)).as("released after five minutes").contains(at(10, 0));
    }

    @Test
    void anIdenticalQueryWithinTheCacheTtlGetsTheEarlierAnswerEvenAfterABooking() {
        CalcomEmulator cached = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero()));
        cached.addHost(new Host(1, "uma", "Uma", "uma@example.com", UTC, List.of(hours(9, 0, 17, 0))));
        cached.addEventType(new EventTypeSpec(2, "half", 30, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(1L)));
        String query = "eventTypeId=2&start=" + DAY + "&end=" + DAY;
        String before = slots(cached, query).body();
        assertThat(before).contains("10:00:00.000Z");
        var booking = cached.handle(EmulatorRequest.post("/v2/bookings", Map.of("cal-api-version", "2024-08-13"),
                EmulatorFixtures.bookingBody(2, at(10, 0))));
        assertThat(booking.status()).isEqualTo(201);

        clock.advance(java.time.Duration.ofMillis(1999));
        assertThat(slots(cached, query).body()).as("same input within 2 s").isEqualTo(before);
        assertThat(slots(cached, query + "&format=range").body()).as("the format is applied after the cache")
                .contains("\"start\":\"2030-01-08T10:00:00.000Z\",\"end\":\"2030-01-08T10:30:00.000Z\"");
        assertThat(slots(cached, query + "&timeZone=UTC").body()).as("another input").doesNotContain("T10:00:00");
        clock.advance(java.time.Duration.ofMillis(1));
        assertThat(slots(cached, query).body()).as("expired").doesNotContain("T10:00:00");
    }

    // ------------------------------------------------------------------ helpers

    private EmulatorResponse slots(String query) {
        return slots(emulator, query);
    }

    private static EmulatorResponse slots(CalcomEmulator target, String query) {
        return EmulatorFixtures.get(target, "/v2/slots", query, Map.of("cal-api-version", "2024-09-04"));
    }

    private long host(ZoneId zone, WorkingHours... hours) {
        long id = nextId++;
        emulator.addHost(new Host(id, "h" + id, "Host " + id, "h" + id + "@example.com", zone, List.of(hours)));
        return id;
    }

    private static WorkingHours hours(int fromHour, int fromMinute, int toHour, int toMinute) {
        return new WorkingHours(EVERY_DAY, LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute));
    }

    private EventTypeSpec spec(int length, Integer interval, int before, int after, int notice, long host) {
        return new EventTypeSpec(nextId++, "e" + nextId, length, List.of(), interval, before, after, notice,
                SchedulingType.INDIVIDUAL, List.of(host));
    }

    private long eventType(int length, Integer interval, int before, int after, int notice, long host) {
        return add(spec(length, interval, before, after, notice, host));
    }

    private long add(EventTypeSpec spec) {
        emulator.addEventType(spec);
        return spec.id();
    }

    private int book(long eventTypeId, Instant start) {
        return EmulatorFixtures.book(emulator, eventTypeId, start).status();
    }

    private List<Instant> starts(long eventTypeId, LocalDate day) {
        return starts(eventTypeId, day, null);
    }

    private List<Instant> starts(long eventTypeId, LocalDate day, ZoneId zone) {
        int length = emulator.eventType(eventTypeId).orElseThrow().lengthMinutes();
        return emulator.availableSlots(eventTypeId, length, TimeRange.utcDay(day), zone).stream()
                .map(Slot::start).toList();
    }

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }
}
