package io.slotgate.http;

import io.slotgate.availability.EventTypeName;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.http.QueryParams.Reading;
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
    int MAX_DURATION_MINUTES = QueryParams.MAX_DURATION_MINUTES;

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
        Optional<String> unknown = new QueryParams(params).unknown(KNOWN);
        if (unknown.isPresent()) {
            return new Invalid(QueryParams.shouldNotExist(unknown.get()).getMessage());
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
        private static final String START_EXAMPLE = "2050-09-05T09:00:00Z";
        private static final String END_EXAMPLE = "2050-09-06T18:00:00Z";
        private final Map<String, List<String>> params;

        Parser(Map<String, List<String>> params) {
            this.params = params;
        }

        SlotsRequest parse() {
            try {
                return read(new QueryParams(params));
            } catch (QueryParams.Invalid invalid) {
                return new Invalid(invalid.getMessage());
            }
        }

        private static SlotsRequest read(QueryParams p) {
            p.once();
            Optional<Long> eventTypeId = p.has("eventTypeId") ? Optional.of(p.id("eventTypeId")) : Optional.empty();
            p.require("start", START_EXAMPLE, "2050-09-05");
            p.require("end", END_EXAMPLE, "2050-09-06");
            Instant from = p.instant("start", Reading.START, true, START_EXAMPLE, null).orElseThrow();
            Instant to = p.instant("end", Reading.END, true, END_EXAMPLE, null).orElseThrow();
            if (to.isBefore(from)) {
                return new Invalid("Invalid time range given - check the 'start' and 'end' query parameters.");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
                return new Invalid("the range from start to end must not exceed " + MAX_RANGE_DAYS + " days, got "
                        + Duration.between(from, to).toDays() + " days");
            }
            p.inYears("start", from);
            RequestedZone zone = p.zone(RequestedZone::parseInAnyCase);
            Optional<SlotFormat> format = SlotFormat.parse(p.one("format"));
            if (format.isEmpty()) {
                return new Invalid("format (slotFormat) must be either 'range' or 'time', got '" + p.one("format")
                        + "'");
            }
            Optional<Integer> durationMinutes = p.duration();
            TimeRange range = new TimeRange(from, to);
            if (eventTypeId.isPresent()) {
                return new Cached(new SlotsQuery(eventTypeId.get(), range, durationMinutes, zone.zone()), zone,
                        format.get());
            }
            // an empty organizationSlug is no organization, for Cal.com's lookups as for its event-type list
            Optional<String> organization = Optional.ofNullable(p.one("organizationSlug")).filter(o -> !o.isEmpty());
            EventTypeName name = p.has("username")
                    ? new EventTypeName.OfUser(p.one("username"), p.one("eventTypeSlug"), organization)
                    : new EventTypeName.OfTeam(p.one("teamSlug"), p.one("eventTypeSlug"), organization);
            return new Named(name, range, durationMinutes, zone, format.get());
        }
    }
}
