package io.slotgate.invalidation;

import io.slotgate.slots.TimeRange;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One Cal.com webhook, read for what it means to availability (NOTES.md §5a). Built only by {@link WebhookPayloads}.
 */
sealed interface WebhookEvent {
    /** The {@code triggerEvent} as sent, e.g. {@code BOOKING_CREATED}. */
    String trigger();

    /**
     * What makes two deliveries the same event whatever their bytes (trigger, uid and times), for deduplication; empty
     * when only the exact body can tell.
     */
    Optional<String> identity();

    /**
     * A booking trigger: the hosts were made busy or free during {@code windows} (one window, or for
     * BOOKING_RESCHEDULED the new time and the old time).
     *
     * @param eventTypeId the booked event type, when the payload names it
     * @param hostIds     organizer and team members whose ids the payload gives
     */
    record BookingChange(String trigger, String uid, OptionalLong eventTypeId, List<TimeRange> windows,
                         Set<Long> hostIds) implements WebhookEvent {
        public BookingChange {
            Objects.requireNonNull(trigger, "trigger");
            windows = List.copyOf(windows);
            hostIds = Set.copyOf(hostIds);
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("a booking change needs a time window");
            }
        }

        @Override
        public Optional<String> identity() {
            StringBuilder id = new StringBuilder(trigger).append('|').append(uid == null ? "" : uid);
            windows.forEach(w -> id.append('|').append(w.start()).append('/').append(w.end()));
            return Optional.of(id.toString());
        }
    }

    /** OOO_CREATED: the host is unavailable during {@code window} (an entry created or updated). */
    record OutOfOffice(String trigger, String entryId, long hostId, TimeRange window) implements WebhookEvent {
        @Override
        public Optional<String> identity() {
            return Optional.of(trigger + '|' + entryId + '|' + hostId + '|' + window.start() + '/' + window.end());
        }
    }

    /** A known trigger that changes no availability (MEETING_*, RECORDING_*, FORM_*, BOOKING_NO_SHOW_UPDATED, ...). */
    record NoAvailabilityChange(String trigger) implements WebhookEvent {
        @Override
        public Optional<String> identity() {
            return Optional.empty();
        }
    }

    /** A trigger slotgate does not know (Cal.com's "Ping" test, a trigger added after this was written): a no-op. */
    record Unrecognised(String trigger) implements WebhookEvent {
        @Override
        public Optional<String> identity() {
            return Optional.empty();
        }
    }
}
