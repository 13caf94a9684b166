package io.slotgate.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places where Cal.com's published API v2 document ({@code shared/calcom/openapi-v2.json}) disagrees with what
 * Cal.com really sends. Each entry cites the section of {@code /work/shared/calcom/NOTES.md} that documents the
 * difference (or the Cal.com source file that NOTES points to).
 *
 * <p>Three kinds of keys:
 * <ul>
 *   <li>{@code "METHOD /template STATUS"}: replaces the whole response schema of that operation and status;</li>
 *   <li>{@code "SchemaName"}: replaces {@code #/components/schemas/SchemaName} entirely;</li>
 *   <li>{@code "SchemaName#/json/pointer"}: replaces one node inside that component schema (usually one property).
 *       The parent of the pointer must exist in the document, otherwise loading fails, so that drift of the
 *       document is noticed instead of silently ignored.</li>
 * </ul>
 * Values are JSON Schema (OpenAPI 3.0 subset) written as JSON text.
 *
 * <h2>Required fields of the operations the emulator is checked against (as the document says, after errata)</h2>
 * <pre>
 * GET  /v2/event-types/{eventTypeId} 200  GetEventTypeOutput_2024_06_14
 *      {status ("success"|"error"), data}, data oneOf EventTypeOutput_2024_06_14 | TeamEventTypeOutput_2024_06_14
 *      both: id, lengthInMinutes, title, slug, description, locations[], bookingFields[], disableGuests,
 *            recurrence (nullable), metadata{}, price, currency, lockTimeZoneToggleOnBookingPage,
 *            forwardParamsSuccessRedirect (nullable), successRedirectUrl (nullable), isInstantEvent,
 *            scheduleId (nullable), hidden, bookingRequiresAuthentication
 *      user event type adds: ownerId, users[] (objects, erratum below)
 *      team event type adds: teamId, hosts[] (objects, erratum below), schedulingType, team (EventTypeTeam: the
 *            document requires all of id, slug, bannerUrl, name, logoUrl, weekStart, brandColor, darkBrandColor, theme)
 * POST /v2/bookings 201                   CreateBookingOutput_2024_08_13
 *      {status, data}, data oneOf BookingOutput | RecurringBookingOutput[] | CreateSeatedBookingOutput
 *      | CreateRecurringSeatedBookingOutput[]
 * POST /v2/bookings/{bookingUid}/cancel 200       CancelBookingOutput_2024_08_13
 * GET  /v2/bookings/{bookingUid} 200              GetBookingOutput_2024_08_13
 *      {status, data}, data oneOf BookingOutput | RecurringBookingOutput | RecurringBookingOutput[]
 *      | GetSeatedBookingOutput | GetRecurringSeatedBookingOutput | GetRecurringSeatedBookingOutput[]
 * POST /v2/bookings/{bookingUid}/reschedule 201   RescheduleBookingOutput_2024_08_13
 *      {status, data}, data oneOf BookingOutput | RecurringBookingOutput | CreateSeatedBookingOutput
 *      | CreateRecurringSeatedBookingOutput
 *   BookingOutput_2024_08_13 requires: id, uid, title, description, hosts[], status
 *      (cancelled|accepted|rejected|pending), start, end, duration, eventTypeId, eventType{id, slug}, location,
 *      absentHost, createdAt, updatedAt, attendees[], bookingFieldsResponses{}
 *      hosts[] (BookingHost): id, name, email, username, timeZone
 *      attendees[] (BookingAttendee): name, email, timeZone, absent   (language, phoneNumber optional)
 *   Recurring* variants additionally require recurringBookingUid.
 *   Seated variants: attendees[] are SeatedAttendee (name, email, timeZone, absent, seatUid,
 *      bookingFieldsResponses); Create* seated variants also require seatUid at top level and do NOT require
 *      bookingFieldsResponses at top level.
 * POST /v2/slots/reservations 201         ReserveSlotOutputResponse_2024_09_04
 *      {status, data}, data: eventTypeId, slotStart, slotEnd, slotDuration, reservationUid, reservationDuration,
 *      reservationUntil (all required; numbers for eventTypeId/slotDuration/reservationDuration, strings otherwise)
 * </pre>
 * Note: none of the date-ish string fields above carry {@code format: date-time} in the document, so only their
 * type is checked there (the slots erratum does check date-time).
 */
final class OpenApiErrata {
    private OpenApiErrata() {}

    /** Cal.com's global error envelope (NOTES.md §2a "Errors", §6 "429 body"); used when a status >= 400 has no schema. */
    static final String ERROR_ENVELOPE = """
        {
          "type": "object",
          "required": ["status", "timestamp", "path", "error"],
          "properties": {
            "status": {"type": "string", "enum": ["error"]},
            "timestamp": {"type": "string", "format": "date-time"},
            "path": {"type": "string"},
            "error": {
              "type": "object",
              "required": ["code", "message"],
              "properties": {
                "code": {"type": "string", "minLength": 1},
                "message": {"type": "string"}
              }
            }
          }
        }
        """;

    /** A slot item (NOTES.md §2a, "Response 200" table: time/range format, non-seated/seated). */
    private static final String SLOT_ITEM = """
        {
          "type": "object",
          "required": ["start"],
          "additionalProperties": false,
          "properties": {
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "seatsBooked": {"type": "integer", "minimum": 0},
            "seatsRemaining": {"type": "integer", "minimum": 0},
            "seatsTotal": {"type": "integer", "minimum": 0},
            "bookingUid": {"type": "string", "minLength": 1}
          }
        }
        """;

    private static final String NULLABLE_STRING = """
        {"type": "string", "nullable": true}
        """;

    static final Map<String, String> ERRATA = build();

    private static Map<String, String> build() {
        Map<String, String> m = new LinkedHashMap<>();

        // NOTES.md §2a "Response 200": the document's 200 schema is a oneOf of two bare maps whose values are
        // array<string> (default format) or array<{start,end}> and it even omits the {status, data} envelope.
        // Real body: {"status":"success","data":{"YYYY-MM-DD":[{start}|{start,end}|seated variants]}}; seated
        // items carry seatsBooked/seatsRemaining/seatsTotal (NOT "attendeesCount" as the prose says) and
        // bookingUid only when a booking exists. Dates without slots are omitted; no slots at all => data {}.
        m.put("GET /v2/slots 200", """
            {
              "type": "object",
              "required": ["status", "data"],
              "properties": {
                "status": {"type": "string", "enum": ["success"]},
                "data": {"type": "object", "additionalProperties": {"type": "array", "items": %s}}
              }
            }
            """.formatted(SLOT_ITEM));

        // NOTES.md §4 table ("user event types: ownerId, users[]"): users are objects
        // {id, name, username, avatarUrl, weekStart, ...}, the document says array<string>.
        // Field types from the DTO NOTES §4 cites (event-type.output.ts, class User_2024_06_14).
        m.put("EventTypeOutput_2024_06_14#/properties/users", """
            {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["id", "name", "username", "avatarUrl", "weekStart"],
                "properties": {
                  "id": {"type": "integer"},
                  "name": {"type": "string", "nullable": true},
                  "username": {"type": "string", "nullable": true},
                  "avatarUrl": {"type": "string", "nullable": true},
                  "weekStart": {"type": "string"},
                  "brandColor": {"type": "string", "nullable": true},
                  "darkBrandColor": {"type": "string", "nullable": true},
                  "metadata": {"type": "object", "nullable": true}
                }
              }
            }
            """);

        // NOTES.md §4 table ("team event types: ... hosts[]"): items are {userId, mandatory?, priority?, name,
        // username, avatarUrl}; the document says array<string>.
        m.put("TeamEventTypeOutput_2024_06_14#/properties/hosts", """
            {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["userId", "name", "username"],
                "properties": {
                  "userId": {"type": "integer"},
                  "mandatory": {"type": "boolean"},
                  "name": {"type": "string"},
                  "username": {"type": "string"},
                  "avatarUrl": {"type": "string", "nullable": true}
                }
              }
            }
            """);

        // NOTES.md §4 table (slotInterval "nullable" step in minutes, seatsPerTimeSlot, parentEventTypeId "set on
        // managed children", ownerId). The generator emitted {"type":"object"} for these `T | null` DTO fields;
        // the DTO NOTES §4 cites (event-type.output.ts) declares them as number|null, boolean|null, string|null.
        for (String s : List.of("EventTypeOutput_2024_06_14", "TeamEventTypeOutput_2024_06_14")) {
            m.put(s + "#/properties/slotInterval", "{\"type\": \"integer\", \"nullable\": true}");
            m.put(s + "#/properties/seatsPerTimeSlot", "{\"type\": \"integer\", \"nullable\": true}");
            m.put(s + "#/properties/forwardParamsSuccessRedirect", "{\"type\": \"boolean\", \"nullable\": true}");
            m.put(s + "#/properties/successRedirectUrl", NULLABLE_STRING);
        }
        m.put("TeamEventTypeOutput_2024_06_14#/properties/ownerId", "{\"type\": \"integer\", \"nullable\": true}");
        m.put("TeamEventTypeOutput_2024_06_14#/properties/parentEventTypeId",
            "{\"type\": \"integer\", \"nullable\": true}");

        // NOTES.md §3a BookingOutput example shows "rescheduledFromUid": null and "cancellationReason": null, while
        // the document types the optional booking strings as non-nullable string. Accept null for the optional
        // ones listed in NOTES §3a ("Optional fields: ...", except rating which is a number).
        for (String s : List.of("BookingOutput_2024_08_13", "RecurringBookingOutput_2024_08_13",
                "CreateSeatedBookingOutput_2024_08_13", "GetSeatedBookingOutput_2024_08_13",
                "CreateRecurringSeatedBookingOutput_2024_08_13", "GetRecurringSeatedBookingOutput_2024_08_13")) {
            for (String f : List.of("cancellationReason", "cancelledByEmail", "reschedulingReason",
                    "rescheduledByEmail", "rescheduledFromUid", "rescheduledToUid", "icsUid")) {
                m.put(s + "#/properties/" + f, NULLABLE_STRING);
            }
        }
        // GET /v2/teams (TeamsController.getTeams): plainToClass(TeamOutputDto, team) of Prisma's Team, whose parentId
        // is Int? (null for a team outside any organization, and for the organization itself); class-transformer
        // keeps the null, the document types it as a plain number.
        m.put("TeamOutputDto#/properties/parentId", """
            {"type": "number", "nullable": true}
            """);

        return java.util.Collections.unmodifiableMap(m);
    }
}
