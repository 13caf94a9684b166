package io.slotgate.cache;

import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Cuts one call's answer into one bucket per day of its span, empty days included. */
final class AnswerSplit {
    private static final Logger LOG = LoggerFactory.getLogger(DayBucketCache.class);

    private AnswerSplit() {
    }

    /**
     * With the event type described, each day is a slice of the call as {@link CalcomLayout#split} cuts it, with what
     * a later layout needs (the call's shape: frequency, length, how hosts combine, the stretches, when it was sent
     * and answered); otherwise the slots of each UTC day as they came.
     *
     * @param generations the generation each day of {@code span} is stored under, in the span's order
     */
    static Map<LocalDate, DayBucket> byDay(List<Slot> answer, List<CacheKey.Bucket> span, FillTarget target,
                                           Optional<FillFacts> facts, Instant sentAt, Instant fetchedAt,
                                           List<Long> generations) {
        LocalDate first = span.get(0).day();
        LocalDate last = span.get(span.size() - 1).day();
        Map<LocalDate, DayBucket> buckets = new LinkedHashMap<>();
        if (facts.isPresent()) {
            FillFacts f = facts.get();
            try {
                FillShape shape = FillShape.of(f.frequencyMinutes(), target.durationMinutes(), f.aggregation(),
                        target.fillZone(), f.stretchBeforeMinutes(), f.stretchAfterMinutes(), first, last, sentAt,
                        fetchedAt, f.noticeMinutes());
                SortedMap<LocalDate, DaySlice> slices = CalcomLayout.split(answer, first, last, shape);
                for (int i = 0; i < span.size(); i++) {
                    CacheKey.Bucket key = span.get(i);
                    buckets.put(key.day(), DayBucket.of(key, slices.get(key.day()), fetchedAt, generations.get(i)));
                }
                return buckets;
            } catch (IllegalArgumentException e) {
                // slots not as the facts describe them (another length, an event type changed since): served as
                // they came, never laid out again, until the facts and the calls agree
                LOG.warn("fill of event type {} duration {} does not match its facts ({}); kept undescribed",
                        target.eventTypeId(), target.durationMinutes(), e.getMessage());
                buckets.clear();
            }
        }
        Map<LocalDate, List<Slot>> byDay = byUtcDay(answer);
        for (int i = 0; i < span.size(); i++) {
            CacheKey.Bucket key = span.get(i);
            buckets.put(key.day(), new DayBucket(key, byDay.getOrDefault(key.day(), List.of()), fetchedAt,
                    generations.get(i)));
        }
        return buckets;
    }

    static Map<LocalDate, List<Slot>> byUtcDay(List<Slot> slots) {
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        for (Slot slot : slots) {
            byDay.computeIfAbsent(TimeRange.utcDayOf(slot.start()), d -> new ArrayList<>()).add(slot);
        }
        return byDay;
    }
}
