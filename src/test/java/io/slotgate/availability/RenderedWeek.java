package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Material for the kept renderings' tests and their memory measurement: the demo's busiest answer (a week of
 * 15-minute slots 05:00-21:00 in Europe/Berlin, the 14,483-byte body of the nginx benchmark's shape) or one day of
 * it, keyed by distinct queries over the same buckets.
 */
final class RenderedWeek {
    static final TenantId TENANT = new TenantId("default");
    static final LocalDate MONDAY = LocalDate.of(2030, 1, 7);

    record Form(RequestedZone zone, SlotFormat format) implements AnswerForm {
        @Override
        public String render(List<Slot> slots) {
            return SlotsJson.render(slots, zone, format);
        }
    }

    static final Form BERLIN = new Form(RequestedZone.parse("Europe/Berlin").orElseThrow(), SlotFormat.TIME);

    private RenderedWeek() {
    }

    /** 15-minute slots 04:00-20:00Z on each of {@code days} days from Monday. */
    static List<Slot> slots(int days) {
        List<Slot> slots = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant day = MONDAY.plusDays(d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            for (int q = 16; q < 80; q++) {
                slots.add(Slot.of(day.plus(Duration.ofMinutes(15L * q)), Duration.ofMinutes(15)));
            }
        }
        return slots;
    }

    static List<DayBucket> buckets(int days, Instant fetchedAt) {
        List<DayBucket> buckets = new ArrayList<>();
        List<Slot> all = slots(days);
        for (int d = 0; d < days; d++) {
            LocalDate day = MONDAY.plusDays(d);
            buckets.add(new DayBucket(new CacheKey.Bucket(TENANT, 1010, 15, day),
                    all.stream().filter(s -> TimeRange.utcDayOf(s.start()).equals(day)).toList(), fetchedAt, 0));
        }
        return buckets;
    }

    /** The n-th of many distinct queries: other event type ids, same days. */
    static PreparedAnswers.Key key(int n, int days) {
        TimeRange range = TimeRange.utcDays(MONDAY, MONDAY.plusDays(days - 1));
        return new PreparedAnswers.Key(new SlotsQuery(100_000 + n, range, Optional.empty(),
                BERLIN.zone().zone()), BERLIN);
    }

    static PreparedAnswers.Entry entry(RenderedAnswer answer, List<DayBucket> buckets, Instant from, Instant until) {
        return new PreparedAnswers.Entry(answer, LayoutCounts.Layout.EXACT, buckets.toArray(DayBucket[]::new), 0,
                from.toEpochMilli(), until.toEpochMilli());
    }
}
