package io.slotgate.slots;

import io.slotgate.emulator.Booking;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisive check of {@link CalcomLayout}: against the emulator, which computes slots as Cal.com does, over random
 * tenants (hosts in zones of every offset, working hours that touch or run past midnight, busy blocks at odd minutes,
 * bookings with buffers, notice, every scheduling type). Slices filled at one instant and answered at a later one are
 * either declined or exactly the emulator's fresh answer; the conservative list never offers more; a blocked slice
 * answers as the emulator does after the booking.
 */
class CalcomLayoutEmulatorProperties {

    @Property(tries = 1500)
    void slicesFilledEarlierAnswerExactlyAsCalcomDoesNowOrDecline(@ForAll long seed) {
        EmulatedWorld world = new EmulatedWorld(seed, false);
        Instant now = world.later();
        Instant[] window = world.window();
        List<Slot> truth = world.truth(window[0], window[1], now);
        Optional<List<Slot>> answer = LayoutChecks.answerIsTruthOrNothing(world.slices, window, world.zone, now,
                world.notice, truth, world.toString());
        List<Slot> conservative = CalcomLayout.conservative(world.slices, window[0], window[1], world.zone, now,
                world.notice);

        Statistics.label("f=" + world.frequency).collect(answer.isPresent() ? "answered" : "declined");
        Statistics.label("scheduling").collect(world.type.schedulingType() + " "
                + (answer.isPresent() ? "answered" : "declined"));
        String buffers = world.stretchBefore + world.stretchAfter > 0 ? "buffers" : "no buffers";
        Statistics.label("buffers").collect(buffers + " " + (answer.isPresent() ? "answered" : "declined"));
        if (!truth.isEmpty()) {
            Statistics.label("f=" + world.frequency + ", " + buffers + ", Cal.com offers slots")
                    .collect(answer.isPresent() ? "answered" : "declined");
        }
        Statistics.label("why declined").collect(String.valueOf(CalcomLayout.doubt(world.slices, window[0],
                window[1], world.zone, now, world.notice)));
        Statistics.label("conservative keeps").collect(truth.isEmpty() ? "nothing to keep"
                : conservative.size() == truth.size() ? "all" : conservative.isEmpty() ? "none" : "some");
    }

    @Property(tries = 600)
    void aReservationRecordedAsAHoldIsServedAsCalcomServesItWhetherTheFillSawItOrNot(@ForAll long seed) {
        EmulatedWorld world = new EmulatedWorld(seed, true);
        TimeRange hold = world.reserve();
        if (hold == null) {
            return;
        }
        boolean fillSawIt = world.random.nextBoolean();
        List<DaySlice> before = fillSawIt ? world.refill() : world.slices;
        List<Blocked> held = CalcomLayout.block(before, hold.start(), hold.end(), BlockMode.REMOVE_ONLY);
        assertThat(held).allMatch(Blocked::exact);
        List<DaySlice> slices = held.stream().map(Blocked::slice).toList();
        Instant now = world.later();
        Instant[] window = world.window();
        Optional<List<Slot>> answer = LayoutChecks.answerIsTruthOrNothing(slices, window, world.zone, now,
                world.notice, world.truth(window[0], window[1], now), world + "\nhold " + hold + " seen by the fill: "
                        + fillSawIt);
        Statistics.label("fill saw the reservation: " + fillSawIt).collect(answer.isPresent() ? "answered"
                : "declined");
    }

    @Property(tries = 800)
    void aBlockedSliceIsTheFillAfterTheBookingWhenExactAndAnswersAsCalcomDoes(@ForAll long seed) {
        EmulatedWorld world = new EmulatedWorld(seed, true);
        List<Booking> made = world.book(1);
        if (made.isEmpty()) {
            return;
        }
        TimeRange busy = world.stretched(made.get(0));
        List<Blocked> blocked = CalcomLayout.block(world.slices, busy.start(), busy.end(), BlockMode.SPLIT_RANGE);
        List<DaySlice> refilled = world.refill();
        String context = world + "\nbusy " + busy;
        for (int i = 0; i < blocked.size(); i++) {
            DaySlice mine = blocked.get(i).slice();
            if (blocked.get(i).exact()) {
                assertThat(mine.slots()).as(context).isEqualTo(refilled.get(i).slots());
                assertThat(mine.continuesFromPreviousDay()).as(context)
                        .isEqualTo(refilled.get(i).continuesFromPreviousDay());
                assertThat(mine.continuesIntoNextDay()).as(context).isEqualTo(refilled.get(i).continuesIntoNextDay());
            } else {
                assertThat(refilled.get(i).slots()).as(context).containsAll(mine.offered());
            }
        }
        Statistics.label("f=" + world.frequency + " " + world.aggregation)
                .collect(blocked.stream().allMatch(Blocked::exact) ? "exact" : "conservative");

        Instant now = world.later();
        Instant[] window = world.window();
        List<Slot> truth = world.truth(window[0], window[1], now);
        List<DaySlice> slices = blocked.stream().map(Blocked::slice).toList();
        LayoutChecks.answerIsTruthOrNothing(slices, window, world.zone, now, world.notice, truth,
                context + "\nblocked " + slices);
    }
}
