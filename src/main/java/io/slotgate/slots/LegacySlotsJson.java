package io.slotgate.slots;

import java.util.List;

/**
 * The body of Cal.com's {@code GET /v2/slots/available} (the 2024-04-15 controller, ../shared/calcom/legacy-slots.md
 * §3.4): {@code {"data":{"slots":{"2050-09-05":[{"time":"…"}]}},"status":"success"}}, {@code data} before
 * {@code status}. Dates are keyed in the requested zone (the core's {@code Intl.DateTimeFormat}), in ascending order,
 * days without slots left out. Items are {@code {time}}, or {@code {startTime, endTime}} for any {@code slotFormat};
 * times are {@code toISOString()} without a zone, Luxon's {@code setZone(tz).toISO()} with one, which is what
 * {@link RequestedZone} renders. Seated events' {@code attendees}/{@code bookingUid} are not rendered: those answers
 * are not built from slots.
 */
public final class LegacySlotsJson {
    private LegacySlotsJson() {
    }

    public static String render(List<Slot> slots, RequestedZone zone, boolean rangeItems) {
        List<Slot> ordered = SlotsJson.inOrder(slots);
        StringBuilder json = new StringBuilder(64 + ordered.size() * (rangeItems ? 86 : 42));
        json.append("{\"data\":{\"slots\":{");
        SlotsJson.appendDays(json, ordered, zone, rangeItems ? LegacySlotsJson::range : LegacySlotsJson::time);
        return json.append("}},\"status\":\"success\"}").toString();
    }

    private static void time(StringBuilder json, Slot slot, RequestedZone.Renderer starts, RequestedZone.Renderer ends) {
        json.append("{\"time\":\"");
        starts.appendTo(json, slot.start());
        json.append("\"}");
    }

    private static void range(StringBuilder json, Slot slot, RequestedZone.Renderer starts, RequestedZone.Renderer ends) {
        json.append("{\"startTime\":\"");
        starts.appendTo(json, slot.start());
        json.append("\",\"endTime\":\"");
        ends.appendTo(json, slot.end());
        json.append("\"}");
    }
}
