package io.slotgate.bench.pressure;

import io.slotgate.emulator.Booking;
import io.slotgate.emulator.BookingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that changed availability during a run, with when it happened, and when each booking's webhook first
 * reached a slotgate instance: the history the judge needs, since the emulator keeps only the present.
 */
final class ChangeLog {
    /** Something that makes hosts busy from {@code madeAt} until {@code cancelledAt} (null: still). */
    sealed interface Busy permits BookedTime, BlockedTime {
        List<Long> hostIds();

        Instant madeAt();

        Instant cancelledAt();

        default boolean activeAt(Instant t) {
            return !madeAt().isAfter(t) && (cancelledAt() == null || cancelledAt().isAfter(t));
        }
    }

    /**
     * A booking, as Cal.com holds it; {@code trigger} is the webhook that announced it (BOOKING_CREATED, or
     * BOOKING_RESCHEDULED for the new booking of a reschedule).
     */
    record BookedTime(String uid, long eventTypeId, List<Long> hostIds, Instant start, Instant end, Instant madeAt,
                      Instant cancelledAt, String trigger) implements Busy {
        BookedTime {
            hostIds = List.copyOf(hostIds);
            Objects.requireNonNull(madeAt, "madeAt");
        }

        WebhookKey webhook() {
            return new WebhookKey(trigger, uid);
        }

        BookedTime cancelled(Instant at) {
            return new BookedTime(uid, eventTypeId, hostIds, start, end, madeAt, at, trigger);
        }
    }

    /** External calendar time: it changes availability and nothing announces it. */
    record BlockedTime(long hostId, Instant start, Instant end, Instant madeAt) implements Busy {
        @Override
        public List<Long> hostIds() {
            return List.of(hostId);
        }

        @Override
        public Instant cancelledAt() {
            return null;
        }
    }

    /** A webhook is known by its trigger and the uid in its payload. */
    record WebhookKey(String trigger, String uid) {
    }

    /**
     * An immutable copy for the judge: the changes, when each webhook reached an instance, and when that instance had
     * answered it (its invalidation done, as far as the instance's own answer says).
     */
    record Snapshot(List<Busy> changes, Map<WebhookKey, Instant> webhookArrivals, Map<WebhookKey, Instant> webhookAnswers) {
        Snapshot {
            changes = List.copyOf(changes);
            webhookArrivals = Map.copyOf(webhookArrivals);
            webhookAnswers = Map.copyOf(webhookAnswers);
        }

        Instant arrival(WebhookKey key) {
            return webhookArrivals.get(key);
        }

        Instant answered(WebhookKey key) {
            return webhookAnswers.get(key);
        }
    }

    private final Map<String, BookedTime> bookings = new LinkedHashMap<>();
    private final List<BlockedTime> blocks = new ArrayList<>();
    private final Map<WebhookKey, Instant> arrivals = new LinkedHashMap<>();
    private final Map<WebhookKey, Instant> answers = new LinkedHashMap<>();
    private long bookingEvents;

    /** Feeds the log from the emulator's booking events, which carry the instants the emulator applied them at. */
    synchronized void onBookingEvent(BookingEvent event) {
        bookingEvents++;
        switch (event) {
            case BookingEvent.Created created -> booked(created.booking(), "BOOKING_CREATED");
            case BookingEvent.Cancelled cancelled -> cancel(cancelled.booking());
            case BookingEvent.Rescheduled moved -> {
                cancel(moved.oldBooking());
                booked(moved.newBooking(), "BOOKING_RESCHEDULED");
            }
        }
    }

    private void booked(Booking b, String trigger) {
        bookings.put(b.uid(), new BookedTime(b.uid(), b.eventTypeId(), b.hostIds(), b.start(), b.end(), b.createdAt(),
                null, trigger));
    }

    private void cancel(Booking b) {
        BookedTime known = bookings.get(b.uid());
        if (known != null) {
            bookings.put(b.uid(), known.cancelled(b.updatedAt()));
        }
    }

    /** Record a block at or before the instant the emulator applies it (the judge then never misses it). */
    synchronized void blocked(long hostId, Instant start, Instant end, Instant at) {
        blocks.add(new BlockedTime(hostId, start, end, at));
    }

    /** The first arrival of a webhook at any instance counts; later ones (there are none from one subscription) not. */
    synchronized void webhookArrived(WebhookKey key, Instant at) {
        arrivals.putIfAbsent(key, at);
    }

    synchronized void webhookAnswered(WebhookKey key, Instant at) {
        answers.putIfAbsent(key, at);
    }

    synchronized List<BookedTime> bookings() {
        return List.copyOf(bookings.values());
    }

    /** Booking events the emulator fired: each is one webhook to send. */
    synchronized long bookingEvents() {
        return bookingEvents;
    }

    synchronized Snapshot snapshot() {
        List<Busy> all = new ArrayList<>(bookings.values());
        all.addAll(blocks);
        return new Snapshot(all, arrivals, answers);
    }
}
