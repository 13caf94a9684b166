package io.slotgate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.slots.LegacySlotsInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event-type lookups by name: {@code GET /v2/event-types} of the 2024-06-14 controller
 * ({@code apps/api/v2/src/ee/event-types/event-types_2024_06_14/}, {@code EventTypesService_2024_06_14.getEventTypes}),
 * {@code GET /v2/teams/{teamId}/event-types} ({@code TeamsEventTypesController}, public, every version) and
 * {@code GET /v2/organizations/{orgId}/teams/event-types} ({@code OrganizationsEventTypesController}). Unknown query
 * parameters are dropped, as Cal.com's global validation pipe does.
 */
final class EventTypeRoutes {
    private static final int DEFAULT_TAKE = 250;

    private final Model model;

    EventTypeRoutes(Model model) {
        this.model = model;
    }

    /**
     * {@code username} and {@code eventSlug}: that user's own event type of that slug (or none); {@code username}:
     * the user's own event types; {@code usernames}: the dynamic group event; else, with a key, the key owner's own
     * event types; else none. {@code orgSlug}/{@code orgId} restrict the users to that organization. A user Cal.com
     * does not know is an empty list, not a 404.
     */
    Outcome list(EmulatorRequest req, boolean authenticated) {
        ObjectNode target = Json.MAPPER.createObjectNode();
        List<String[]> errors = new ArrayList<>();
        String username = string(req, "username", target, errors);
        String eventSlug = string(req, "eventSlug", target, errors);
        String orgSlug = string(req, "orgSlug", target, errors);
        List<String> usernames = null;
        if (req.query().containsKey("usernames")) {
            usernames = req.query().get("usernames").size() == 1
                    ? List.of(req.param("usernames").split(",")).stream().map(String::trim).toList()
                    : req.query().get("usernames");
            ArrayNode shown = target.putArray("usernames");
            usernames.forEach(shown::add);
        }
        Long orgId = null;
        if (req.param("orgId") != null) {
            Double n = javascriptNumber(req.param("orgId"));
            if (n == null) {
                target.putNull("orgId");
                errors.add(new String[]{"orgId", "isNumber", "orgId must be a number conforming to the specified constraints"});
            } else {
                orgId = n.longValue();
                target.put("orgId", orgId);
            }
        }
        failIfAny(errors, target);
        ArrayNode data = Json.MAPPER.createArrayNode();
        if (username != null) {
            Optional<Host> user = model.userByUsername(username, orgSlug, orgId);
            user.ifPresent(u -> model.userEventTypes(u.id()).stream()
                    .filter(t -> eventSlug == null || t.slug().equals(eventSlug))
                    .forEach(t -> data.add(Json.eventType(t, model))));
        } else if (usernames != null) {
            data.add(Json.dynamicEventType(model.dynamicEventType(usernames, orgSlug), model));
        } else if (authenticated) {
            model.userEventTypes(model.keyOwner()).forEach(t -> data.add(Json.eventType(t, model)));
        }
        return Outcome.of(200, Json.success(data));
    }

    /** {@code EventTypesController_2024_06_14.getEventTypeById}: an id the key may not see is "not found" too. */
    Outcome byId(String idText) {
        long id = parseIntPipe(idText);
        EventTypeSpec type = model.eventType(id)
                .orElseThrow(() -> ApiException.notFound("Event type with id " + idText + " not found"));
        return Outcome.of(200, Json.success(Json.eventType(type, model)));
    }

    /** The team's event types (a team Cal.com does not know has none), or the one of {@code eventSlug}. */
    Outcome ofTeam(String teamIdText, EmulatorRequest req) {
        long teamId = parseIntPipe(teamIdText);
        ObjectNode target = Json.MAPPER.createObjectNode();
        List<String[]> errors = new ArrayList<>();
        String eventSlug = string(req, "eventSlug", target, errors);
        Integer hostsLimit = null;
        if (req.param("hostsLimit") != null) {
            Double n = javascriptNumber(req.param("hostsLimit"));
            if (n == null) {
                target.putNull("hostsLimit");
                errors.add(new String[]{"hostsLimit", "isNumber",
                        "hostsLimit must be a number conforming to the specified constraints"});
            } else {
                hostsLimit = n.intValue();
                target.put("hostsLimit", hostsLimit);
            }
        }
        failIfAny(errors, target);
        ArrayNode data = Json.MAPPER.createArrayNode();
        Integer limit = eventSlug == null ? null : hostsLimit;
        model.teamEventTypes(teamId).stream()
                .filter(t -> eventSlug == null || t.slug().equals(eventSlug))
                .forEach(t -> data.add(Json.eventType(t, model, limit)));
        return Outcome.of(200, Json.success(data));
    }

