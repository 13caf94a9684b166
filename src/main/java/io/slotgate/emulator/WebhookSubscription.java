package io.slotgate.emulator;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One webhook registered with the emulator: where it goes (a URL, or an in-process receiver for the simulator), its
 * secret, its triggers, and its level, which decides what it receives (NOTES §5b): an organization/team-level webhook
 * receives every event; a user-level one only events the user organises on <em>individual</em> event types (Cal.com
 * passes no user id for team bookings); an event-type-level one only that event type's events.
 *
 * @param receiver in-process delivery of (headers, body), instead of {@code subscriberUrl}
 */
public record WebhookSubscription(String id, URI subscriberUrl, BiConsumer<Map<String, String>, byte[]> receiver,
                                  Optional<String> secret, Set<String> triggers, Long userId, Long eventTypeId,
                                  boolean active) {
    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        triggers = Set.copyOf(triggers);
        if ((subscriberUrl == null) == (receiver == null)) {
            throw new IllegalArgumentException("a webhook goes either to a URL or to an in-process receiver");
        }
        if (userId != null && eventTypeId != null) {
            throw new IllegalArgumentException("a webhook is at user level or at event-type level, not both");
        }
    }

    /** Every trigger the emulator sends. */
    public static final Set<String> ALL_TRIGGERS = Set.of("BOOKING_CREATED", "BOOKING_RESCHEDULED",
            "BOOKING_CANCELLED", "OOO_CREATED");

    public static WebhookSubscription organization(String id, URI url, String secret, Set<String> triggers) {
        return new WebhookSubscription(id, url, null, Optional.ofNullable(secret), triggers, null, null, true);
    }

    public static WebhookSubscription user(String id, long userId, URI url, String secret, Set<String> triggers) {
        return new WebhookSubscription(id, url, null, Optional.ofNullable(secret), triggers, userId, null, true);
    }

    public static WebhookSubscription eventType(String id, long eventTypeId, URI url, String secret,
                                                Set<String> triggers) {
        return new WebhookSubscription(id, url, null, Optional.ofNullable(secret), triggers, null, eventTypeId, true);
    }

    public static WebhookSubscription inProcess(String id, BiConsumer<Map<String, String>, byte[]> receiver,
                                                String secret, Set<String> triggers) {
        return new WebhookSubscription(id, null, receiver, Optional.ofNullable(secret), triggers, null, null, true);
    }

    /** Whether an event of {@code trigger} on this event type, organised by {@code organizerId}, reaches it. */
    boolean receives(String trigger, Long eventTypeId, Long organizerId, boolean teamEventType) {
        if (!active || !triggers.contains(trigger)) {
            return false;
        }
        if (this.userId != null) {
            return !teamEventType && this.userId.equals(organizerId);
        }
        if (this.eventTypeId != null) {
            return this.eventTypeId.equals(eventTypeId);
        }
        return true;
    }
}
