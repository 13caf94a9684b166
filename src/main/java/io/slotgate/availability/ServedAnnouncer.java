package io.slotgate.availability;

import io.slotgate.cache.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Counts how each answer composed from day buckets was laid out, and tells the listeners what was served. */
final class ServedAnnouncer {
    // the category operators already filter on: the listeners' failures were logged there before the split
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityService.class);
    private final TenantId tenant;
    private final List<ServedAnswer.Listener> listeners = new CopyOnWriteArrayList<>();
    private final LayoutCounts layouts = new LayoutCounts();

    ServedAnnouncer(TenantId tenant) {
        this.tenant = tenant;
    }

    void served(SlotsQuery query, BucketReader.Read read, LayoutCounts.Layout layout) {
        layouts.count(layout);
        if (!listeners.isEmpty()) {
            notifyServed(new ServedAnswer(tenant, query.eventTypeId(), query.range(), read.lookup().buckets(),
                    read.now(), read.earliest()));
        }
    }

    void addListener(ServedAnswer.Listener listener) {
        listeners.add(listener);
    }

    LayoutCounts layouts() {
        return layouts;
    }

    // one listener's failure must not cost the reader its answer, nor the other listeners their notice
    private void notifyServed(ServedAnswer answer) {
        for (ServedAnswer.Listener listener : listeners) {
            try {
                listener.served(answer);
            } catch (RuntimeException e) {
                LOG.warn("served-answer listener failed", e);
            }
        }
    }
}
