package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.slots.LegacyDates;
import io.slotgate.slots.LegacySlotsInput;
import io.slotgate.slots.LegacySlotsJson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The 2024-04-15 slots controller ({@code apps/api/v2/src/modules/slots/slots-2024-04-15/}), which answers for
 * cal-api-version 2024-04-15, 2024-06-11, 2024-06-14, 2024-08-13 and for requests without a known version:
 * {@code GET /v2/slots/available}, {@code POST /v2/slots/reserve} and {@code DELETE /v2/slots/selected-slot}, as
 * ../shared/calcom/legacy-slots.md describes them, over the same slot engine as {@code GET /v2/slots}.
 */
final class LegacySlotsRoutes {
    /** {@code NEXT_PUBLIC_MINUTES_TO_BOOK}'s default. */
    static final Duration MINUTES_TO_BOOK = Duration.ofMinutes(5);
    private static final Set<String> RESERVE_FIELDS =
            Set.of("eventTypeId", "slotUtcStartDate", "slotUtcEndDate", "bookingUid", "_isDryRun");

    private final Model model;
    private final SlotsResultCache slots;
    private final Random random;

    LegacySlotsRoutes(Model model, SlotsResultCache slots, Random random) {
        this.model = model;
        this.slots = slots;
        this.random = random;
    }

    // ---------------------------------------------------------------- GET /v2/slots/available

    Outcome available(EmulatorRequest req, Instant now) {
        LegacySlotsInput q = switch (LegacySlotsInput.parse(req.query())) {
            case LegacySlotsInput.Valid valid -> valid.input();
            case LegacySlotsInput.Invalid invalid -> throw ApiException.validation(invalid.errors());
            case LegacySlotsInput.Unreadable unreadable -> throw ApiException.unhandled();
        };
        Long eventTypeId = q.number("eventTypeId");
        // slots.controller.ts: isTeamEvent === undefined ? checkIfIsTeamEvent(eventTypeId) : isTeamEvent
        boolean isTeamEvent = q.bool("isTeamEvent") != null ? q.bool("isTeamEvent")
                : eventTypeId != null && eventTypeId != 0 && model.eventTypes.containsKey(eventTypeId)
                && model.eventTypes.get(eventTypeId).schedulingType().isTeam();
        SlotsComputation computed = new SlotsComputation(q, isTeamEvent, req.cookie("uid"));
        List<Instant> starts;
        try {
            starts = slots.getOrCompute(q.cacheKey(isTeamEvent), now, () -> model.engine.slots(computed.query(), now));
        } catch (SlotEngine.SlotInPastException e) {
            // In the worker the error arrives as a plain Error whose message is not a TRPC code: rethrown, a 500.
            throw ApiException.unhandled();
        }
        return Outcome.of(200, render(q, starts));
    }

    /** The core's steps before the slot engine: the event type, the zone, the window; each may fail the query. */
    private final class SlotsComputation {
        private final LegacySlotsInput q;
        private final boolean isTeamEvent;
        private final String bookerUid;

        SlotsComputation(LegacySlotsInput q, boolean isTeamEvent, String bookerUid) {
            this.q = q;
            this.isTeamEvent = isTeamEvent;
            this.bookerUid = bookerUid;
        }

        SlotEngine.Query query() {
            EventTypeSpec type = eventType();
            ZoneId zone = q.string("timeZone") == null ? null
                    : q.zone().orElseThrow(ApiException::unhandled).zone();
            Instant start = q.startTime().orElseThrow(ApiException::unhandled);
            Instant end = q.endTime().orElseThrow(ApiException::unhandled);
            Long duration = q.number("duration");
            return new SlotEngine.Query(type, start, end, zone, duration == null ? null : duration.intValue(),
                    q.string("rescheduleUid"), bookerUid);
        }

