package io.slotgate.calcom;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads Cal.com's EventTypeOutput_2024_06_14 / TeamEventTypeOutput_2024_06_14 (NOTES.md §4). */
final class EventTypeJson {
    private EventTypeJson() {
    }

    static EventTypeInfo parse(JsonNode root) {
        return parseOutput(root.path("data"));
    }

    /** One event type output, as {@code data} of the event type route or an item of a list route. */
    static EventTypeInfo parseOutput(JsonNode data) {
        if (!data.isObject() || !data.path("id").canConvertToLong() || !data.path("lengthInMinutes").canConvertToInt()) {
            throw new IllegalArgumentException("event type body lacks data.id or data.lengthInMinutes");
        }
        List<Integer> options = new ArrayList<>();
        data.path("lengthInMinutesOptions").forEach(n -> options.add(n.asInt()));
        List<Long> hosts = hostIds(data);
        return new EventTypeInfo(
                data.get("id").asLong(),
                data.get("lengthInMinutes").asInt(),
                options,
                data.path("minimumBookingNotice").asInt(0),
                data.path("beforeEventBuffer").asInt(0),
                data.path("afterEventBuffer").asInt(0),
                hosts,
                data.path("slotInterval").asInt(0),
                scheduling(data, hosts),
                data.path("seatsPerTimeSlot").asInt(0) > 0 || data.path("seats").path("seatsPerTimeSlot").asInt(0) > 0);
    }

    /** An item of a list route, with the usernames of its hosts (team event types) or users. */
    static EventTypeListing listing(JsonNode item) {
        List<String> usernames = new ArrayList<>();
        item.path("hosts").forEach(h -> {
            if (h.path("username").isTextual()) {
                usernames.add(h.get("username").asText());
            }
        });
        item.path("users").forEach(u -> {
            if (u.path("username").isTextual() && !usernames.contains(u.get("username").asText())) {
                usernames.add(u.get("username").asText());
            }
        });
        return new EventTypeListing(parseOutput(item), usernames);
    }

    /** Team event types name their scheduling; a user's event type has one host. */
    private static EventTypeInfo.Scheduling scheduling(JsonNode data, List<Long> hosts) {
        return switch (data.path("schedulingType").asText("").toUpperCase(java.util.Locale.ROOT)) {
            case "COLLECTIVE" -> EventTypeInfo.Scheduling.COLLECTIVE;
            case "ROUND_ROBIN", "ROUNDROBIN" -> EventTypeInfo.Scheduling.ROUND_ROBIN;
            case "" -> hosts.size() <= 1 ? EventTypeInfo.Scheduling.INDIVIDUAL : EventTypeInfo.Scheduling.UNKNOWN;
            default -> EventTypeInfo.Scheduling.UNKNOWN;
        };
    }

    /** Team event types list {@code hosts[].userId}; user event types {@code users[].id} and {@code ownerId}. */
    private static List<Long> hostIds(JsonNode data) {
        List<Long> ids = new ArrayList<>();
        data.path("hosts").forEach(h -> ids.add(h.path("userId").asLong()));
        data.path("users").forEach(u -> {
            if (u.path("id").canConvertToLong() && !ids.contains(u.get("id").asLong())) {
                ids.add(u.get("id").asLong());
            }
        });
        if (data.path("ownerId").canConvertToLong() && !ids.contains(data.get("ownerId").asLong())) {
            ids.add(data.get("ownerId").asLong());
        }
        return ids;
    }
}
