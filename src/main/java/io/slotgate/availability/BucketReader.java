package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FillTarget;
import io.slotgate.cache.Lookup;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Looks up the day buckets a query reads, with the event type's facts and the earliest start Cal.com offers now. */
final class BucketReader {
    private final TenantId tenant;
    private final DayBucketCache cache;
    private final EventTypeDirectory eventTypes;
    private final Clock clock;

    BucketReader(TenantId tenant, DayBucketCache cache, EventTypeDirectory eventTypes, Clock clock) {
        this.tenant = tenant;
        this.cache = cache;
        this.eventTypes = eventTypes;
        this.clock = clock;
    }

    /** The query's days as the cache has them now, with the event type's facts and the earliest start Cal.com offers. */
    record Read(EventTypeInfo info, Lookup lookup, Instant now, Instant earliest) {
    }

    Read read(SlotsQuery query) {
        EventTypeInfo info = eventTypes.get(query.eventTypeId());
        Lookup lookup = cache.lookup(template(query, info), query.range().firstUtcDay(),
                lastDayWithAStart(query.range()));
        Instant now = clock.instant();
        return new Read(info, lookup, now, earliestStart(now, info.minimumNotice()));
    }

    /**
     * The last UTC day a served slot can start on: a slot must end (less one second) by the range's end and lasts at
     * least a minute, so it starts before the end. A range ending at a midnight (the legacy route's date-only
     * {@code endTime}) then needs no bucket of the day that midnight begins.
     */
    private static LocalDate lastDayWithAStart(TimeRange range) {
        return range.end().isAfter(range.start()) ? TimeRange.utcDayOf(range.end().minusSeconds(1))
                : range.lastUtcDay();
    }

    /**
     * The first bucket a query reads: its event type and duration, and the alignment class of its zone (Cal.com lines
     * slot starts up with the hour in it), known once the event type's slot interval is.
     */
    private CacheKey.Bucket template(SlotsQuery query, EventTypeInfo info) {
        int duration = query.durationMinutes().orElse(info.lengthMinutes());
        int frequency = info.frequencyMinutes(duration);
        int alignment = info.isKnown() && frequency > 0
                ? FillTarget.alignmentOf(query.zone(), query.range().start(), frequency) : 0;
        return new CacheKey.Bucket(tenant, query.eventTypeId(), duration, query.range().firstUtcDay(), alignment);
    }

    /**
     * Cal.com's earliest start at {@code now} (docs/calcom-slots.md): now + the minimum notice; with no notice, now + one
     * minute floored to the minute (its window starts a minute ahead, and a run's seconds are zeroed).
     */
    static Instant earliestStart(Instant now, Duration notice) {
        return notice.isPositive() ? now.plus(notice)
                : now.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
    }
}