        /**
         * {@code getRegularOrDynamicEventType}: more than one username is a dynamic group event; else the id, or the
         * slug of the first username's user (or team, with isTeamEvent). An unknown user matches any event type
         * with that slug ({@code findFirstEventTypeId}).
         */
        private EventTypeSpec eventType() {
            List<String> usernames = q.usernames();
            String slug = q.string("eventTypeSlug");
            if (usernames != null && usernames.size() > 1) {
                if (slug == null) {
                    throw ApiException.unhandled();  // Error("Event type slug is required in dynamic booking.")
                }
                return model.dynamicEventType(usernames, q.string("orgSlug"));
            }
            Long id = q.number("eventTypeId");
            if (id == null || id == 0) {
                String owner = usernames == null || usernames.isEmpty() ? null : usernames.get(0);
                if (slug == null || owner == null) {
                    throw notFound();
                }
                Long teamId = isTeamEvent ? model.teamBySlug(owner).map(Team::id).orElse(null) : null;
                Long userId = isTeamEvent ? null
                        : model.userByUsername(owner, q.string("orgSlug"), null).map(Host::id).orElse(null);
                return model.eventTypes.values().stream()
                        .filter(t -> t.slug().equals(slug))
                        .filter(t -> teamId == null || t.schedulingType().isTeam() && model.teamOf(t).id() == teamId)
                        .filter(t -> userId == null || !t.schedulingType().isTeam() && t.hostIds().get(0) == (long) userId)
                        .findFirst().orElseThrow(LegacySlotsRoutes::notFound);
            }
            EventTypeSpec type = model.eventTypes.get(id);
            if (type == null) {
                throw notFound();
            }
            return type;
        }
    }

    /** A {@code TRPCError({code: "NOT_FOUND"})} from the core, re-thrown by the controller for the TRPC filter. */
    private static ApiException notFound() {
        return ApiException.trpc(404, "The requested resource was not found");
    }

    /**
     * {@code SlotsOutputService_2024_04_15.getOutputSlots}: without {@code slotFormat} the core's {@code {time}} items
     * (re-zoned with Luxon when a zone was asked); with any valid {@code slotFormat}, {@code time} included,
     * {@code {startTime, endTime}} items, whose length is {@link #rangeMinutes}.
     */
    private String render(LegacySlotsInput q, List<Instant> starts) {
        Duration length = q.rangeItems() ? Duration.ofMinutes(rangeMinutes(q)) : Duration.ZERO;
        List<Slot> slots = new ArrayList<>(starts.size());
        starts.forEach(start -> slots.add(Slot.of(start, length)));
        return LegacySlotsJson.render(slots, q.zone().orElse(RequestedZone.UTC), q.rangeItems());
    }

    /** {@code getDuration}: the duration asked, else the event type's length by {@code eventTypeId}, else an error. */
    private long rangeMinutes(LegacySlotsInput q) {
        Long duration = q.number("duration");
        if (duration != null && duration != 0) {
            return duration;
        }
        Long id = q.number("eventTypeId");
        if (id == null || id == 0 || !model.eventTypes.containsKey(id)) {
            throw ApiException.unhandled();
        }
        return model.eventTypes.get(id).lengthMinutes();
    }

    // ---------------------------------------------------------------- POST /v2/slots/reserve

