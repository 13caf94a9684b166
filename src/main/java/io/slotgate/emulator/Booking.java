package io.slotgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A booking held by the emulator. Immutable: a cancel or reschedule replaces it with an updated copy.
 *
 * @param hostIds the hosts it blocks (one for individual and round-robin, all for collective)
 */
public record Booking(String uid, long id, long eventTypeId, List<Long> hostIds, Instant start, Instant end,
                      Status status, String attendeeName, String attendeeEmail, String attendeeTimeZone,
                      String rescheduledFromUid, String rescheduledToUid, String cancellationReason,
                      Instant createdAt, Instant updatedAt) {
    public enum Status { ACCEPTED, CANCELLED }

    public Booking {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(status, "status");
        hostIds = List.copyOf(hostIds);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }

    public int durationMinutes() {
        return (int) Duration.between(start, end).toMinutes();
    }

    Booking cancelled(Instant at, String reason, String toUid) {
        return new Booking(uid, id, eventTypeId, hostIds, start, end, Status.CANCELLED, attendeeName, attendeeEmail,
                attendeeTimeZone, rescheduledFromUid, toUid, reason, createdAt, at);
    }
}
