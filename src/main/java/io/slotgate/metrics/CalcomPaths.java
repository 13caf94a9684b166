package io.slotgate.metrics;

import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cal.com paths as path templates, for the {@code endpoint} label of Cal.com calls: ids and uids become
 * {@code {id}} and {@code {uid}}, so {@code /v2/bookings/abc123/cancel} is {@code /v2/bookings/{uid}/cancel}. The
 * query string never reaches a label.
 */
final class CalcomPaths {
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final Pattern EVENT_TYPE_ID = Pattern.compile("(?:^|[?&])eventTypeId=([0-9]{1,18})(?:&|$)");
    private static final int MAX_SEGMENTS = 5;
    /** Fixed words below a resource in Cal.com API v2; any other segment there is an id or a uid. */
    private static final Set<String> SUB_RESOURCES = Set.of("reservations", "cancel", "reschedule", "mark-absent",
            "reassign", "confirm", "decline", "references", "recordings", "transcripts", "calendar-links", "guests",
            "location", "busy-times", "available", "event-types", "schedules", "webhooks", "memberships", "users",
            "teams", "default", "me");

    private CalcomPaths() {
    }

    /** The template of a path (with or without its query). */
    static String template(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (index == MAX_SEGMENTS) {
                out.append("/...");
                break;
            }
            out.append('/').append(switch (index++) {
                case 0 -> segment.equals("v2") || segment.equals("v1") ? segment : "{other}";
                case 1 -> WORD.matcher(segment).matches() ? segment : "{other}";
                default -> SUB_RESOURCES.contains(segment) ? segment
                        : NUMBER.matcher(segment).matches() ? "{id}" : "{uid}";
            });
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** The event type a call is about, when its path or query names one. */
    static OptionalLong eventTypeId(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (path.startsWith("/v2/event-types/")) {
            String rest = path.substring("/v2/event-types/".length());
            int slash = rest.indexOf('/');
            String id = slash < 0 ? rest : rest.substring(0, slash);
            if (NUMBER.matcher(id).matches() && id.length() < 19) {
                return OptionalLong.of(Long.parseLong(id));
            }
        }
        if (q >= 0 && path.equals("/v2/slots")) {
            var m = EVENT_TYPE_ID.matcher(pathAndQuery.substring(q + 1));
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }
}
