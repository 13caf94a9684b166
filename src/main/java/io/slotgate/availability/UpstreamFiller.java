package io.slotgate.availability;

import io.slotgate.cache.BucketFiller;
import io.slotgate.cache.FillFacts;
import io.slotgate.cache.FillTarget;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Fills buckets from Cal.com. A bucket keyed by the event type's default length is fetched without {@code duration}
 * (as its queries were asked), any other length with it.
 */
public final class UpstreamFiller implements BucketFiller {
    private final CalcomClient client;
    private final EventTypeDirectory eventTypes;
    private final IntSupplier maxBefore;
    private final IntSupplier maxAfter;

    /** @param maxBefore,maxAfter the largest buffers of the event types slotgate knows (the host map's) */
    public UpstreamFiller(CalcomClient client, EventTypeDirectory eventTypes, IntSupplier maxBefore,
                          IntSupplier maxAfter) {
        this.client = client;
        this.eventTypes = eventTypes;
        this.maxBefore = maxBefore;
        this.maxAfter = maxAfter;
    }

    @Override
    public CalcomOutcome<List<Slot>> fetch(FillTarget target, TimeRange utcDays, Priority priority,
                                           Duration patience) {
        EventTypeInfo info = eventTypes.get(target.eventTypeId());
        int minutes = target.durationMinutes();
        Optional<Integer> duration = minutes == 0 || minutes == info.lengthMinutes() ? Optional.empty()
                : Optional.of(minutes);
        return client.slots(target.eventTypeId(), utcDays, duration, priority, patience, target.fillZone());
    }

    /**
     * From the facts held only, never a lookup: a change's follow-up asks it on the webhook's path, where a lookup
     * refused by a spent budget would stand between the change and the rest of its days. Not held: 0, and the change
     * is followed up as a conservative one (refetched first in line), which never offers a taken slot.
     */
    @Override
    public int frequencyMinutes(FillTarget target) {
        if (target.durationMinutes() <= 0) {
            return 0;
        }
        return eventTypes.peek(target.eventTypeId()).filter(EventTypeInfo::isKnown)
                .map(info -> info.frequencyMinutes(target.durationMinutes()))
                .orElse(0);
    }

    /**
     * What decides the layout of the target's slots, once Cal.com has described its event type. The stretches take the
     * largest buffers of any event type slotgate knows (the catalog's, the host map's), not only those sharing a host
     * today: a host added to another event type later must not make a cached day's edges look surer than they are.
     */
    @Override
    public Optional<FillFacts> facts(FillTarget target) {
        EventTypeInfo info = eventTypes.get(target.eventTypeId());
        if (!info.isKnown() || target.durationMinutes() <= 0) {
            return Optional.empty();
        }
        int frequency = info.frequencyMinutes(target.durationMinutes());
        FillShape.Aggregation aggregation = info.scheduling() == EventTypeInfo.Scheduling.INDIVIDUAL
                || info.scheduling() == EventTypeInfo.Scheduling.COLLECTIVE
                ? FillShape.Aggregation.MERGED : FillShape.Aggregation.UNITED;
        int bookedBefore = Math.max(info.beforeBufferMinutes(), maxBefore.getAsInt());
        int bookedAfter = Math.max(info.afterBufferMinutes(), maxAfter.getAsInt());
        return Optional.of(new FillFacts(frequency, aggregation, info.minimumBookingNoticeMinutes(),
                bookedBefore + info.afterBufferMinutes(), bookedAfter + info.beforeBufferMinutes()));
    }
}
