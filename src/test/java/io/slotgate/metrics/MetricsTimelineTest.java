package io.slotgate.metrics;

import io.slotgate.cache.TenantId;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-minute timeline and the Cal.com path templates, on a clock the test moves. */
class MetricsTimelineTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T10:00:30Z"));

    @Test
    void eachMinuteKeepsItsOwnCountsAndP95AndTheRingForgetsMinutesOlderThanAnHour() {
        Timeline timeline = new Timeline(clock);
        for (int i = 1; i <= 100; i++) {
            timeline.request(i <= 60 ? RequestOutcome.HIT : RequestOutcome.MISS, Duration.ofMillis(i));
        }
        timeline.invalidations(2);
        clock.advance(Duration.ofMinutes(1));
        timeline.request(RequestOutcome.STALE, Duration.ofMillis(3));
        timeline.calcomCall();

        Timeline.Snapshot now = timeline.snapshot();
        assertThat(now.minutes()).hasSize(60);
        Timeline.Minute previous = now.minutes().get(58);
        assertThat(previous.start()).isEqualTo(Instant.parse("2030-01-07T10:00:00Z"));
        assertThat(previous.requests()).isEqualTo(100);
        assertThat(previous.hits()).isEqualTo(60);
        assertThat(previous.misses()).isEqualTo(40);
        assertThat(previous.invalidations()).isEqualTo(2);
        // the exact p95 is 95 ms; the bucket's upper bound is at most 9 % above it
        assertThat(previous.p95Millis().getAsDouble()).isBetween(95.0, 95.0 * 1.091);
        Timeline.Minute current = now.minutes().get(59);
        assertThat(current.stale()).isEqualTo(1);
        assertThat(current.calcomCalls()).isEqualTo(1);
        assertThat(now.totals().requests()).isEqualTo(101);

        clock.advance(Duration.ofMinutes(59));
        Timeline.Snapshot later = timeline.snapshot();
        assertThat(later.minutes().stream().mapToLong(Timeline.Minute::requests).sum()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(timeline.snapshot().minutes().stream().mapToLong(Timeline.Minute::requests).sum()).isZero();
        assertThat(timeline.snapshot().totals().requests()).as("totals are since start").isEqualTo(101);
    }

    @Test
    void latencyBucketsAreAtMostNinePercentWide() {
        for (long nanos = 60_000; nanos < 60_000_000_000L; nanos = nanos * 11 / 10) {
            double upper = Timeline.upperBoundMillis(Timeline.bucket(nanos)) * 1_000_000;
            assertThat(upper).isGreaterThanOrEqualTo(nanos * 0.999999).isLessThanOrEqualTo(nanos * 1.091);
        }
        assertThat(Timeline.upperBoundMillis(0)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void calcomPathsBecomeTemplatesWithoutIdsOrQueries() {
        assertThat(CalcomPaths.template("/v2/slots?eventTypeId=1001&start=2030-01-07")).isEqualTo("/v2/slots");
        assertThat(CalcomPaths.template("/v2/event-types/1001")).isEqualTo("/v2/event-types/{id}");
        assertThat(CalcomPaths.template("/v2/bookings/bk_8f3kq2/cancel")).isEqualTo("/v2/bookings/{uid}/cancel");
        assertThat(CalcomPaths.template("/v2/slots/reservations/e2a7-44")).isEqualTo("/v2/slots/reservations/{uid}");
        assertThat(CalcomPaths.template("/v2/bookings/secretish/x/y/z/w")).isEqualTo("/v2/bookings/{uid}/{uid}/{uid}/...");
        assertThat(CalcomPaths.eventTypeId("/v2/slots?start=x&eventTypeId=1007&end=y")).hasValue(1007);
        assertThat(CalcomPaths.eventTypeId("/v2/event-types/1003")).hasValue(1003);
        assertThat(CalcomPaths.eventTypeId("/v2/bookings")).isEmpty();
    }
}
