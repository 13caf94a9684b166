package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.FillFailedException;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeChangesTest {
    private static final LocalDate MONDAY = LocalDate.parse("2030-01-07");
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-06T12:00:00Z"));
    private final HostMap hosts = new HostMap(TenantId.DEFAULT, EventTypeInfo::unknown, Scheduler.inline());
    private final InvalidationCounters counters = new InvalidationCounters();
    private final List<CacheKey.Generation> changed = new ArrayList<>();
    private final List<CacheKey.Generation> freed = new ArrayList<>();

    /** A sink whose follow-up of Monday fails, as a refused lookup under a spent budget did. */
    private final InvalidationSink failingOnMonday = new InvalidationSink() {
        @Override
        public void changed(CacheKey.Generation day, DayChange change) {
            failOnMonday(day);
            changed.add(day);
        }

        @Override
        public void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
            failOnMonday(day);
            freed.add(day);
        }
    };

    private static void failOnMonday(CacheKey.Generation day) {
        if (day.day().equals(MONDAY)) {
            throw new FillFailedException(new CalcomOutcome.RateLimited<>(java.time.Duration.ofSeconds(60),
                    new UpstreamResponse(429, java.util.Map.of(), "")),
                    Priority.USER);
        }
    }

    @Test
    void aDayWhoseChangeFailsLeavesTheEventTypesOtherDaysChangedAndIsCounted() {
        hosts.learn(new EventTypeInfo(1001, 30, List.of(), 0, 0, 0, List.of(7L)));
        EventTypeChanges changes = new EventTypeChanges(TenantId.DEFAULT, failingOnMonday, hosts, counters, clock);
        // a booking over Monday night to Tuesday morning, and a cancellation on Monday and Wednesday
        TimeRange overnight = new TimeRange(Instant.parse("2030-01-07T23:00:00Z"), Instant.parse("2030-01-08T01:00:00Z"));
        Invalidator.HostTimes times = new Invalidator.HostTimes(List.of(overnight),
                List.of(new TimeRange(Instant.parse("2030-01-07T09:00:00Z"), Instant.parse("2030-01-07T10:00:00Z")),
                        new TimeRange(Instant.parse("2030-01-09T09:00:00Z"), Instant.parse("2030-01-09T10:00:00Z"))),
                DayChange.Kind.BOOKED);

        changes.changed(1001, times, 0, 0, clock.instant(), Cause.webhook("BOOKING_CREATED"));

        assertThat(changed).extracting(CacheKey.Generation::day)
                .as("Monday failed; Tuesday and the day after it, which the booking reaches, are still patched")
                .containsExactly(MONDAY.plusDays(1), MONDAY.plusDays(2));
        assertThat(freed).extracting(CacheKey.Generation::day).contains(MONDAY.plusDays(2)).doesNotContain(MONDAY);
        assertThat(counters.get(InvalidationCounters.FAILURES)).as("once per event type").isEqualTo(1);
    }

    @Test
    void aDroppedDayThatFailsLeavesTheOtherDaysDropped() {
        EventTypeChanges changes = new EventTypeChanges(TenantId.DEFAULT, failingOnMonday, hosts, counters, clock);

        changes.dropped(1001, new TimeRange(Instant.parse("2030-01-06T10:00:00Z"),
                Instant.parse("2030-01-08T10:00:00Z")), Cause.webhook("OOO_CREATED"));

        assertThat(changed).extracting(CacheKey.Generation::day)
                .containsExactly(MONDAY.minusDays(1), MONDAY.plusDays(1));
        assertThat(counters.get(InvalidationCounters.FAILURES)).isEqualTo(1);
    }
}
