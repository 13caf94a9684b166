package io.slotgate.availability;

import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomOutcome;

import java.util.function.Supplier;

/**
 * The front door of a tenant's queries: an id its catalog does not know is refused before any call, an admitted query
 * is counted as asked (the warmer ranks by it), and an id Cal.com's slots route no longer knows is forgotten.
 */
final class Admission {
    private final QueryStats queryStats;
    private final EventTypeCatalog catalog;

    Admission(EventTypeCatalog catalog, QueryStats queryStats) {
        this.catalog = catalog;
        this.queryStats = queryStats;
    }

    EventTypeCatalog catalog() {
        return catalog;
    }

    void admit(long eventTypeId) {
        catalog.admit(eventTypeId);
    }

    <T> T answer(SlotsQuery query, Supplier<T> answer) {
        admit(query.eventTypeId());
        queryStats.asked(query.eventTypeId());
        try {
            return answer.get();
        } catch (FillFailedException failure) {
            forgetIfGone(query.eventTypeId(), failure);
            throw failure;
        }
    }

    // Cal.com's own 404 only: one the catalog added (its header) says nothing new about the id
    private void forgetIfGone(long eventTypeId, FillFailedException failure) {
        if (failure.outcome() instanceof CalcomOutcome.Rejected<?> rejected && rejected.response().status() == 404
                && rejected.response().header(EventTypeCatalog.UNKNOWN_HEADER).isEmpty()) {
            catalog.gone(eventTypeId);
        }
    }
}
