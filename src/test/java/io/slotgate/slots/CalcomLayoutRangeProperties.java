package io.slotgate.slots;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;


/**
 * {@link CalcomLayout} against Cal.com's rules over free ranges chosen at random ({@link CalcomSlotRules}): whatever
 * it answers is exactly Cal.com's answer at that moment, and its conservative list never offers more.
 */
class CalcomLayoutRangeProperties {

    @Property(tries = 4000)
    void anAnswerIsCalcomsAnswerAtThatMomentAndTheConservativeListNeverMore(@ForAll long seed) {
        LayoutScenario scenario = new LayoutScenario(seed);
        Instant now = scenario.later();
        Instant[] window = scenario.window();
        List<Slot> truth = scenario.truth(window[0], window[1], now);
        Optional<List<Slot>> answer = LayoutChecks.answerIsTruthOrNothing(scenario.slices, window, scenario.zone,
                now, scenario.notice, truth, scenario.toString());
        List<Slot> conservative = CalcomLayout.conservative(scenario.slices, window[0], window[1], scenario.zone, now,
                scenario.notice);

        Statistics.label("f=" + scenario.frequency + " " + scenario.aggregation)
                .collect(answer.isPresent() ? "answered" : "declined");
        String doubt = CalcomLayout.doubt(scenario.slices, window[0], window[1], scenario.zone, now, scenario.notice);
        Statistics.label("why declined").collect(doubt == null ? "answered" : doubt);
        Statistics.label("conservative share of Cal.com's slots").collect(truth.isEmpty() ? "nothing offered"
                : conservative.size() == truth.size() ? "all" : "some");
    }
}
