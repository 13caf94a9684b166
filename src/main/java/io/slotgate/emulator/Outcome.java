package io.slotgate.emulator;

import java.util.List;
import java.util.Map;

/**
 * A handled request: status, JSON body, extra headers, and the booking events to fire. The events travel with the
 * answer rather than being fired by the route because listeners may call back into the emulator, which they can only
 * do once its lock is released.
 */
record Outcome(int status, String body, List<BookingEvent> events, Map<String, String> headers) {
    Outcome(int status, String body, List<BookingEvent> events) {
        this(status, body, events, Map.of());
    }

    static Outcome of(int status, String body) {
        return new Outcome(status, body, List.of());
    }
}