    /**
     * Every team event type of the organization, paged by {@code skip}/{@code take} (at most 250). Behind the API
     * key; the organization must be the tenant ({@code IsOrgGuard}'s 403 otherwise).
     */
    Outcome ofOrganizationTeams(String orgIdText, EmulatorRequest req) {
        Double orgId = javascriptNumber(orgIdText);
        if (orgId == null || !model.isOrganization(null, orgId.longValue()) || orgId != Math.rint(orgId)) {
            throw new ApiException(403, "IsOrgGuard - provided organization id=" + orgIdText
                    + " does not represent any existing organization.");
        }
        long take = page(req, "take", DEFAULT_TAKE, 1, DEFAULT_TAKE);
        long skip = page(req, "skip", 0, 0, Long.MAX_VALUE);
        ArrayNode data = Json.MAPPER.createArrayNode();
        model.eventTypes.values().stream().filter(t -> t.schedulingType().isTeam())
                .skip(skip).limit(take)
                .forEach(t -> data.add(Json.eventType(t, model)));
        return Outcome.of(200, Json.success(data));
    }

    /**
     * {@code GET /v2/teams} ({@code TeamsController.getTeams}, behind the key): the teams the key's owner is a member
     * of ({@code getTeamsUserIsMemberOf}), the organization among them when the tenant is one, each a
     * {@code TeamOutputDto}; how a client finds a team's id from its slug.
     */
    Outcome teams() {
        long owner = model.keyOwner();
        java.util.TreeMap<Long, ObjectNode> byId = new java.util.TreeMap<>();
        if (model.organization != null) {
            byId.put(model.organization.id(), team(model.organization.id(), null, model.organization.name(),
                    model.organization.slug(), true));
        }
        model.teams.values().stream().filter(t -> t.memberIds().contains(owner))
                .forEach(t -> byId.put(t.id(), team(t.id(), model.parentOf(t), t.name(), t.slug(), false)));
        ArrayNode data = Json.MAPPER.createArrayNode();
        byId.values().forEach(data::add);
        return Outcome.of(200, Json.success(data));
    }

    private static ObjectNode team(long id, Long parentId, String name, String slug, boolean isOrganization) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", id);
        if (parentId == null) {
            out.putNull("parentId");
        } else {
            out.put("parentId", parentId);
        }
        out.put("name", name);
        out.put("slug", slug);
        out.put("isOrganization", isOrganization);
        out.put("isPrivate", false);
        out.put("hideBranding", false);
        out.put("hideBookATeamMember", false);
        out.put("timeFormat", 24);
        out.put("weekStart", "Monday");
        return out;
    }

    /** {@code SkipTakePagination}: {@code value ? parseInt(value) : default}, a number within bounds. */
    private static long page(EmulatorRequest req, String name, long byDefault, long min, long max) {
        String raw = req.param(name);
        Object value = raw == null || raw.isEmpty() ? (Object) byDefault : LegacySlotsInput.parseInt(raw);
        ObjectNode target = Json.MAPPER.createObjectNode();
        if (!(value instanceof Long n)) {
            target.putNull(name);
            throw ApiException.validation(Json.MAPPER.createArrayNode().add(Json.validationError(target, name,
                    "isNumber", name + " must be a number conforming to the specified constraints")));
        }
        target.put(name, n);
        if (n < min || n > max) {
            String constraint = n < min ? "min" : "max";
            String message = name + " must not be " + (n < min ? "less than " + min : "greater than " + max);
            throw ApiException.validation(Json.MAPPER.createArrayNode()
                    .add(Json.validationError(target, name, constraint, message)));
        }
        return n;
    }

    /** Nest's {@code ParseIntPipe}. */
    static long parseIntPipe(String text) {
        if (text == null || !text.matches("-?\\d{1,18}")) {
            throw ApiException.badRequest("Validation failed (numeric string is expected)");
        }
        return Long.parseLong(text);
    }

    /** {@code Number(value)}: a number, or null for NaN ("" is 0). */
    private static Double javascriptNumber(String value) {
        String t = value.strip();
        if (t.isEmpty()) {
            return 0.0;
        }
        try {
            return t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") ? Double.parseDouble(t) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The global pipe's 400 for the failed properties {property, constraint, message}, all with the whole target. */
    private static void failIfAny(List<String[]> errors, ObjectNode target) {
        if (!errors.isEmpty()) {
            ArrayNode all = Json.MAPPER.createArrayNode();
            errors.forEach(e -> all.add(Json.validationError(target, e[0], e[1], e[2])));
            throw ApiException.validation(all);
        }
    }

    /** An {@code @IsString() @IsOptional()} parameter: a repeated one is an array, which is not a string. */
    private static String string(EmulatorRequest req, String name, ObjectNode target, List<String[]> errors) {
        List<String> values = req.query().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            ArrayNode shown = target.putArray(name);
            values.forEach(shown::add);
            errors.add(new String[]{name, "isString", name + " must be a string"});
            return null;
        }
        target.put(name, values.get(0));
        return values.get(0);
    }

}
