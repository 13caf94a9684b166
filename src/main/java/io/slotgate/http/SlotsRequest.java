package io.slotgate.http;

import io.slotgate.availability.EventTypeName;
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
 * What a {@code GET /v2/slots} request asks for, decided from its query: served from the cache (by id, or by name once
 * the name is resolved), passed through to Cal.com uncached (query shapes slotgate does not cache), or refused with a
 * message naming the bad parameter.
 */
sealed interface SlotsRequest {
    int MAX_RANGE_DAYS = 90;
    int MAX_DURATION_MINUTES = 24 * 60;

    /** The parameters Cal.com's 2024-09-04 pipe accepts (NOTES.md §2a); any other is refused, as Cal.com does. */
    Set<String> KNOWN = Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule",
            "eventTypeId", "eventTypeSlug", "username", "teamSlug", "organizationSlug", "usernames");

    /** Parameters every variant of Cal.com's pipe takes. */
    Set<String> COMMON = Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule");
    /** The by-name variants of get-slots-input.pipe.ts, each with the parameters it allows besides the common ones. */
    Set<String> BY_USER = Set.of("username", "eventTypeSlug", "organizationSlug");
    Set<String> BY_TEAM = Set.of("teamSlug", "eventTypeSlug", "organizationSlug");

    record Cached(SlotsQuery query, RequestedZone zone, SlotFormat format) implements SlotsRequest {
    }

    /** A query by name ({@code username} or {@code teamSlug} with {@code eventTypeSlug}): cached once resolved. */
    record Named(EventTypeName name, TimeRange range, Optional<Integer> durationMinutes, RequestedZone zone,
                 SlotFormat format) implements SlotsRequest {
        Cached withId(long eventTypeId) {
            return new Cached(new SlotsQuery(eventTypeId, range, durationMinutes, zone.zone()), zone, format);
        }
    }

    record PassThrough() implements SlotsRequest {
    }

    record Invalid(String message) implements SlotsRequest {
    }

    /**
     * Chooses the variant as Cal.com's pipe does (an id; else a username and a slug; else a team slug and a slug; else
     * the usernames of a dynamic group). Passed through: dynamic groups, reschedules (the answer depends on one
     * booking), and a query mixing variants (Cal.com's own 400 names the parameter that should not exist).
     */
    static SlotsRequest parse(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                return new Invalid("property " + name + " should not exist");
            }
        }
        Set<String> variant = params.containsKey("eventTypeId") ? Set.of("eventTypeId")
                : params.containsKey("username") && params.containsKey("eventTypeSlug") ? BY_USER
                : params.containsKey("teamSlug") && params.containsKey("eventTypeSlug") ? BY_TEAM
                : null;
        boolean blankName = variant != null && !variant.contains("eventTypeId") && variant.stream()
                .filter(p -> !p.equals("organizationSlug") && params.containsKey(p))
                .anyMatch(p -> params.get(p).stream().anyMatch(String::isBlank));
        if (variant == null || blankName || params.containsKey("bookingUidToReschedule")
                || params.keySet().stream().anyMatch(p -> !COMMON.contains(p) && !variant.contains(p))) {
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
            Optional<Long> eventTypeId = Optional.empty();
            if (params.containsKey("eventTypeId")) {
                eventTypeId = positiveLong(one("eventTypeId"));
                if (eventTypeId.isEmpty()) {
                    return new Invalid("eventTypeId must be a positive integer, got '" + one("eventTypeId") + "'");
                }
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
            Optional<RequestedZone> zone = RequestedZone.parseInAnyCase(one("timeZone"));
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
            TimeRange range = new TimeRange(from.get(), to.get());
            Optional<Integer> durationMinutes = minutes.map(Long::intValue);
            if (eventTypeId.isPresent()) {
                return new Cached(new SlotsQuery(eventTypeId.get(), range, durationMinutes, zone.get().zone()),
                        zone.get(), format.get());
            }
            // an empty organizationSlug is no organization, for Cal.com's lookups as for its event-type list
            Optional<String> organization = Optional.ofNullable(one("organizationSlug")).filter(o -> !o.isEmpty());
            EventTypeName name = params.containsKey("username")
                    ? new EventTypeName.OfUser(one("username"), one("eventTypeSlug"), organization)
                    : new EventTypeName.OfTeam(one("teamSlug"), one("eventTypeSlug"), organization);
            return new Named(name, range, durationMinutes, zone.get(), format.get());
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
