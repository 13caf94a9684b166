package io.slotgate.availability;

import io.slotgate.cache.BucketFiller;
import io.slotgate.cache.FillTarget;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fills buckets from Cal.com. A bucket keyed by the event type's default length is fetched without {@code duration}
 * (as its queries were asked), any other length with it.
 */
public final class UpstreamFiller implements BucketFiller {
    private final CalcomClient client;
    private final EventTypeDirectory eventTypes;

    public UpstreamFiller(CalcomClient client, EventTypeDirectory eventTypes) {
        this.client = client;
        this.eventTypes = eventTypes;
    }

    @Override
    public CalcomOutcome<List<Slot>> fetch(FillTarget target, TimeRange utcDays, Priority priority,
                                           Duration patience) {
        EventTypeInfo info = eventTypes.get(target.eventTypeId());
        int minutes = target.durationMinutes();
        Optional<Integer> duration = minutes == 0 || minutes == info.lengthMinutes() ? Optional.empty()
                : Optional.of(minutes);
        return client.slots(target.eventTypeId(), utcDays, duration, priority, patience);
    }

    @Override
    public int frequencyMinutes(FillTarget target) {
        EventTypeInfo info = eventTypes.get(target.eventTypeId());
        return info.slotIntervalMinutes() > 0 ? info.slotIntervalMinutes() : target.durationMinutes();
    }

    @Override
    public Duration notice(FillTarget target) {
        return eventTypes.get(target.eventTypeId()).minimumNotice();
    }
}
