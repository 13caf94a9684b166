package io.slotgate.http;

import io.slotgate.availability.SlotsQuery;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code GET /v2/slots} request asks for, decided from its query: served from the cache, passed through to
 * Cal.com uncached (query shapes slotgate does not cache), or refused with a message naming the bad parameter.
 */
sealed interface SlotsRequest {
    int MAX_RANGE_DAYS = 90;
    int MAX_DURATION_MINUTES = 24 * 60;

    /** The parameters Cal.com's 2024-09-04 pipe accepts (NOTES.md §2a); any other is refused, as Cal.com does. */
    Set<String> KNOWN = Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule",
            "eventTypeId", "eventTypeSlug", "username", "teamSlug", "organizationSlug", "usernames");

    /** Variants other than "by id", and reschedule queries whose answer depends on one booking. */
    Set<String> UNCACHED = Set.of("eventTypeSlug", "username", "teamSlug", "organizationSlug", "usernames",
            "bookingUidToReschedule");

    record Cached(SlotsQuery query, RequestedZone zone, SlotFormat format) implements SlotsRequest {
    }

    record PassThrough() implements SlotsRequest {
    }

    record Invalid(String message) implements SlotsRequest {
    }

    static SlotsRequest parse(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                return new Invalid("property " + name + " should not exist");
            }
        }
        if (!params.containsKey("eventTypeId") || params.keySet().stream().anyMatch(UNCACHED::contains)) {
            return new PassThrough();
        }
        return new Parser(params).parse();
    }

    /** Reads one parameter at a time and stops at the first bad one. */
    final class Parser {
        private final Map<String, List<String>> params;

        Parser(Map<String, List<String>> params) {
            this.params = params;
        }

        SlotsRequest parse() {
            for (var entry : params.entrySet()) {
                if (entry.getValue().size() > 1) {
                    return new Invalid(entry.getKey() + " must be given once, got " + entry.getValue().size() + " values");
                }
            }
            Optional<Long> eventTypeId = positiveLong(one("eventTypeId"));
            if (eventTypeId.isEmpty()) {
                return new Invalid("eventTypeId must be a positive integer, got '" + one("eventTypeId") + "'");
            }
            String start = one("start");
            String end = one("end");
            if (start == null) {
                return new Invalid("start is required: an ISO 8601 date or date-time such as 2050-09-05 or 2050-09-05T09:00:00Z");
            }
            if (end == null) {
                return new Invalid("end is required: an ISO 8601 date or date-time such as 2050-09-06 or 2050-09-06T18:00:00Z");
            }
            Optional<Instant> from = CalcomTimeParams.parseStart(start);
            if (from.isEmpty()) {
                return new Invalid("start must be an ISO 8601 date or date-time such as 2050-09-05T09:00:00Z, got '" + start + "'");
            }
            Optional<Instant> to = CalcomTimeParams.parseEnd(end);
            if (to.isEmpty()) {
                return new Invalid("end must be an ISO 8601 date or date-time such as 2050-09-06T18:00:00Z, got '" + end + "'");
            }
            if (to.get().isBefore(from.get())) {
                return new Invalid("Invalid time range given - check the 'start' and 'end' query parameters.");
            }
            if (Duration.between(from.get(), to.get()).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
                return new Invalid("the range from start to end must not exceed " + MAX_RANGE_DAYS + " days, got "
                        + Duration.between(from.get(), to.get()).toDays() + " days");
            }
            if (from.get().atOffset(java.time.ZoneOffset.UTC).getYear() > 9998
                    || from.get().atOffset(java.time.ZoneOffset.UTC).getYear() < 1) {
                return new Invalid("start must be a date between the years 1 and 9998, got '" + start + "'");
            }
            Optional<RequestedZone> zone = RequestedZone.parse(one("timeZone"));
            if (zone.isEmpty()) {
                return new Invalid("timeZone must be an IANA time zone such as Europe/Berlin, got '" + one("timeZone") + "'");
            }
            Optional<SlotFormat> format = SlotFormat.parse(one("format"));
            if (format.isEmpty()) {
                return new Invalid("format (slotFormat) must be either 'range' or 'time', got '" + one("format") + "'");
            }
            String duration = one("duration");
            Optional<Long> minutes = duration == null ? Optional.empty() : positiveLong(duration);
            if (duration != null && (minutes.isEmpty() || minutes.get() > MAX_DURATION_MINUTES)) {
                return new Invalid("duration must be a whole number of minutes from 1 to " + MAX_DURATION_MINUTES
                        + ", got '" + duration + "'");
            }
            var query = new SlotsQuery(eventTypeId.get(), new TimeRange(from.get(), to.get()), minutes.map(Long::intValue),
                    zone.get().zone());
            return new Cached(query, zone.get(), format.get());
        }

        private String one(String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        private static Optional<Long> positiveLong(String value) {
            if (value == null || value.isEmpty() || value.length() > 15 || !value.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            long parsed = Long.parseLong(value);
            return parsed > 0 ? Optional.of(parsed) : Optional.empty();
        }
    }
}
