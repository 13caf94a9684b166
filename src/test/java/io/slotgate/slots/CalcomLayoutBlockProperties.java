package io.slotgate.slots;

import io.slotgate.slots.CalcomSlotRules.Free;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CalcomLayout#block} against Cal.com's rules over random free ranges: an EXACT block equals a fresh fill of the
 * world with the busy time in it, a CONSERVATIVE one never offers more, and either way the blocked slices still answer
 * only what Cal.com answers.
 */
class CalcomLayoutBlockProperties {

    @Property(tries = 2000)
    void aSplitIsTheFillOfTheWorldWithTheBusyTimeWhenItSaysExact(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed, true);
        Free busy = scenario.busy();
        List<Blocked> blocked = CalcomLayout.block(scenario.slices, busy.start(), busy.end(), BlockMode.SPLIT_RANGE);
        LayoutScenario after = scenario.withBusy(busy);
        List<DaySlice> refilled = after.refill();
        boolean exact = blocked.stream().allMatch(Blocked::exact);
        Statistics.label("f=" + scenario.frequency + " " + scenario.aggregation).collect(exact ? "exact" : "conservative");
        for (int i = 0; i < blocked.size(); i++) {
            DaySlice mine = blocked.get(i).slice();
            DaySlice fresh = refilled.get(i);
            String context = scenario + "\nbusy " + busy + "\nblocked " + mine + "\nfresh " + fresh;
            if (blocked.get(i).exact()) {
                assertThat(mine.slots()).as(context).isEqualTo(fresh.slots());
                assertThat(mine.continuesFromPreviousDay()).as(context).isEqualTo(fresh.continuesFromPreviousDay());
                assertThat(mine.continuesIntoNextDay()).as(context).isEqualTo(fresh.continuesIntoNextDay());
            } else {
                assertThat(fresh.slots()).as(context).containsAll(mine.slots());
            }
        }
        Instant now = scenario.later();
        Instant[] window = scenario.window();
        List<DaySlice> slices = blocked.stream().map(Blocked::slice).toList();
        LayoutChecks.answerIsTruthOrNothing(slices, window, scenario.zone, now, scenario.notice,
                after.truth(window[0], window[1], now), scenario + "\nbusy " + busy + "\nblocked " + slices);
    }

    @Property(tries = 1000)
    void aSplitChangesNothingWhereTheFillAlreadySawTheBusyTime(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed, true);
        if (scenario.aggregation == FillShape.Aggregation.UNITED) {
            return; // another host may keep an overlapped slot: a round-robin block can only remove it
        }
        Free busy = scenario.busy();
        List<DaySlice> refilled = scenario.withBusy(busy).refill();
        List<Blocked> again = CalcomLayout.block(refilled, busy.start(), busy.end(), BlockMode.SPLIT_RANGE);
        Statistics.label("f=" + scenario.frequency).collect(again.stream().allMatch(Blocked::exact)
                ? "exact" : "conservative");
        for (int i = 0; i < again.size(); i++) {
            if (again.get(i).exact()) {
                assertThat(again.get(i).slice()).as("%s%nbusy %s", scenario, busy).isEqualTo(refilled.get(i));
            }
        }
    }

    @Property(tries = 1000)
    void twoSplitsInEitherOrderGiveTheSameSlices(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed, true);
        Free first = scenario.busy();
        Free second = scenario.busy();
        List<Blocked> ab = blockBoth(scenario.slices, first, second);
        List<Blocked> ba = blockBoth(scenario.slices, second, first);
        boolean exact = ab.stream().allMatch(Blocked::exact) && ba.stream().allMatch(Blocked::exact);
        Statistics.label("both exact").collect(exact);
        if (exact) {
            assertThat(ab.stream().map(Blocked::slice).toList()).as("%s%nbusy %s and %s", scenario, first, second)
                    .isEqualTo(ba.stream().map(Blocked::slice).toList());
        } else {
            Statistics.label("conservative orders agree").collect(ab.stream().map(Blocked::slice).toList()
                    .equals(ba.stream().map(Blocked::slice).toList()));
        }
    }

    @Property(tries = 1000)
    void aHoldDropsWhatItOverlapsAndTheSlicesStillAnswerExactly(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed, true);
        Free hold = scenario.busy();
        List<Blocked> held = CalcomLayout.block(scenario.slices, hold.start(), hold.end(), BlockMode.REMOVE_ONLY);
        assertThat(held).allMatch(Blocked::exact);
        List<Blocked> twice = CalcomLayout.block(held.stream().map(Blocked::slice).toList(), hold.start(), hold.end(),
                BlockMode.REMOVE_ONLY);
        assertThat(twice.stream().map(Blocked::slice).toList()).isEqualTo(held.stream().map(Blocked::slice).toList());
        Instant now = scenario.later();
        Instant[] window = scenario.window();
        List<DaySlice> slices = held.stream().map(Blocked::slice).toList();
        Optional<List<Slot>> answer = LayoutChecks.answerIsTruthOrNothing(slices, window, scenario.zone, now,
                scenario.notice, scenario.truth(window[0], window[1], now, List.of(hold)), scenario + "\nhold " + hold);
        Statistics.label("answered").collect(answer.isPresent());
    }

    @Property(tries = 1500)
    void aHoldTheFillAlreadyHidIsNotTakenForTheEndOfARange(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed, false, 2);
        List<DaySlice> slices = scenario.slices;
        for (Free hold : scenario.reservations) {
            slices = CalcomLayout.block(slices, hold.start(), hold.end(), BlockMode.REMOVE_ONLY).stream()
                    .map(Blocked::slice).toList();
        }
        Instant now = scenario.later();
        Instant[] window = scenario.window();
        Optional<List<Slot>> answer = LayoutChecks.answerIsTruthOrNothing(slices, window, scenario.zone, now,
                scenario.notice, scenario.truth(window[0], window[1], now), scenario + "\nholds "
                        + scenario.reservations);
        Statistics.label("f=" + scenario.frequency + " " + scenario.aggregation).collect(answer.isPresent()
                ? "answered" : "declined");
    }

    private static List<Blocked> blockBoth(List<DaySlice> slices, Free a, Free b) {
        List<Blocked> once = CalcomLayout.block(slices, a.start(), a.end(), BlockMode.SPLIT_RANGE);
        List<Blocked> twice = CalcomLayout.block(once.stream().map(Blocked::slice).toList(), b.start(), b.end(),
                BlockMode.SPLIT_RANGE);
        return twice.stream().map(t -> new Blocked(t.slice(), once.get(twice.indexOf(t)).exact() && t.exact()
                ? Blocked.Fidelity.EXACT : Blocked.Fidelity.CONSERVATIVE, t.reachesNextDay())).toList();
    }
}
