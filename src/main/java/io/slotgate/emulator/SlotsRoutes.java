package io.slotgate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v2/slots} of the 2024-09-04 slots controller (NOTES §2a): the query's validation, the event type it
 * names (by id, user or team slug, or usernames), and the core's answer through Cal.com's slots result cache.
 */
final class SlotsRoutes {
    private static final Set<String> COMMON =
            Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule");

    private final Model model;
    private final SlotsResultCache slotsCache;

    SlotsRoutes(Model model, SlotsResultCache slotsCache) {
        this.model = model;
        this.slotsCache = slotsCache;
    }

    Outcome slots(EmulatorRequest req, Instant now) {
        Map<String, List<String>> q = req.query();
        Set<String> allowed = new HashSet<>(COMMON);
        // Variant choice of get-slots-input.pipe.ts; each variant forbids the others' parameters.
        enum Variant { BY_ID, USER_SLUG, TEAM_SLUG, USERNAMES }
        Variant variant;
        if (q.containsKey("eventTypeId")) {
            variant = Variant.BY_ID;
            allowed.add("eventTypeId");
        } else if (q.containsKey("username") && q.containsKey("eventTypeSlug")) {
            variant = Variant.USER_SLUG;
            allowed.addAll(Set.of("eventTypeSlug", "username", "organizationSlug"));
        } else if (q.containsKey("teamSlug") && q.containsKey("eventTypeSlug")) {
            variant = Variant.TEAM_SLUG;
            allowed.addAll(Set.of("eventTypeSlug", "teamSlug", "organizationSlug"));
        } else {
            variant = Variant.USERNAMES;
            allowed.addAll(Set.of("usernames", "organizationSlug"));
        }
        for (String name : q.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("property " + name + " should not exist");
            }
        }
        Instant start = CalcomTimeParams.parseStart(req.param("start"))
                .orElseThrow(() -> ApiException.badRequest("start must be a valid ISO 8601 date string"));
        Instant end = CalcomTimeParams.parseEnd(req.param("end"))
                .orElseThrow(() -> ApiException.badRequest("end must be a valid ISO 8601 date string"));
        if (end.isBefore(start)) {
            throw ApiException.badRequest("Invalid time range given - check the 'start' and 'end' query parameters.");
        }
        RequestedZone zone = RequestedZone.parseInAnyCase(req.param("timeZone"))
                .orElseThrow(() -> ApiException.badRequest("timeZone must be a valid IANA time-zone"));
        SlotFormat format = SlotFormat.parse(req.param("format"))
                .orElseThrow(() -> ApiException.badRequest("slotFormat must be either 'range' or 'time'"));
        Integer duration = null;
        if (req.param("duration") != null) {
            duration = parsePositiveInt(req.param("duration"))
                    .orElseThrow(() -> ApiException.badRequest("duration must be an integer number"));
        }
        EventTypeSpec type = switch (variant) {
            case BY_ID -> {
                long id = parseLong(req.param("eventTypeId"))
                        .orElseThrow(() -> ApiException.badRequest("eventTypeId must be an integer number"));
                yield model.eventType(id).orElseThrow(() -> ApiException.notFound("Event Type not found"));
            }
            case USER_SLUG -> {
                // getEventTypeUser, then getUserEventTypeBySlug: the user's own event types only.
                String username = req.param("username");
                requireOrganization(req.param("organizationSlug"));
                Host host = model.userByUsername(username)
                        .orElseThrow(() -> ApiException.notFound("User with username " + username + " not found"));
                yield withSlug(model.userEventTypes(host.id()), req.param("eventTypeSlug"));
            }
            case TEAM_SLUG -> {
                String teamSlug = req.param("teamSlug");
                requireOrganization(req.param("organizationSlug"));
                Team team = model.teamBySlug(teamSlug, req.param("organizationSlug"))
                        .orElseThrow(() -> ApiException.notFound("Team with slug " + teamSlug + " not found"));
                yield withSlug(model.teamEventTypes(team.id()), req.param("eventTypeSlug"));
            }
            case USERNAMES -> {
                String org = req.param("organizationSlug");
                if (org == null) {
                    throw ApiException.badRequest("organizationSlug must be a string");
                }
                requireOrganization(org);
                List<String> usernames = req.param("usernames") == null ? List.of()
                        : List.of(req.param("usernames").split(","));
                if (usernames.size() < 2) {
                    throw ApiException.trpc(404, "The requested resource was not found");
                }
                yield model.dynamicEventType(usernames, org);
            }
        };
        // Cal.com does not check duration against the event type's lengths on this route: get-slots.input.ts declares
        // it @IsNumber() only, and the core takes eventLength = duration || length (docs/calcom-slots.md).
        SlotEngine.Query core = new SlotEngine.Query(type, start, end,
                req.param("timeZone") == null ? null : zone.zone(), duration, req.param("bookingUidToReschedule"),
                null);
        List<Instant> starts = cachedSlots(slotsCacheKey(core, req), core, now);
        Duration length = Duration.ofMinutes(duration != null ? duration : type.lengthMinutes());
        List<Slot> slots = new ArrayList<>(starts.size());
        starts.forEach(s -> slots.add(Slot.of(s, length)));
        return Outcome.of(200, SlotsJson.render(slots, zone, format));
    }

    /**
     * The core's answer through Cal.com's slots result cache ({@code withSlotsCache}); a query the core fails is not
     * cached. A slot in the past fails the 2024-09-04 route with the TRPC filter's BAD_REQUEST.
     */
    private List<Instant> cachedSlots(String key, SlotEngine.Query query, Instant now) {
        try {
            return slotsCache.getOrCompute(key, now, () -> model.engine.slots(query, now));
        } catch (SlotEngine.SlotInPastException e) {
            throw ApiException.trpc(400, "Bad request: Please check your request data and try again");
        }
    }

    /**
     * {@code JSON.stringify(input)} of the 2024-09-04 route's {@code InternalGetSlotsQuery}: the times as
     * {@code adjustStartTime}/{@code adjustEndTime} wrote them, the resolved event type, the raw time zone. The
     * format is not part of it (the output service applies it after the cache).
     */
    private static String slotsCacheKey(SlotEngine.Query q, EmulatorRequest req) {
        ObjectNode key = Json.MAPPER.createObjectNode();
        key.put("isTeamEvent", q.type().schedulingType().isTeam());
        key.put("startTime", Json.iso(q.start()));
        key.put("endTime", Json.iso(q.end()));
        if (q.duration() != null) {
            key.put("duration", q.duration());
        }
        key.put("eventTypeId", q.type().id());
        key.put("eventTypeSlug", q.type().slug());
        ArrayNode usernames = key.putArray("usernameList");
        if (req.param("usernames") != null) {
            for (String u : req.param("usernames").split(",")) {
                usernames.add(u);
            }
        }
        if (req.param("timeZone") != null) {
            key.put("timeZone", req.param("timeZone"));
        }
        if (req.param("organizationSlug") != null) {
            key.put("orgSlug", req.param("organizationSlug"));
        } else if (req.param("eventTypeId") != null) {
            key.putNull("orgSlug");
        }
        if (q.rescheduleUid() != null) {
            key.put("rescheduleUid", q.rescheduleUid());
        } else {
            key.putNull("rescheduleUid");
        }
        return "2024-09-04:" + key;
    }

    private static EventTypeSpec withSlug(List<EventTypeSpec> types, String slug) {
        return types.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Event Type not found"));
    }

    /** An {@code organizationSlug} the tenant is not is slots-input.service.ts's 404 (the tenant is one org at most). */
    private void requireOrganization(String slug) {
        if (slug != null && !model.isOrganization(slug, null)) {
            throw ApiException.notFound("slots-input.service.ts: Organization with slug " + slug + " not found");
        }
    }

    private static Optional<Long> parseLong(String text) {
        if (text == null || !text.matches("-?\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static Optional<Integer> parsePositiveInt(String text) {
        return parseLong(text).filter(v -> v > 0 && v <= 24 * 60 * 7).map(Long::intValue);
    }
}
