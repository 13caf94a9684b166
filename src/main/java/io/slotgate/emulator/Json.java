package io.slotgate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JSON reading (with Cal.com-style validation messages) and the output shapes of bookings and event types. */
final class Json {
    static final ObjectMapper MAPPER = Jackson.MAPPER;

    private Json() {
    }

    /** Parses a request body that must be a JSON object; malformed JSON is a 400, as Nest's body parser answers. */
    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Unexpected token in JSON at position " + e.getLocation().getCharOffset());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** class-validator's {@code forbidNonWhitelisted}: the first property not in {@code allowed} is an error. */
    static void forbidUnknown(ObjectNode body, Set<String> allowed, String prefix) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("property " + prefix + name + " should not exist");
            }
        }
    }

    static Instant requiredInstant(JsonNode body, String field) {
        JsonNode node = body.get(field);
        Optional<Instant> parsed = node != null && node.isTextual()
                ? CalcomTimeParams.parseStart(node.asText()) : Optional.empty();
        return parsed.orElseThrow(() -> ApiException.badRequest(field + " must be a valid ISO 8601 date string"));
    }

    static Long optionalLong(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest(field + " must be an integer number");
        }
        return node.asLong();
    }

    static Integer optionalInt(JsonNode body, String field) {
        Long value = optionalLong(body, field);
        if (value == null) {
            return null;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw ApiException.badRequest(field + " must not be less than 1");
        }
        return value.intValue();
    }

    static String optionalString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    static String iso(Instant instant) {
        return RequestedZone.UTC.format(instant);
    }

    static String success(JsonNode data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", "success");
        root.set("data", data);
        return root.toString();
    }

    /** BookingOutput_2024_08_13 (NOTES §3a). */
    static ObjectNode booking(Booking b, Model model) {
        EventTypeSpec type = model.eventTypes.get(b.eventTypeId());
        ObjectNode out = MAPPER.createObjectNode();
        out.put("id", b.id());
        out.put("uid", b.uid());
        String hostNames = b.hostIds().stream().map(model.hosts::get)
                .map(h -> h == null ? "Host" : h.name()).reduce((x, y) -> x + ", " + y).orElse("Host");
        String title = (type == null ? "Meeting" : type.title()) + " between " + hostNames + " and " + b.attendeeName();
        out.put("title", title);
        out.put("description", "");
        ArrayNode hosts = out.putArray("hosts");
        for (long id : b.hostIds()) {
            Host h = model.hosts.get(id);
            if (h != null) {
                ObjectNode host = hosts.addObject();
                host.put("id", h.id());
                host.put("name", h.name());
                host.put("email", h.email());
                host.put("username", h.username());
                host.put("timeZone", h.timeZone().getId());
            }
        }
        out.put("status", b.isAccepted() ? "accepted" : "cancelled");
        if (b.status() == Booking.Status.CANCELLED) {
            out.put("cancellationReason", b.cancellationReason());
        }
        if (b.rescheduledToUid() != null) {
            out.put("rescheduled", true);
            out.put("rescheduledToUid", b.rescheduledToUid());
        }
        out.put("rescheduledFromUid", b.rescheduledFromUid());
        out.put("start", iso(b.start()));
        out.put("end", iso(b.end()));
        out.put("duration", b.durationMinutes());
        out.put("eventTypeId", b.eventTypeId());
        ObjectNode eventType = out.putObject("eventType");
        eventType.put("id", b.eventTypeId());
        eventType.put("slug", type == null ? "" : type.slug());
        String meetingUrl = "https://app.cal.com/video/" + b.uid();
        out.put("meetingUrl", meetingUrl);
        out.put("location", meetingUrl);
        out.put("absentHost", false);
        out.put("createdAt", iso(b.createdAt()));
        out.put("updatedAt", iso(b.updatedAt()));
        out.putObject("metadata");
        ArrayNode attendees = out.putArray("attendees");
        ObjectNode attendee = attendees.addObject();
        attendee.put("name", b.attendeeName());
        attendee.put("email", b.attendeeEmail());
        attendee.put("timeZone", b.attendeeTimeZone());
        attendee.put("language", "en");
        attendee.put("absent", false);
        out.putArray("guests");
        ObjectNode responses = out.putObject("bookingFieldsResponses");
        responses.put("name", b.attendeeName());
        responses.put("email", b.attendeeEmail());
        return out;
    }

    /** EventTypeOutput_2024_06_14 / TeamEventTypeOutput_2024_06_14, availability fields only (NOTES §4). */
    static ObjectNode eventType(EventTypeSpec t, Model model) {
        return eventType(t, model, null);
    }

    /** @param hostsLimit the team routes' {@code hostsLimit}: at most that many hosts; null for all */
    static ObjectNode eventType(EventTypeSpec t, Model model, Integer hostsLimit) {
        return eventType(t, model, hostsLimit, false);
    }

    /**
     * The dynamic group event type of {@code GET /v2/event-types?usernames=…} ({@code getDynamicEventType}): a user
     * event type owned by nobody ({@code ownerId} 0) whose {@code users} are the users found.
     */
    static ObjectNode dynamicEventType(EventTypeSpec t, Model model) {
        return eventType(t, model, null, true);
    }

    private static ObjectNode eventType(EventTypeSpec t, Model model, Integer hostsLimit, boolean dynamic) {
        Map<Long, Host> hosts = model.hosts;
        ObjectNode out = MAPPER.createObjectNode();
        out.put("id", t.id());
        out.put("slug", t.slug());
        out.put("title", dynamic ? "Group Meeting" : t.title());
        out.put("description", "");
        out.put("lengthInMinutes", t.lengthMinutes());
        if (!t.lengthOptions().isEmpty()) {
            ArrayNode options = out.putArray("lengthInMinutesOptions");
            t.lengthOptions().forEach(options::add);
        }
        if (t.slotIntervalMinutes() == null) {
            out.putNull("slotInterval");
        } else {
            out.put("slotInterval", t.slotIntervalMinutes());
        }
        out.put("minimumBookingNotice", t.minimumBookingNoticeMinutes());
        out.put("beforeEventBuffer", t.beforeBufferMinutes());
        out.put("afterEventBuffer", t.afterBufferMinutes());
        out.putNull("scheduleId");
        out.put("hidden", false);
        if (t.seatsPerTimeSlot() == null) {
            out.putNull("seatsPerTimeSlot");
        } else {
            out.put("seatsPerTimeSlot", t.seatsPerTimeSlot());
        }
        out.put("onlyShowFirstAvailableSlot", false);
        // fields the document requires that do not bear on availability: Cal.com's defaults for a plain event type
        out.putArray("locations");
        out.putArray("bookingFields");
        out.put("disableGuests", false);
        out.putNull("recurrence");
        out.putObject("metadata");
        out.put("price", 0);
        out.put("currency", "usd");
        out.put("lockTimeZoneToggleOnBookingPage", false);
        out.putNull("forwardParamsSuccessRedirect");
        out.putNull("successRedirectUrl");
        out.put("isInstantEvent", false);
        out.put("bookingRequiresAuthentication", false);
        if (t.schedulingType().isTeam() && !dynamic) {
            Team owner = model.teamOf(t);
            out.put("teamId", owner.id());
            ObjectNode team = out.putObject("team");
            team.put("id", owner.id());
            team.put("slug", owner.slug());
            team.put("bannerUrl", "");
            team.put("name", owner.name());
            team.put("logoUrl", "");
            team.put("weekStart", "Monday");
            team.put("brandColor", "#292929");
            team.put("darkBrandColor", "#fafafa");
            team.put("theme", "light");
            out.put("schedulingType", t.schedulingType().wireName());
            out.put("assignAllTeamMembers", false);
            ArrayNode hostArray = out.putArray("hosts");
            List<Long> shown = hostsLimit == null ? t.hostIds()
                    : t.hostIds().subList(0, Math.min(hostsLimit, t.hostIds().size()));
            for (long id : shown) {
                Host h = hosts.get(id);
                ObjectNode host = hostArray.addObject();
                host.put("userId", id);
                host.put("name", h == null ? null : h.name());
                host.put("username", h == null ? null : h.username());
                host.putNull("avatarUrl");
            }
        } else {
            out.put("ownerId", dynamic ? 0 : t.hostIds().get(0));
            ArrayNode users = out.putArray("users");
            for (long id : dynamic ? t.hostIds() : t.hostIds().subList(0, 1)) {
                Host h = hosts.get(id);
                if (h == null) {
                    continue;
                }
                ObjectNode user = users.addObject();
                user.put("id", id);
                user.put("name", h.name());
                user.put("username", h.username());
                user.putNull("avatarUrl");
                user.put("weekStart", "Monday");
            }
        }
        return out;
    }

    /** One class-validator error of a single failed constraint, with the DTO instance as {@code target}. */
    static ObjectNode validationError(ObjectNode target, String property, String constraint, String message) {
        ObjectNode e = MAPPER.createObjectNode();
        e.set("target", target.deepCopy());
        JsonNode value = target.get(property);
        if (value != null) {
            e.set("value", value);
        }
        e.put("property", property);
        e.putArray("children");
        e.putObject("constraints").put(constraint, message);
        return e;
    }
}
