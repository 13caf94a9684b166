package io.slotgate.bench.pressure;

import io.slotgate.bench.pressure.Judge.Cause;
import io.slotgate.bench.pressure.Judge.Verdict;
import io.slotgate.bench.pressure.Judge.WrongSlot;
import io.slotgate.slots.Slot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PressureReportTest {
    private static final Instant T = Instant.parse("2030-01-07T10:00:00Z");

    @Test
    void theBusiestWindowCountsCallsLessThanAWindowApart() {
        List<Instant> calls = List.of(T, T.plusSeconds(10), T.plusSeconds(59), T.plusSeconds(60), T.plusSeconds(61),
                T.plusSeconds(200));
        // [T+10, T+69] holds 10, 59, 60, 61; a call exactly 60 s after another is in the next window
        assertThat(PressureReport.mostInAnyWindow(calls, Duration.ofSeconds(60))).isEqualTo(4);
        assertThat(PressureReport.mostInAnyWindow(List.of(), Duration.ofSeconds(60))).isZero();
    }

    @Test
    void anAnswerWithSeveralWrongSlotsCountsOnceForEachOfItsCausesWithTheMedianAge() {
        Verdict twoBlocksAndALateWebhook = verdict(
                wrong(Cause.EXTERNAL_BLOCK, 10, null), wrong(Cause.EXTERNAL_BLOCK, 30, null),
                wrong(Cause.WEBHOOK_PAST_GRACE, 4, 2));
        Verdict oneBlock = verdict(wrong(Cause.EXTERNAL_BLOCK, 20, null));
        Verdict right = verdict();

        PressureReport.FalseAvailable fa = PressureReport.falseAvailable(List.of(twoBlocksAndALateWebhook, oneBlock, right));

        assertThat(fa.answers()).isEqualTo(2);
        assertThat(fa.percentOf200()).isEqualTo(66.67);
        assertThat(fa.slots()).isEqualTo(4);
        assertThat(fa.byCause().get(Cause.EXTERNAL_BLOCK))
                .isEqualTo(new PressureReport.CauseTally(Cause.EXTERNAL_BLOCK.description, 2, 3, 20.0));
        assertThat(fa.byCause().get(Cause.WEBHOOK_PAST_GRACE).answers()).isEqualTo(1);
        assertThat(fa.byCause().get(Cause.OTHER).answers()).isZero();
        PressureReport.AfterWebhook late = PressureReport.afterWebhook(List.of(twoBlocksAndALateWebhook, oneBlock));
        assertThat(late).isEqualTo(new PressureReport.AfterWebhook(1, 1, 2.0, 2.0, 0, 0));
    }

    @Test
    void aLateOfferToAQueryAskedBeforeItsWebhookArrivedIsCountedAsSuch() {
        Verdict waitedFiveSeconds = verdict(Duration.ofSeconds(5), wrong(Cause.WEBHOOK_PAST_GRACE, 6, 2));
        Verdict askedAfter = verdict(Duration.ofMillis(20), wrong(Cause.WEBHOOK_PAST_GRACE, 9, 8));

        PressureReport.AfterWebhook late = PressureReport.afterWebhook(List.of(waitedFiveSeconds, askedAfter));

        assertThat(late).isEqualTo(new PressureReport.AfterWebhook(2, 2, 2.0, 8.0, 1, 0));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> latencies = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(Duration::ofMillis).toList();

        PressureReport.Latency l = PressureReport.latency(latencies);

        assertThat(List.of(l.p50ms(), l.p95ms(), l.p99ms(), l.maxMs())).containsExactly(100.0, 190.0, 198.0, 200.0);
    }

    private static WrongSlot wrong(Cause cause, int secondsSinceTaken, Integer secondsSinceWebhook) {
        return new WrongSlot(Slot.of(T.plusSeconds(3600L * secondsSinceTaken), Duration.ofMinutes(15)), cause, null,
                Duration.ofSeconds(secondsSinceTaken),
                secondsSinceWebhook == null ? null : Duration.ofSeconds(secondsSinceWebhook), secondsSinceWebhook != null);
    }

    private static Verdict verdict(WrongSlot... wrong) {
        return verdict(Duration.ZERO, wrong);
    }

    private static Verdict verdict(Duration latency, WrongSlot... wrong) {
        Answer answer = new Answer(new BenchQuery(1001, "2030-01-07", "2030-01-07", null, null, null), 0, T, 200,
                null, "HIT", latency, wrong.length, List.of(), List.of(), wrong.length == 0, null);
        return new Verdict(answer, List.of(wrong), Map.of());
    }
}
