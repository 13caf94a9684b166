package io.slotgate.invalidation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;
import io.slotgate.slots.TimeRange;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads Cal.com webhook bodies ({@code {triggerEvent, createdAt, payload}}, NOTES.md §5c) into {@link WebhookEvent}s.
 * Times are accepted as {@code 2023-05-25T09:30:00Z} and in offset form ({@code 2023-05-25T11:30:00+02:00}, which the
 * cancel path sends).
 */
final class WebhookPayloads {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    /** Booking triggers that make a host busy or free. */
    static final Set<String> BOOKING_TRIGGERS = Set.of("BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED",
            "BOOKING_REJECTED", "BOOKING_REQUESTED", "BOOKING_PAYMENT_INITIATED", "BOOKING_PAID");
    static final String RESCHEDULED = "BOOKING_RESCHEDULED";
    static final String OOO_CREATED = "OOO_CREATED";
    /** Known triggers with no effect on availability: acknowledged, counted, ignored. */
    static final Set<String> NO_AVAILABILITY_CHANGE = Set.of("BOOKING_NO_SHOW_UPDATED", "FORM_SUBMITTED",
            "FORM_SUBMITTED_NO_EVENT", "MEETING_ENDED", "MEETING_STARTED", "RECORDING_READY",
            "RECORDING_TRANSCRIPTION_GENERATED", "INSTANT_MEETING", "AFTER_HOSTS_CAL_VIDEO_NO_SHOW",
            "AFTER_GUESTS_CAL_VIDEO_NO_SHOW", "DELEGATION_CREDENTIAL_ERROR");

    private WebhookPayloads() {
    }

    public static WebhookEvent parse(byte[] body) throws MalformedWebhookException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("the body is not valid JSON (at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new MalformedWebhookException("the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("the body must be a JSON object with triggerEvent and payload");
        }
        JsonNode triggerNode = root.path("triggerEvent");
        if (!triggerNode.isTextual() || triggerNode.asText().isBlank()) {
            throw new MalformedWebhookException("triggerEvent is missing or not a string");
        }
        String trigger = triggerNode.asText().trim();
        if (BOOKING_TRIGGERS.contains(trigger)) {
            return booking(trigger, payload(root, trigger));
        }
        if (OOO_CREATED.equals(trigger)) {
            return outOfOffice(trigger, payload(root, trigger));
        }
        if (NO_AVAILABILITY_CHANGE.contains(trigger) || trigger.startsWith("MEETING_")
                || trigger.startsWith("RECORDING_") || trigger.startsWith("FORM_")) {
            return new WebhookEvent.NoAvailabilityChange(trigger);
        }
        return new WebhookEvent.Unrecognised(trigger);
    }

    private static JsonNode payload(JsonNode root, String trigger) throws MalformedWebhookException {
        JsonNode payload = root.path("payload");
        if (!payload.isObject()) {
            throw new MalformedWebhookException(trigger + " needs a payload object");
        }
        return payload;
    }

    private static WebhookEvent booking(String trigger, JsonNode p) throws MalformedWebhookException {
        List<TimeRange> windows = new ArrayList<>();
        windows.add(window(p, "startTime", "endTime", trigger));
        if (RESCHEDULED.equals(trigger) && (p.hasNonNull("rescheduleStartTime") || p.hasNonNull("rescheduleEndTime"))) {
            windows.add(window(p, "rescheduleStartTime", "rescheduleEndTime", trigger));
        }
        OptionalLong eventTypeId = id(p.path("eventTypeId"));
        if (p.hasNonNull("eventTypeId") && eventTypeId.isEmpty()) {
            throw new MalformedWebhookException("payload.eventTypeId must be a positive integer");
        }
        Set<Long> hosts = new LinkedHashSet<>();
        id(p.path("organizer").path("id")).ifPresent(hosts::add);
        for (JsonNode member : p.path("team").path("members")) {
            id(member.path("id")).ifPresent(hosts::add);
        }
        if (eventTypeId.isEmpty() && hosts.isEmpty()) {
            throw new MalformedWebhookException(trigger + " names neither payload.eventTypeId nor an organizer id: "
                    + "nothing to invalidate");
        }
        String uid = p.path("uid").isTextual() ? p.get("uid").asText() : null;
        return new WebhookEvent.BookingChange(trigger, uid, eventTypeId, windows, hosts);
    }

    private static WebhookEvent outOfOffice(String trigger, JsonNode p) throws MalformedWebhookException {
        JsonNode entry = p.path("oooEntry");
        if (!entry.isObject()) {
            throw new MalformedWebhookException("OOO_CREATED needs payload.oooEntry");
        }
        OptionalLong host = id(entry.path("user").path("id"));
        if (host.isEmpty()) {
            throw new MalformedWebhookException("OOO_CREATED needs payload.oooEntry.user.id");
        }
        String entryId = entry.path("uuid").isTextual() ? entry.get("uuid").asText() : entry.path("id").asText("");
        return new WebhookEvent.OutOfOffice(trigger, entryId, host.getAsLong(), window(entry, "start", "end", trigger));
    }

    private static TimeRange window(JsonNode node, String startField, String endField, String trigger)
            throws MalformedWebhookException {
        Instant start = time(node, startField, trigger);
        Instant end = time(node, endField, trigger);
        if (end.isBefore(start)) {
            throw new MalformedWebhookException(trigger + ": " + endField + " is before " + startField);
        }
        return new TimeRange(start, end);
    }

    static Instant time(JsonNode node, String field, String trigger) throws MalformedWebhookException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MalformedWebhookException(trigger + " needs " + field + " as an ISO 8601 date-time");
        }
        try {
            return OffsetDateTime.parse(value.asText().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException(trigger + ": " + field + " is not an ISO 8601 date-time with offset: '"
                    + abbreviate(value.asText()) + "'");
        }
    }

    private static OptionalLong id(JsonNode node) {
        if (node.canConvertToLong() && node.isIntegralNumber() && node.asLong() > 0) {
            return OptionalLong.of(node.asLong());
        }
        if (node.isTextual() && node.asText().matches("[1-9][0-9]{0,17}")) {
            return OptionalLong.of(Long.parseLong(node.asText()));
        }
        return OptionalLong.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
