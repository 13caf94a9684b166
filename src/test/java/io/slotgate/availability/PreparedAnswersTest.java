package io.slotgate.availability;

import io.slotgate.cache.DayBucket;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept renderings: served only for the very buckets, notice and instants they hold for; bounded by bytes. */
class PreparedAnswersTest {
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00.250Z");
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aKeptRenderingIsServedOnlyForItsOwnBucketsNoticeAndValidity() {
        PreparedAnswers answers = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        List<DayBucket> buckets = RenderedWeek.buckets(7, NOW);
        RenderedAnswer answer = RenderedAnswer.of(RenderedWeek.BERLIN.render(RenderedWeek.slots(7)));
        Instant until = NOW.plusMillis(750);
        PreparedAnswers.Key key = RenderedWeek.key(1, 7);
        answers.put(key, RenderedWeek.entry(answer, buckets, NOW, until));

        assertThat(answers.servable(key, buckets, 0, NOW)).isNotNull();
        assertThat(answers.servable(key, buckets, 0, until.minusMillis(1))).isNotNull();
        assertThat(answers.servable(key, buckets, 0, until)).as("the instant it may change").isNull();
        assertThat(answers.servable(key, buckets, 0, NOW.minusMillis(1))).as("a clock set back").isNull();
        assertThat(answers.servable(key, buckets, 30, NOW)).as("another notice").isNull();
        List<DayBucket> refilled = new ArrayList<>(buckets);
        refilled.set(3, refilled.get(3).at(1)); // the same slots under a later generation: another bucket
        assertThat(answers.servable(key, refilled, 0, NOW)).as("another bucket for a day").isNull();
        assertThat(answers.servable(RenderedWeek.key(2, 7), buckets, 0, NOW)).as("another query").isNull();
        assertThat(answers.reused()).isEqualTo(2);
    }

    @Test
    void tenThousandDistinctAnswersStayWithinTheByteBound() {
        PreparedAnswers answers = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        List<DayBucket> buckets = RenderedWeek.buckets(7, NOW);
        RenderedAnswer week = RenderedAnswer.of(RenderedWeek.BERLIN.render(RenderedWeek.slots(7)));
        assertThat(week.identity().length).as("a week of quarter hours").isGreaterThan(14_000);
        for (int n = 0; n < 10_000; n++) {
            answers.put(RenderedWeek.key(n, 7), RenderedWeek.entry(week, buckets, NOW, NOW.plusSeconds(3600)));
        }
        assertThat(answers.weightedBytes()).isLessThanOrEqualTo(PreparedAnswers.DEFAULT_MAX_BYTES);
        assertThat(answers.size()).as("a week's answer weighs %d bytes", week.weight())
                .isEqualTo(PreparedAnswers.DEFAULT_MAX_BYTES / week.weight());
    }

    @Test
    void tenThousandDistinctOneDayAnswersAreAllKeptWithinTheBound() {
        PreparedAnswers answers = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        List<DayBucket> buckets = RenderedWeek.buckets(1, NOW);
        RenderedAnswer day = RenderedAnswer.of(RenderedWeek.BERLIN.render(RenderedWeek.slots(1)));
        for (int n = 0; n < 10_000; n++) {
            answers.put(RenderedWeek.key(n, 1), RenderedWeek.entry(day, buckets, NOW, NOW.plusSeconds(3600)));
        }
        assertThat(answers.size()).isEqualTo(10_000);
        assertThat(answers.weightedBytes()).isEqualTo(10_000 * day.weight())
                .isLessThanOrEqualTo(PreparedAnswers.DEFAULT_MAX_BYTES);
    }

    @Test
    void anEntryLeavesOnceItsValidityEnds() {
        PreparedAnswers answers = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        List<DayBucket> buckets = RenderedWeek.buckets(1, NOW);
        RenderedAnswer day = RenderedAnswer.of(RenderedWeek.BERLIN.render(RenderedWeek.slots(1)));
        answers.put(RenderedWeek.key(1, 1), RenderedWeek.entry(day, buckets, NOW, NOW.plusMillis(500)));
        assertThat(answers.size()).isEqualTo(1);
        clock.set(NOW.plusMillis(500));
        assertThat(answers.servable(RenderedWeek.key(1, 1), buckets, 0, clock.instant())).isNull();
        // Caffeine's timer wheel removes an expired entry within its smallest span (about a second)
        clock.set(NOW.plusMillis(500).plusSeconds(2));
        assertThat(answers.size()).as("no old buckets held long past the validity").isZero();
    }
}
