package io.slotgate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Slot reservations of the 2024-09-04 slots controller (NOTES §3e): {@code POST /v2/slots/reservations},
 * {@code GET} and {@code DELETE /v2/slots/reservations/{uid}}.
 */
final class ReservationRoutes {
    private static final Set<String> FIELDS = Set.of("eventTypeId", "slotStart", "slotDuration", "reservationDuration");
    private static final int DEFAULT_RESERVATION_MINUTES = 5;

    private final Model model;
    private final Uids uids;

    ReservationRoutes(Model model, Uids uids) {
        this.model = model;
        this.uids = uids;
    }

    Outcome reserve(EmulatorRequest req, Instant now, boolean authenticated) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, FIELDS, "");
        Long eventTypeId = Json.optionalLong(body, "eventTypeId");
        if (eventTypeId == null) {
            throw ApiException.badRequest("eventTypeId must be an integer number");
        }
        Instant slotStart = Json.requiredInstant(body, "slotStart");
        Integer slotDuration = Json.optionalInt(body, "slotDuration");
        Integer reservationDuration = Json.optionalInt(body, "reservationDuration");
        if (reservationDuration != null && !authenticated) {
            throw ApiException.unauthorized("reservationDuration can only be used for authenticated requests - use "
                    + "access token, api key or OAuth credentials");
        }
        EventTypeSpec type = model.eventType(eventTypeId)
                .orElseThrow(() -> ApiException.notFound("Event Type with ID=" + eventTypeId + " not found"));
        if (slotDuration != null) {
            if (type.lengthOptions().isEmpty()) {
                throw ApiException.badRequest(
                        "You passed 'slotDuration' but this event type is not a variable length event type.");
            }
            if (!type.allowsLength(slotDuration)) {
                throw ApiException.badRequest("Provided 'slotDuration' is not one of the possible lengths for the event "
                        + "type. The possible lengths for this variable length event type are: "
                        + type.allowedLengthsText());
            }
        }
        int minutes = slotDuration != null ? slotDuration : type.lengthMinutes();
        Instant slotEnd = slotStart.plus(Duration.ofMinutes(minutes));
        if (type.schedulingType() == SchedulingType.ROUND_ROBIN) {
            if (model.assignableHosts(type, slotStart, slotEnd, now, null).isEmpty()
                    && model.overlappingBooking(type.id(), slotStart, slotEnd).isPresent()) {
                throw ApiException.unprocessable("Can't reserve a slot if the event is already booked.");
            }
        } else {
            if (model.overlappingBooking(type.id(), slotStart, slotEnd).isPresent()) {
                throw ApiException.unprocessable("Can't reserve a slot if the event is already booked.");
            }
            if (model.overlappingReservation(type.id(), slotStart, slotEnd, now).isPresent()) {
                throw ApiException.unprocessable(
                        "This time slot is already reserved by another user. Please choose a different time.");
            }
        }
        int holdMinutes = reservationDuration != null ? reservationDuration : DEFAULT_RESERVATION_MINUTES;
        // Cal.com stores the reservation for the owner, or for a team event type's first host (slots.service.ts).
        Model.Reservation r = new Model.Reservation(uids.next(), type.id(), List.of(type.hostIds().get(0)), slotStart,
                slotEnd, holdMinutes, now.plus(Duration.ofMinutes(holdMinutes)));
        model.reservations.put(r.uid(), r);
        return Outcome.of(201, Json.success(json(r, true)));
    }

    Outcome get(String uid) {
        Model.Reservation r = model.reservations.get(uid);
        if (r == null) {
            throw notFound(uid);
        }
        return Outcome.of(200, Json.success(json(r, false)));
    }

    Outcome delete(String uid) {
        if (model.reservations.remove(uid) == null) {
            throw notFound(uid);
        }
        return Outcome.of(200, "{\"status\":\"success\"}");
    }

    private static ApiException notFound(String uid) {
        return ApiException.notFound("Reserved slot with uid=" + uid + " not found");
    }

    /** Only the answer to a new reservation says how long it is held. */
    private static ObjectNode json(Model.Reservation r, boolean withDuration) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("eventTypeId", r.eventTypeId());
        data.put("slotStart", Json.iso(r.slotStart()));
        data.put("slotEnd", Json.iso(r.slotEnd()));
        data.put("slotDuration", Duration.between(r.slotStart(), r.slotEnd()).toMinutes());
        data.put("reservationUid", r.uid());
        if (withDuration) {
            data.put("reservationDuration", r.reservationMinutes());
        }
        data.put("reservationUntil", Json.iso(r.until()));
        return data;
    }
}