    /**
     * {@code SlotsService_2024_04_15.reserveSlot}: the client's {@code uid} cookie (or a new uuid) is stored for each
     * of the event type's own users (a team event type has none, so nothing is stored), without checking the slot.
     */
    Outcome reserve(EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        ObjectNode kept = Json.MAPPER.createObjectNode();
        body.fields().forEachRemaining(f -> {
            if (RESERVE_FIELDS.contains(f.getKey())) {
                kept.set(f.getKey(), f.getValue());
            }
        });
        ArrayNode errors = Json.MAPPER.createArrayNode();
        JsonNode eventTypeId = kept.get("eventTypeId");
        if (eventTypeId == null || !eventTypeId.isIntegralNumber()) {
            errors.add(Json.validationError(kept, "eventTypeId", "isInt", "eventTypeId must be an integer number"));
        }
        for (String field : List.of("slotUtcStartDate", "slotUtcEndDate")) {
            JsonNode v = kept.get(field);
            if (v == null || !v.isTextual() || !LegacyDates.isIso8601(v.asText())) {
                errors.add(Json.validationError(kept, field, "isDateString", field + " must be a valid ISO 8601 date string"));
            }
        }
        JsonNode bookingUid = kept.get("bookingUid");
        if (bookingUid != null && !bookingUid.isNull() && !bookingUid.isTextual()) {
            errors.add(Json.validationError(kept, "bookingUid", "isString", "bookingUid must be a string"));
        }
        JsonNode dryRun = kept.get("_isDryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            errors.add(Json.validationError(kept, "_isDryRun", "isBoolean", "_isDryRun must be a boolean value"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String cookie = req.cookie("uid");
        String uid = cookie != null && !cookie.isEmpty() ? cookie : uuid();
        EventTypeSpec type = model.eventTypes.get(eventTypeId.asLong());
        if (type == null) {
            throw ApiException.notFound("Event Type not found");
        }
        boolean isDryRun = dryRun != null && dryRun.asBoolean(false);
        List<Long> users = type.schedulingType().isTeam() ? List.of() : List.of(type.hostIds().get(0));
        if (!isDryRun && !users.isEmpty()) {
            // Prisma takes only full date-times with an offset: anything else fails the upsert (PrismaExceptionFilter).
            Instant start = LegacyDates.prismaDateTime(kept.get("slotUtcStartDate").asText())
                    .orElseThrow(LegacySlotsRoutes::prismaFailure);
            Instant end = LegacyDates.prismaDateTime(kept.get("slotUtcEndDate").asText())
                    .orElseThrow(LegacySlotsRoutes::prismaFailure);
            for (long user : users) {
                String row = uid + "|" + user + "|" + start + "|" + end;
                model.reservations.put(row, new Model.Reservation(uid, type.id(), List.of(user), start, end,
                        (int) MINUTES_TO_BOOK.toMinutes(), now.plus(MINUTES_TO_BOOK)));
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("status", "success");
        out.put("data", uid);
        return new Outcome(201, out.toString(), List.of(), Map.of("Set-Cookie", "uid=" + uid + "; Path=/"));
    }

    private static ApiException prismaFailure() {
        return ApiException.bare(500, "INTERNAL_SERVER_ERROR", "There was an error, please try again later.");
    }

    /** A v4 uuid from the emulator's seeded random, so runs repeat. */
    private String uuid() {
        long most = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long least = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    // ---------------------------------------------------------------- DELETE /v2/slots/selected-slot

    /** The cookie's uid wins over the {@code uid} parameter; every row with that uid goes; an unknown uid is fine. */
    Outcome deleteSelected(EmulatorRequest req) {
        List<String> uids = new ArrayList<>();
        for (var entry : req.query().entrySet()) {
            if (entry.getKey().equals("uid") || entry.getKey().matches("uid\\[\\d*]")) {
                uids.addAll(entry.getValue());
                if (!entry.getKey().equals("uid") || entry.getValue().size() > 1) {
                    uids.add(null);  // an array
                }
            }
        }
        if (uids.contains(null)) {
            ObjectNode target = Json.MAPPER.createObjectNode();
            ArrayNode values = target.putArray("uid");
            uids.stream().filter(java.util.Objects::nonNull).forEach(values::add);
            throw ApiException.validation(Json.MAPPER.createArrayNode()
                    .add(Json.validationError(target, "uid", "isString", "uid must be a string")));
        }
        String cookie = req.cookie("uid");
        String uid = cookie != null && !cookie.isEmpty() ? cookie : uids.isEmpty() ? null : uids.get(0);
        if (uid != null) {
            Iterator<Model.Reservation> it = model.reservations.values().iterator();
            while (it.hasNext()) {
                if (it.next().uid().equals(uid)) {
                    it.remove();
                }
            }
        }
        return Outcome.of(200, "{\"status\":\"success\"}");
    }
}
