package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.slots.RequestedZone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The 2024-08-13 bookings controller (NOTES §3): {@code POST /v2/bookings}, {@code GET /v2/bookings/{uid}},
 * {@code POST /v2/bookings/{uid}/cancel} and {@code /reschedule}. Each change answers with the booking events it
 * causes, which the emulator fires as Cal.com fires its webhooks.
 */
final class BookingRoutes {
    private static final Set<String> BOOKING_FIELDS = Set.of("start", "attendee", "eventTypeId", "eventTypeSlug",
            "username", "teamSlug", "organizationSlug", "lengthInMinutes", "guests", "location", "meetingUrl",
            "bookingFieldsResponses", "metadata", "routing", "emailVerificationCode", "instant", "recurrenceCount");
    private static final Set<String> ATTENDEE_FIELDS = Set.of("name", "timeZone", "email", "phoneNumber", "language");
    private static final Set<String> CANCEL_FIELDS = Set.of("cancellationReason", "cancelSubsequentBookings", "seatUid");
    private static final Set<String> RESCHEDULE_FIELDS =
            Set.of("start", "rescheduledBy", "reschedulingReason", "emailVerificationCode", "seatUid");

    private final Model model;
    private final Uids uids;
    private long nextBookingId = 1;

    BookingRoutes(Model model, Uids uids) {
        this.model = model;
        this.uids = uids;
    }

