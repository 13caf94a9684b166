package io.slotgate.agents;

import java.util.List;

/**
 * Each tool's name, description (written for a language model: times in the caller's zone, what "not found" means,
 * what to call next) and JSON schemas of its input and output. Argument names are the finder's and Cal.com's own.
 */
final class ToolSchemas {
    record Definition(String name, String title, String description, String inputSchema, String outputSchema,
                      boolean readOnly) {
    }

    private ToolSchemas() {
    }

    private static final String EVENT_TYPE_ID = """
            "eventTypeId": {"type": "integer", "minimum": 1, "description": "The event type's id, as list_event_types shows it."}""";
    private static final String TIME_ZONE = """
            "timeZone": {"type": "string", "description": "IANA time zone of the caller, such as Europe/Berlin. Times in the answer are given in it; default UTC."}""";
    private static final String DURATION = """
            "duration": {"type": "integer", "minimum": 1, "maximum": 1440, "description": "Slot length in minutes, for event types that offer several lengths; default the event type's own."}""";
    private static final String COUNT = """
            "count": {"type": "integer", "minimum": 1, "maximum": 50, "description": "How many alternatives to offer at most; default 3."}""";
    private static final String RADIUS = """
            "radiusDays": {"type": "integer", "minimum": 0, "maximum": 30, "description": "How many days before and after the wanted day to search; default 7."}""";
    private static final String SLOT = """
            {"type": "object", "properties": {"start": {"type": "string", "description": "ISO 8601 with the offset of the requested zone"}, "end": {"type": "string"}}, "required": ["start", "end"]}""";
    private static final String ALTERNATIVES = """
            "alternatives": {"type": "array", "description": "The nearest free slots, best first: the same day by distance, then the days around it.", "items": %s}""".formatted(SLOT);
    private static final String BOOKING = """
            "booking": {"type": "object", "description": "Cal.com's booking: uid, start, end (UTC), status, attendees, hosts.", "properties": {"uid": {"type": "string"}, "id": {"type": "integer"}, "start": {"type": "string"}, "end": {"type": "string"}, "status": {"type": "string"}}}""";

