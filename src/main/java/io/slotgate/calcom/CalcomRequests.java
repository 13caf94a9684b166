package io.slotgate.calcom;

import io.slotgate.slots.TimeRange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** The requests slotgate makes of Cal.com: each path and query as Cal.com reads it, with its resource's version. */
final class CalcomRequests {
    private CalcomRequests() {
    }

    /** {@code GET /v2/slots} in range format, in {@code zone} when it is not UTC. */
    static UpstreamRequest slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                 Optional<ZoneId> zone) {
        StringBuilder path = new StringBuilder("/v2/slots?eventTypeId=").append(eventTypeId)
                .append("&start=").append(iso(range.start()))
                .append("&end=").append(iso(windowEnd(range.end())))
                .append("&format=range");
        durationMinutes.ifPresent(d -> path.append("&duration=").append(d));
        zone.filter(z -> !z.normalized().equals(ZoneOffset.UTC))
                .ifPresent(z -> path.append("&timeZone=").append(encode(z.getId())));
        return get(path.toString(), CalcomClient.SLOTS_VERSION);
    }

    static UpstreamRequest get(String pathAndQuery, String version) {
        return new UpstreamRequest("GET", pathAndQuery, Map.of("cal-api-version", version), "");
    }

    /** A booking call (2024-08-13) with its JSON body. */
    static UpstreamRequest post(String path, String body) {
        return new UpstreamRequest("POST", path,
                Map.of("cal-api-version", CalcomClient.BOOKINGS_VERSION, "content-type", "application/json"), body);
    }

    /**
     * The end to send for a window ending at {@code end}: Cal.com reads an end at exactly 00:00:00 as 23:59:59 of that
     * day (NOTES §2, {@code adjustEndTime}), so a window ending at a midnight (the legacy route's date-only
     * {@code endTime}) is sent as the second before it, which admits the same slots (they must end by it).
     */
    static Instant windowEnd(Instant end) {
        Instant whole = end.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(whole.truncatedTo(ChronoUnit.DAYS)) ? whole.minusSeconds(1) : end;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
