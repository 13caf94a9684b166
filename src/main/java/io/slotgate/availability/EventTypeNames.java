package io.slotgate.availability;

/**
 * Turns an {@link EventTypeName} into the id its slots are cached under. Narrow on purpose: today it asks Cal.com's
 * event-type routes one name at a time ({@link CalcomEventTypeNames}); a catalog of the tenant's event types can
 * answer the same question from its list.
 */
public interface EventTypeNames {
    /** What is known of a name now. */
    sealed interface Resolution {
    }

    /** The event type Cal.com would answer for that name. */
    record Found(long eventTypeId) implements Resolution {
    }

    /** Cal.com knows no such event type (or slotgate cannot see it): Cal.com is asked, and answers its own 404. */
    record NotFound() implements Resolution {
    }

    /** Cal.com could not be asked just now (its budget, an outage): the query is Cal.com's to answer, uncached. */
    record Unavailable() implements Resolution {
    }

    Resolution resolve(EventTypeName name);

    /** Forgets what was learned of a name: its event type turned out not to exist (any more). */
    void forget(EventTypeName name);
}
