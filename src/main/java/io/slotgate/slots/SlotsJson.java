package io.slotgate.slots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Cal.com's {@code GET /v2/slots} (2024-09-04) response body, both ways: rendering a list of slots exactly as Cal.com
 * does, and reading Cal.com's answer back into slots.
 *
 * <p>Shape: {@code {"status":"success","data":{"2050-09-05":[{"start":"…"}]}}}; dates keyed in the requested zone,
 * in ascending order, days without slots left out, {@code {}} when nothing is free.
 */
public final class SlotsJson {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private SlotsJson() {
    }

    public static String render(List<Slot> slots, RequestedZone zone, SlotFormat format) {
        List<Slot> ordered = inOrder(slots);
        StringBuilder json = new StringBuilder(64 + ordered.size() * (format == SlotFormat.RANGE ? 80 : 42));
        json.append("{\"status\":\"success\",\"data\":{");
        appendDays(json, ordered, zone, (out, slot, starts, ends) -> appendSlot(out, slot, starts, ends, format));
        return json.append("}}").toString();
    }

    /** Writes one slot item; {@code starts} and {@code ends} render in the answer's zone. */
    @FunctionalInterface
    interface ItemWriter {
        void write(StringBuilder json, Slot slot, RequestedZone.Renderer starts, RequestedZone.Renderer ends);
    }

    /**
     * Writes {@code "date":[item,...],...} for slots in start order, dates keyed in {@code zone}: the map both slots
     * routes answer with, whatever their items look like.
     */
    static void appendDays(StringBuilder json, List<Slot> ordered, RequestedZone zone, ItemWriter items) {
        LocalDate currentDate = null;
        // an end may lie past the next start (slots overlap when the interval is shorter than the length): a renderer
        // for each keeps both runs ascending, so each looks the zone's offset up about once
        RequestedZone.Renderer starts = zone.renderer();
        RequestedZone.Renderer ends = zone.renderer();
        for (Slot slot : ordered) {
            LocalDate date = starts.dateOf(slot.start());
            if (!date.equals(currentDate)) {
                if (currentDate != null) {
                    json.append("],");
                }
                json.append('"').append(date).append("\":[");
                currentDate = date;
            } else {
                json.append(',');
            }
            items.write(json, slot, starts, ends);
        }
        if (currentDate != null) {
            json.append(']');
        }
    }

    private static void appendSlot(StringBuilder json, Slot slot, RequestedZone.Renderer starts,
                                   RequestedZone.Renderer ends, SlotFormat format) {
        json.append("{\"start\":\"");
        starts.appendTo(json, slot.start());
        json.append('"');
        if (format == SlotFormat.RANGE) {
            json.append(",\"end\":\"");
            ends.appendTo(json, slot.end());
            json.append('"');
        }
        json.append('}');
    }

    /** Slots in start order make dates in any zone ascend too, so one pass groups them. */
    static List<Slot> inOrder(List<Slot> slots) {
        for (int i = 1; i < slots.size(); i++) {
            if (slots.get(i - 1).compareTo(slots.get(i)) > 0) {
                List<Slot> sorted = new ArrayList<>(slots);
                sorted.sort(null);
                return sorted;
            }
        }
        return slots;
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
        } catch (DateTimeParseException e) {
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