    static final List<Definition> ALL = List.of(
            new Definition("list_event_types", "List event types",
                    "Lists the event types that can be booked, with id, title, length in minutes and the hosts' "
                            + "names. Call it first to learn the eventTypeId the other tools take.",
                    """
                    {"type": "object", "properties": {}, "additionalProperties": false}""",
                    """
                    {"type": "object", "properties": {"eventTypes": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "slug": {"type": "string"}, "lengthInMinutes": {"type": "integer"}, "lengthInMinutesOptions": {"type": "array", "items": {"type": "integer"}}, "hosts": {"type": "array", "items": {"type": "string"}}, "teamId": {"type": "integer"}}, "required": ["id", "title", "lengthInMinutes", "hosts"]}}}, "required": ["eventTypes"]}""",
                    true),
            new Definition("find_next_slot", "Find the next free slot",
                    "Finds the first free slot of an event type starting at or after 'after' (default now), within "
                            + "'days' days (default 14). found=false with slot=null means nothing is free in that "
                            + "span (not an error): ask again with a later 'after' or more 'days'. Times are in "
                            + "'timeZone'.",
                    """
                    {"type": "object", "properties": {%s, "after": {"type": "string", "description": "ISO 8601 date or date-time to search from (UTC unless an offset is given); default now."}, "days": {"type": "integer", "minimum": 1, "maximum": 90, "description": "How many days to search; default 14."}, %s, %s}, "required": ["eventTypeId"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, TIME_ZONE, DURATION),
                    """
                    {"type": "object", "properties": {"found": {"type": "boolean"}, "slot": {"anyOf": [%s, {"type": "null"}]}, "message": {"type": "string"}, "searched": {"type": "object", "properties": {"from": {"type": "string"}, "until": {"type": "string"}, "days": {"type": "integer"}}}}, "required": ["found", "slot", "searched"]}"""
                            .formatted(SLOT),
                    true),
            new Definition("list_slots", "List free slots",
                    "Lists every free slot of an event type starting between 'start' and 'end' (at most 90 days "
                            + "apart), in start order, in 'timeZone'. An empty list means nothing is free then.",
                    """
                    {"type": "object", "properties": {%s, "start": {"type": "string", "description": "ISO 8601 date or date-time (UTC unless an offset is given)."}, "end": {"type": "string", "description": "ISO 8601 date or date-time; a date alone means the end of that day."}, %s, %s}, "required": ["eventTypeId", "start", "end"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, TIME_ZONE, DURATION),
                    """
                    {"type": "object", "properties": {"start": {"type": "string"}, "end": {"type": "string"}, "count": {"type": "integer"}, "slots": {"type": "array", "items": %s}}, "required": ["start", "end", "count", "slots"]}"""
                            .formatted(SLOT),
                    true),
            new Definition("find_alternatives", "Find alternatives to a wanted time",
                    "Finds up to 'count' free slots nearest to the 'wanted' time: first the same day by distance, "
                            + "then the days around it, within 'radiusDays'. wantedAvailable=true means the wanted "
                            + "time itself is free (it is then the first slot). Times are in 'timeZone'.",
                    """
                    {"type": "object", "properties": {%s, "wanted": {"type": "string", "description": "The time the caller asked for, ISO 8601 (UTC unless an offset is given)."}, %s, %s, %s, %s}, "required": ["eventTypeId", "wanted"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, COUNT, RADIUS, TIME_ZONE, DURATION),
                    """
                    {"type": "object", "properties": {"wanted": {"type": "string"}, "wantedAvailable": {"type": "boolean"}, "radiusDays": {"type": "integer"}, "slots": {"type": "array", "items": {"type": "object", "properties": {"start": {"type": "string"}, "end": {"type": "string"}, "dayOffset": {"type": "integer"}, "minutesAway": {"type": "integer"}}, "required": ["start", "end"]}}}, "required": ["wanted", "wantedAvailable", "slots"]}""",
                    true),
            new Definition("hold_slot", "Hold a slot",
                    "Holds a free slot for a few minutes (Cal.com's reservation, 5 minutes) so nobody else books it "
                            + "while the caller decides; every other reader stops seeing it at once. Keep the "
                            + "reservationUid: pass it to book_slot, or to release_hold if the caller declines. "
                            + "held=false means the slot was taken meanwhile; 'alternatives' are the nearest free "
                            + "slots.",
                    """
                    {"type": "object", "properties": {%s, "start": {"type": "string", "description": "The slot's start, ISO 8601, as a finder tool gave it."}, %s, %s, %s, %s}, "required": ["eventTypeId", "start"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, DURATION, TIME_ZONE, COUNT, RADIUS),
                    """
                    {"type": "object", "properties": {"held": {"type": "boolean"}, "reservationUid": {"type": "string"}, "slot": %s, "until": {"type": "string", "description": "When the hold lapses by itself."}, "reason": {"type": "string"}, %s}, "required": ["held"]}"""
                            .formatted(SLOT, ALTERNATIVES),
                    false),
            new Definition("release_hold", "Release a hold",
                    "Releases a hold made by hold_slot, so the slot is offered to others again at once. "
                            + "An error saying the hold is unknown means it was released already or expired.",
                    """
                    {"type": "object", "properties": {"reservationUid": {"type": "string", "description": "The reservationUid hold_slot answered."}}, "required": ["reservationUid"], "additionalProperties": false}""",
                    """
                    {"type": "object", "properties": {"released": {"type": "boolean"}, "reservationUid": {"type": "string"}}, "required": ["released", "reservationUid"]}""",
                    false),
            new Definition("book_slot", "Book a slot",
                    "Books a slot through Cal.com for the attendee. booked=true: 'booking' is Cal.com's booking "
                            + "(keep its uid for cancel_booking or reschedule_booking). booked=false: the slot was "
                            + "taken a moment ago; 'reason' says so and 'alternatives' are the nearest free slots, "
                            + "checked with Cal.com just now: offer one and call book_slot again with its start. "
                            + "Times in the answer are in 'timeZone' (default the attendee's).",
                    """
                    {"type": "object", "properties": {%s, "start": {"type": "string", "description": "The slot's start, ISO 8601, as a finder tool gave it."}, "attendee": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}, "timeZone": {"type": "string", "description": "The attendee's IANA time zone."}}, "required": ["name", "timeZone"], "additionalProperties": false}, %s, %s, %s, %s, "reservationUid": {"type": "string", "description": "The hold on this slot from hold_slot, released once the booking is made."}}, "required": ["eventTypeId", "start", "attendee"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, DURATION, TIME_ZONE, COUNT, RADIUS),
                    """
                    {"type": "object", "properties": {"booked": {"type": "boolean"}, %s, "reason": {"type": "string"}, %s}, "required": ["booked"]}"""
                            .formatted(BOOKING, ALTERNATIVES),
                    false),
            new Definition("cancel_booking", "Cancel a booking",
                    "Cancels a booking by its uid; its time is offered again at once.",
                    """
                    {"type": "object", "properties": {"bookingUid": {"type": "string", "description": "The booking's uid, as book_slot answered it."}, "cancellationReason": {"type": "string"}}, "required": ["bookingUid"], "additionalProperties": false}""",
                    """
                    {"type": "object", "properties": {"cancelled": {"type": "boolean"}, %s}, "required": ["cancelled", "booking"]}"""
                            .formatted(BOOKING),
                    false),
            new Definition("reschedule_booking", "Reschedule a booking",
                    "Moves a booking to a new start; Cal.com makes a new booking (a new uid) and cancels the old. "
                            + "rescheduled=false: the new time is not free; 'alternatives' are the nearest free slots.",
                    """
                    {"type": "object", "properties": {"bookingUid": {"type": "string"}, "start": {"type": "string", "description": "The new start, ISO 8601."}, "reschedulingReason": {"type": "string"}, %s, %s, %s, %s, %s}, "required": ["bookingUid", "start"], "additionalProperties": false}"""
                            .formatted(EVENT_TYPE_ID, DURATION, TIME_ZONE, COUNT, RADIUS),
                    """
                    {"type": "object", "properties": {"rescheduled": {"type": "boolean"}, %s, "reason": {"type": "string"}, %s}, "required": ["rescheduled"]}"""
                            .formatted(BOOKING, ALTERNATIVES),
                    false));
}
