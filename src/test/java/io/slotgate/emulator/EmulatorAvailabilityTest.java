package io.slotgate.emulator;

import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.slotgate.emulator.EmulatorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatorAvailabilityTest {
    private MutableClock clock;
    private CalcomEmulator emulator;
    private final List<BookingEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock = clock();
        emulator = tenant(clock, settings());
        emulator.addBookingListener(events::add);
    }

    @Test
    void workingHoursAreReadInTheHostsZone() {
        List<Instant> alice = starts(emulator, ALICE_30, MONDAY);
        assertThat(alice).first().isEqualTo(at(MONDAY, 7, 0));   // 09:00 CEST
        assertThat(alice).last().isEqualTo(at(MONDAY, 14, 30));  // 16:30 CEST, ends at 17:00
        assertThat(alice).hasSize(16);
        assertThat(starts(emulator, ALICE_30, MONDAY.plusDays(5))).as("Saturday").isEmpty();
    }

    @Test
    void aBookingRemovesTheSlotFromEveryEventTypeSharingTheHostAndOnlyThere() {
        Instant ten = at(MONDAY, 10, 0);
        assertThat(book(emulator, ALICE_30, ten).status()).isEqualTo(201);

        assertThat(starts(emulator, ALICE_30, MONDAY)).doesNotContain(ten)
                .contains(at(MONDAY, 9, 30), at(MONDAY, 10, 30));
        assertThat(starts(emulator, TEAM_COLLECTIVE, MONDAY)).doesNotContain(ten)
                .contains(at(MONDAY, 9, 30), at(MONDAY, 10, 30));
        assertThat(starts(emulator, ALICE_NOTICE, MONDAY)).doesNotContain(ten);
        assertThat(starts(emulator, TEAM_RR, MONDAY)).as("Bob is still free").contains(ten);
        assertThat(starts(emulator, BOB_30, MONDAY)).contains(ten);

        // The round robin booking goes to Bob, the only free host; now nobody is free at ten.
        var rr = book(emulator, TEAM_RR, ten);
        assertThat(rr.status()).isEqualTo(201);
        assertThat(json(rr).at("/data/hosts/0/id").asLong()).isEqualTo(BOB);
        assertThat(starts(emulator, TEAM_RR, MONDAY)).doesNotContain(ten).contains(at(MONDAY, 9, 30));
        assertThat(starts(emulator, BOB_30, MONDAY)).doesNotContain(ten);
    }

    @Test
    void buffersWidenBothTheBookingAndTheCandidate() {
        // A buffered booking at 12:00Z blocks Alice from 11:45Z to 12:45Z.
        assertThat(book(emulator, ALICE_BUFFERED, at(MONDAY, 12, 0)).status()).isEqualTo(201);

        assertThat(starts(emulator, ALICE_30, MONDAY))
                .contains(at(MONDAY, 11, 0), at(MONDAY, 13, 0))
                .doesNotContain(at(MONDAY, 11, 30), at(MONDAY, 12, 0), at(MONDAY, 12, 30));
        // The buffered type adds its own 15 minutes each side: free only up to 11:00Z and from 13:00Z.
        assertThat(starts(emulator, ALICE_BUFFERED, MONDAY))
                .contains(at(MONDAY, 11, 0), at(MONDAY, 13, 0))
                .doesNotContain(at(MONDAY, 11, 15), at(MONDAY, 11, 45), at(MONDAY, 12, 45));
        assertThat(starts(emulator, BOB_30, MONDAY)).contains(at(MONDAY, 12, 0));
    }

    @Test
    void roundRobinIsTheUnionAndCollectiveTheIntersection() {
        var alice = new TreeSet<>(starts(emulator, ALICE_30, MONDAY));
        var bob = new TreeSet<>(starts(emulator, BOB_30, MONDAY));
        var union = new TreeSet<>(alice);
        union.addAll(bob);
        var intersection = new TreeSet<>(alice);
        intersection.retainAll(bob);

        assertThat(starts(emulator, TEAM_RR, MONDAY)).containsExactlyElementsOf(union);
        assertThat(starts(emulator, TEAM_COLLECTIVE, MONDAY)).containsExactlyElementsOf(intersection);
        assertThat(intersection).first().isEqualTo(at(MONDAY, 8, 0));
        assertThat(intersection).last().isEqualTo(at(MONDAY, 14, 30));
        assertThat(union).last().isEqualTo(at(MONDAY, 15, 30));
    }

    @Test
    void minimumNoticeAndThePastAreHiddenAndMoveWithTheClock() {
        clock.set(at(MONDAY, 9, 10));
        assertThat(starts(emulator, ALICE_30, MONDAY)).first().isEqualTo(at(MONDAY, 9, 30));
        assertThat(starts(emulator, ALICE_NOTICE, MONDAY)).first().isEqualTo(at(MONDAY, 11, 30));
        assertThat(emulator.isBookable(ALICE_NOTICE, at(MONDAY, 11, 0), 30)).isFalse();
        assertThat(emulator.isBookable(ALICE_NOTICE, at(MONDAY, 11, 30), 30)).isTrue();

        clock.advance(minutes(60));
        assertThat(starts(emulator, ALICE_30, MONDAY)).first().isEqualTo(at(MONDAY, 10, 30));
        assertThat(starts(emulator, ALICE_NOTICE, MONDAY)).first().isEqualTo(at(MONDAY, 12, 30));

        var tooSoon = book(emulator, ALICE_NOTICE, at(MONDAY, 11, 30));
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(json(tooSoon).at("/error/message").asText()).isEqualTo("booking_time_out_of_bounds_error");
        var past = book(emulator, ALICE_30, at(MONDAY, 9, 0));
        assertThat(json(past).at("/error/message").asText()).isEqualTo("Attempting to book a meeting in the past.");
    }

    @Test
    void workingHoursFollowDaylightSavingInSpringAndAutumn() {
        // Europe/Berlin moves to CEST on Sunday 29 March 2026 and back to CET on Sunday 25 October 2026.
        LocalDate fridayBefore = LocalDate.of(2026, 3, 27);
        LocalDate mondayAfter = LocalDate.of(2026, 3, 30);
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(starts(emulator, ALICE_30, fridayBefore)).first().isEqualTo(at(fridayBefore, 8, 0));
        assertThat(starts(emulator, ALICE_30, fridayBefore)).last().isEqualTo(at(fridayBefore, 15, 30));
        assertThat(starts(emulator, ALICE_30, mondayAfter)).first().isEqualTo(at(mondayAfter, 7, 0));
        assertThat(starts(emulator, ALICE_30, mondayAfter)).last().isEqualTo(at(mondayAfter, 14, 30));

        LocalDate octFriday = LocalDate.of(2026, 10, 23);
        LocalDate octMonday = LocalDate.of(2026, 10, 26);
        assertThat(starts(emulator, ALICE_30, octFriday)).first().isEqualTo(at(octFriday, 7, 0));
        assertThat(starts(emulator, ALICE_30, octMonday)).first().isEqualTo(at(octMonday, 8, 0));
        // Collective with a London host: both shift together, so the overlap stays 8 hours minus the 1 h offset.
        assertThat(starts(emulator, TEAM_COLLECTIVE, octMonday)).first().isEqualTo(at(octMonday, 9, 0));
        assertThat(starts(emulator, TEAM_COLLECTIVE, octMonday)).last().isEqualTo(at(octMonday, 15, 30));
    }

    @Test
    void anExternalBusyBlockRemovesSlotsWithoutABookingEvent() {
        String block = emulator.addBusyBlock(ALICE, at(MONDAY, 10, 0), at(MONDAY, 11, 0));
        assertThat(starts(emulator, ALICE_30, MONDAY)).doesNotContain(at(MONDAY, 10, 0), at(MONDAY, 10, 30))
                .contains(at(MONDAY, 9, 30), at(MONDAY, 11, 0));
        assertThat(starts(emulator, TEAM_COLLECTIVE, MONDAY)).doesNotContain(at(MONDAY, 10, 0));
        assertThat(starts(emulator, TEAM_RR, MONDAY)).contains(at(MONDAY, 10, 0));
        var refused = book(emulator, ALICE_30, at(MONDAY, 10, 0));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(events).isEmpty();

        emulator.removeBusyBlock(block);
        assertThat(starts(emulator, ALICE_30, MONDAY)).contains(at(MONDAY, 10, 0), at(MONDAY, 10, 30));
        assertThat(events).isEmpty();
    }

    @Test
    void slotIntervalAndMultipleLengthsShapeTheGrid() {
        var sixty = emulator.availableSlots(ALICE_NOTICE, 60, io.slotgate.slots.TimeRange.utcDay(MONDAY));
        // No interval set: the step is the requested duration.
        assertThat(sixty).extracting(s -> s.start()).startsWith(at(MONDAY, 7, 0), at(MONDAY, 8, 0));
        assertThat(sixty.get(0).end()).isEqualTo(at(MONDAY, 8, 0));
        var buffered = starts(emulator, ALICE_BUFFERED, MONDAY);
        assertThat(buffered).startsWith(at(MONDAY, 7, 0), at(MONDAY, 7, 15), at(MONDAY, 7, 30));
        assertThat(buffered.get(1).until(buffered.get(2), ChronoUnit.MINUTES)).isEqualTo(15);
    }
}
