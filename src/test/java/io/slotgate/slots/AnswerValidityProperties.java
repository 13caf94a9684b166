package io.slotgate.slots;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What lets a rendered answer be served again: the answer laid out at {@code now} is the answer at every instant
 * before {@link AnswerValidity#unchangedBefore}, for the exact layout, the one without edge gaps and the conservative
 * one alike (and so is whether each answers at all). Instants are picked near where answers do change: a slot start
 * passing through the notice, a fill's clip, and at random; the clock sits sometimes on a whole second, sometimes
 * between two.
 */
class AnswerValidityProperties {

    @Property(tries = 400)
    void anAnswerLaidOutNowHoldsUntilItsValidityEnds(@ForAll long seed) {
        EmulatedWorld world = new EmulatedWorld(seed, false);
        Instant[] window = world.window();
        Instant now = near(world, world.later());
        Instant until = AnswerValidity.unchangedBefore(world.slices, window[0], window[1], now, world.notice);
        assertThat(until).isAfter(now);
        Layouts atNow = Layouts.at(world, window, now);
        List<Instant> probes = new ArrayList<>(List.of(until.minusMillis(1), now.plusMillis(1)));
        long span = until.toEpochMilli() - now.toEpochMilli();
        for (int i = 0; i < 8; i++) {
            probes.add(now.plusMillis(Math.floorMod(world.random.nextLong(), span)));
        }
        for (Instant probe : probes) {
            if (probe.isBefore(until) && !probe.isBefore(now)) {
                assertThat(Layouts.at(world, window, probe)).as("laid out at %s, asked at %s (valid before %s): %s",
                        now, probe, until, world).isEqualTo(atNow);
            }
        }
        Statistics.label("valid for").collect(span <= 1 ? "1 ms" : span < 1000 ? "under a second" : "a second");
        Statistics.label("changed at the end").collect(Layouts.at(world, window, until).equals(atNow) ? "no" : "yes");
    }

    /** Mostly an instant just before a slot start leaves through the notice, or just before a fill's clip is passed. */
    private static Instant near(EmulatedWorld world, Instant later) {
        int pick = world.random.nextInt(4);
        long jitter = world.random.nextInt(3) == 0 ? 0 : world.random.nextInt(2500);
        List<Slot> slots = world.slices.stream().flatMap(s -> s.slots().stream()).toList();
        long notice = world.notice * 60_000L;
        if (pick == 0 && !slots.isEmpty()) {
            Slot slot = slots.get(world.random.nextInt(slots.size()));
            return slot.start().minusMillis(notice + jitter);
        }
        if (pick == 1) {
            FillShape shape = world.slices.get(world.random.nextInt(world.slices.size())).shape();
            Instant clip = world.random.nextBoolean() ? shape.knownFrom() : shape.earliestFrom();
            return clip.minusMillis(Math.max(notice, 60_000L) + jitter - 1200);
        }
        return world.random.nextBoolean() ? later : later.plusMillis(world.random.nextInt(1000));
    }

    private record Layouts(Optional<List<Slot>> exact, Optional<List<Slot>> withoutEdgeGaps, List<Slot> conservative) {
        static Layouts at(EmulatedWorld world, Instant[] window, Instant now) {
            return new Layouts(
                    CalcomLayout.answer(world.slices, window[0], window[1], world.zone, now, world.notice),
                    CalcomLayout.answerWithoutEdgeGaps(world.slices, window[0], window[1], world.zone, now,
                            world.notice),
                    CalcomLayout.conservative(world.slices, window[0], window[1], world.zone, now, world.notice));
        }
    }
}