    Outcome create(EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, BOOKING_FIELDS, "");
        Instant start = Json.requiredInstant(body, "start");
        JsonNode attendeeNode = body.get("attendee");
        if (attendeeNode == null || !attendeeNode.isObject()) {
            throw ApiException.badRequest("attendee must be an object");
        }
        ObjectNode attendee = (ObjectNode) attendeeNode;
        Json.forbidUnknown(attendee, ATTENDEE_FIELDS, "attendee.");
        String name = Json.optionalString(attendee, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("attendee.name must be a string");
        }
        String tz = Json.optionalString(attendee, "timeZone");
        if (tz == null || RequestedZone.parse(tz).isEmpty()) {
            throw ApiException.badRequest("attendee.timeZone must be a valid IANA time-zone");
        }
        String email = Json.optionalString(attendee, "email");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.badRequest("attendee.email must be an email");
        }
        Long eventTypeId = Json.optionalLong(body, "eventTypeId");
        Integer lengthInMinutes = Json.optionalInt(body, "lengthInMinutes");
        EventTypeSpec type = bookingEventType(body, eventTypeId);
        int minutes = bookingLength(type, lengthInMinutes);
        checkTime(type, start, now);
        Instant end = start.plus(Duration.ofMinutes(minutes));
        List<Long> hosts = model.assignableHosts(type, start, end, now, null);
        if (hosts.isEmpty()) {
            throw ApiException.badRequest(type.schedulingType().isTeam()
                    ? "One of the hosts either already has booking at this time or is not available"
                    : "User either already has booking at this time or is not available");
        }
        Booking booking = new Booking(uids.next(), nextBookingId++, type.id(), hosts, start, end, Booking.Status.ACCEPTED,
                name, email != null ? email : placeholderEmail(name), tz, null, null, null, now, now);
        model.bookings.put(booking.uid(), booking);
        return new Outcome(201, Json.success(Json.booking(booking, model)), List.of(new BookingEvent.Created(booking)));
    }

    private EventTypeSpec bookingEventType(ObjectNode body, Long eventTypeId) {
        if (eventTypeId != null) {
            return model.eventType(eventTypeId)
                    .orElseThrow(() -> ApiException.notFound("Event type with id=" + eventTypeId + " not found"));
        }
        String slug = Json.optionalString(body, "eventTypeSlug");
        String username = Json.optionalString(body, "username");
        String teamSlug = Json.optionalString(body, "teamSlug");
        if (slug != null && username != null) {
            Host host = model.hosts.values().stream().filter(h -> h.username().equals(username)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("User with username " + username + " not found"));
            return model.eventTypes.values().stream()
                    .filter(t -> t.slug().equals(slug) && t.hostIds().contains(host.id())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Event type with slug " + slug + " belonging to user "
                            + username + " not found"));
        }
        if (slug != null && teamSlug != null) {
            throw ApiException.notFound("Team with slug " + teamSlug + " not found");
        }
        throw ApiException.badRequest(
                "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided");
    }

    private static int bookingLength(EventTypeSpec type, Integer lengthInMinutes) {
        if (lengthInMinutes == null || lengthInMinutes == type.lengthMinutes() && type.lengthOptions().isEmpty()) {
            return lengthInMinutes == null ? type.lengthMinutes() : lengthInMinutes;
        }
        if (type.lengthOptions().isEmpty()) {
            throw ApiException.badRequest("Can't specify 'lengthInMinutes' because event type does not have multiple "
                    + "possible lengths. Please, remove the 'lengthInMinutes' field from the request.");
        }
        if (!type.allowsLength(lengthInMinutes)) {
            throw ApiException.badRequest("Provided 'lengthInMinutes' is not one of the possible lengths for the event "
                    + "type. The possible lengths are: " + type.allowedLengthsText());
        }
        return lengthInMinutes;
    }

    /** The past and minimum-notice checks of the booking core (NOTES §3d). */
    private static void checkTime(EventTypeSpec type, Instant start, Instant now) {
        if (start.isBefore(now)) {
            throw ApiException.badRequest("Attempting to book a meeting in the past.");
        }
        if (start.isBefore(now.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes())))) {
            throw ApiException.badRequest("booking_time_out_of_bounds_error");
        }
    }

    Outcome cancel(String uid, EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, CANCEL_FIELDS, "");
        String reason = Json.optionalString(body, "cancellationReason");
        Booking booking = bookingOr404(uid);
        if (!booking.isAccepted()) {
            throw ApiException.badRequest("Can't cancel booking with uid=" + uid + " because it has been cancelled "
                    + "already. Please provide uid of a booking that is not cancelled.");
        }
        Booking cancelled = booking.cancelled(now, reason, null);
        model.bookings.put(uid, cancelled);
        return new Outcome(200, Json.success(Json.booking(cancelled, model)),
                List.of(new BookingEvent.Cancelled(cancelled)));
    }

    Outcome reschedule(String uid, EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, RESCHEDULE_FIELDS, "");
        Instant start = Json.requiredInstant(body, "start");
        Booking old = bookingOr404(uid);
        if (!old.isAccepted()) {
            if (old.rescheduledToUid() != null) {
                throw ApiException.badRequest("Can't reschedule booking with uid=" + uid + " because it has been "
                        + "rescheduled already to booking with uid=" + old.rescheduledToUid()
                        + ". Please provide uid of the latest booking.");
            }
            throw ApiException.badRequest("Can't reschedule booking with uid=" + uid + " because it has been cancelled. "
                    + "Please provide uid of a booking that is not cancelled.");
        }
        EventTypeSpec type = model.eventType(old.eventTypeId())
                .orElseThrow(() -> ApiException.notFound("Event type with id=" + old.eventTypeId() + " not found"));
        checkTime(type, start, now);
        Instant end = start.plus(Duration.between(old.start(), old.end()));
        // The old booking's own time does not block the new one.
        List<Long> hosts = model.assignableHosts(type, start, end, now, old);
        if (hosts.isEmpty()) {
            throw ApiException.badRequest("User either already has booking at this time or is not available");
        }
        String newUid = uids.next();
        Booking fresh = new Booking(newUid, nextBookingId++, type.id(), hosts, start, end, Booking.Status.ACCEPTED,
                old.attendeeName(), old.attendeeEmail(), old.attendeeTimeZone(), old.uid(), null, null, now, now);
        Booking oldCancelled = old.cancelled(now, null, newUid);
        model.bookings.put(uid, oldCancelled);
        model.bookings.put(newUid, fresh);
        return new Outcome(201, Json.success(Json.booking(fresh, model)),
                List.of(new BookingEvent.Rescheduled(oldCancelled, fresh)));
    }

    Outcome get(String uid) {
        return Outcome.of(200, Json.success(Json.booking(bookingOr404(uid), model)));
    }

    private Booking bookingOr404(String uid) {
        Booking booking = model.bookings.get(uid);
        if (booking == null) {
            throw ApiException.notFound("Booking with uid=" + uid + " not found");
        }
        return booking;
    }

    /** A booking sent without an attendee email still needs one to show and to put in its webhooks. */
    private static String placeholderEmail(String name) {
        String local = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        return (local.isEmpty() ? "attendee" : local) + "@example.com";
    }
}
