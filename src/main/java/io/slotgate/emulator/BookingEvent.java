package io.slotgate.emulator;

import java.util.Objects;

/**
 * What happened to a booking; the seed of Cal.com's BOOKING_* webhooks (NOTES §5a). Reservations and external busy
 * blocks send none, as in Cal.com.
 */
public sealed interface BookingEvent {
    /** The booking the event is about (for a reschedule, the new one). */
    Booking booking();

    record Created(Booking booking) implements BookingEvent {
        public Created {
            Objects.requireNonNull(booking, "booking");
        }
    }

    record Cancelled(Booking booking) implements BookingEvent {
        public Cancelled {
            Objects.requireNonNull(booking, "booking");
        }
    }

    /** BOOKING_RESCHEDULED: the old booking is now cancelled, the new one accepted; no separate Cancelled is sent. */
    record Rescheduled(Booking oldBooking, Booking newBooking) implements BookingEvent {
        public Rescheduled {
            Objects.requireNonNull(oldBooking, "oldBooking");
            Objects.requireNonNull(newBooking, "newBooking");
        }

        @Override
        public Booking booking() {
            return newBooking;
        }
    }
}
