package io.slotgate.slots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cal.com's {@code GET /v2/slots} (2024-09-04) response body, both ways: rendering a list of slots exactly as Cal.com
 * does, and reading Cal.com's answer back into slots.
 *
 * <p>Shape: {@code {"status":"success","data":{"2050-09-05":[{"start":"…"}]}}}; dates keyed in the requested zone,
 * in ascending order, days without slots left out, {@code {}} when nothing is free.
 */
public final class SlotsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlotsJson() {
    }

    public static String render(List<Slot> slots, RequestedZone zone, SlotFormat format) {
        Map<LocalDate, List<Slot>> byDate = new TreeMap<>();
        for (Slot slot : slots) {
            byDate.computeIfAbsent(zone.dateOf(slot.start()), d -> new ArrayList<>()).add(slot);
        }
        StringBuilder json = new StringBuilder(64 + slots.size() * (format == SlotFormat.RANGE ? 80 : 42));
        json.append("{\"status\":\"success\",\"data\":{");
        boolean firstDate = true;
        for (var entry : byDate.entrySet()) {
            if (!firstDate) {
                json.append(',');
            }
            firstDate = false;
            json.append('"').append(entry.getKey()).append("\":[");
            List<Slot> daySlots = entry.getValue();
            daySlots.sort(null);
            for (int i = 0; i < daySlots.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                appendSlot(json, daySlots.get(i), zone, format);
            }
            json.append(']');
        }
        return json.append("}}").toString();
    }

    private static void appendSlot(StringBuilder json, Slot slot, RequestedZone zone, SlotFormat format) {
        json.append("{\"start\":\"").append(zone.format(slot.start())).append('"');
        if (format == SlotFormat.RANGE) {
            json.append(",\"end\":\"").append(zone.format(slot.end())).append('"');
        }
        json.append('}');
    }

    /**
     * Reads a Cal.com slots answer. In {@code time} format the end is unknown, so {@code defaultLength} supplies it.
     *
     * @throws MalformedSlotsException when the body is not Cal.com's success shape
     */
    public static List<Slot> parse(String body, Duration defaultLength) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedSlotsException("slots body is not JSON: " + e.getMessage());
        }
        if (root == null || !"success".equals(root.path("status").asText()) || !root.path("data").isObject()) {
            throw new MalformedSlotsException("slots body is not {\"status\":\"success\",\"data\":{...}}");
        }
        List<Slot> slots = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> dates = root.get("data").fields();
        while (dates.hasNext()) {
            JsonNode day = dates.next().getValue();
            if (!day.isArray()) {
                throw new MalformedSlotsException("slots of a date are not an array");
            }
            for (JsonNode item : day) {
                slots.add(parseSlot(item, defaultLength));
            }
        }
        slots.sort(null);
        return slots;
    }

    private static Slot parseSlot(JsonNode item, Duration defaultLength) {
        Instant start = instant(item.path("start"));
        JsonNode end = item.path("end");
        return end.isMissingNode() ? Slot.of(start, defaultLength) : new Slot(start, instant(end));
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            throw new MalformedSlotsException("slot time is missing or not a string");
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (RuntimeException e) {
            throw new MalformedSlotsException("slot time is not ISO 8601: " + node.asText());
        }
    }

    /** Cal.com answered 2xx with a body that is not a slots map. */
    public static final class MalformedSlotsException extends RuntimeException {
        public MalformedSlotsException(String message) {
            super(message);
        }
    }
}
