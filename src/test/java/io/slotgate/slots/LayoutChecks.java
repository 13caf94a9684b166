package io.slotgate.slots;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The two promises every layout property checks: an answer is Cal.com's, and the conservative list never more. */
final class LayoutChecks {
    private LayoutChecks() {
    }

    /** Asserts both promises for one query against Cal.com's {@code truth}, and returns the answer. */
    static Optional<List<Slot>> answerIsTruthOrNothing(List<DaySlice> slices, Instant[] window, ZoneId zone,
                                                       Instant now, int notice, List<Slot> truth, String context) {
        String asked = context + "\nwindow " + window[0] + ".." + window[1] + " at " + now;
        Optional<List<Slot>> answer = CalcomLayout.answer(slices, window[0], window[1], zone, now, notice);
        answer.ifPresent(slots -> assertThat(slots).as(asked).isEqualTo(truth));
        List<Slot> conservative = CalcomLayout.conservative(slices, window[0], window[1], zone, now, notice);
        assertThat(truth).as(asked).containsAll(conservative);
        answer.ifPresent(slots -> assertThat(conservative).as(asked).isEqualTo(slots));
        return answer;
    }
}
