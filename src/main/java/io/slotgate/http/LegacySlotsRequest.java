package io.slotgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.slots.LegacySlotsInput;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code GET /v2/slots/available} request (Cal.com's 2024-04-15 controller) asks for: served from the same day
 * buckets as {@code GET /v2/slots}, passed through to Cal.com (what buckets cannot answer), or refused as Cal.com
 * refuses it. The query is read by {@link LegacySlotsInput}, the emulator's own reading of Cal.com's DTO, so a
 * malformed query gets Cal.com's 400 body without a call.
 */
sealed interface LegacySlotsRequest {
    /**
     * Parameters whose answer a bucket does not hold: a booking being rescheduled frees its own time, the routing
     * ones choose hosts, the dry-run and calendar flags change what the core reads.
     */
    Set<String> UNCACHED = Set.of("rescheduleUid", "routedTeamMemberIds", "skipContactOwner", "teamMemberEmail",
            "routingFormResponseId", "email", "_isDryRun", "_bypassCalendarBusyTimes", "_silentCalendarFailures");

    record Cached(SlotsQuery query, RequestedZone zone, boolean rangeItems) implements LegacySlotsRequest {
    }

    record PassThrough() implements LegacySlotsRequest {
    }

    /** class-validator's refusal: Cal.com's 400 with these {@code details.errors}. */
    record Invalid(ArrayNode errors) implements LegacySlotsRequest {
    }

    /**
     * Input Cal.com accepts and then fails on with a bare 500 (a zone dayjs cannot read, a date it cannot parse, a
     * transform thrown by an array): a 400 in Cal.com's envelope naming the parameter, since it is the client's input.
     */
    record Unreadable(String message) implements LegacySlotsRequest {
    }

    /**
     * @param bookerUid the client's {@code uid} cookie: Cal.com does not hide that client's own reservations from it,
     *                  which a bucket (filled with no cookie) cannot know, so such a request passes through
     */
    static LegacySlotsRequest parse(Map<String, List<String>> params, Optional<String> bookerUid) {
        LegacySlotsInput input;
        switch (LegacySlotsInput.parse(params)) {
            case LegacySlotsInput.Invalid invalid -> {
                return new Invalid(invalid.errors());
            }
            case LegacySlotsInput.Unreadable unreadable -> {
                return new Unreadable(unreadable.property() + " must be given once, as a single string");
            }
            case LegacySlotsInput.Valid valid -> input = valid.input();
        }
        List<String> usernames = input.usernames();
        if (usernames != null && usernames.size() > 1 && input.string("eventTypeSlug") == null) {
            return new Unreadable("eventTypeSlug is required with more than one username in usernameList "
                    + "(a dynamic group event)");
        }
        Optional<RequestedZone> zone = input.zone();
        if (zone.isEmpty()) {
            return new Unreadable(QueryParams.badZone(input.string("timeZone"), "Europe/Rome"));
        }
        Optional<Instant> start = input.startTime();
        Optional<Instant> end = input.endTime();
        if (start.isEmpty() || end.isEmpty()) {
            // Cal.com's own message for a range it cannot read (slots.controller.ts)
            return new Unreadable("Invalid time range given - check the 'startTime' and 'endTime' query parameters.");
        }
        Long eventTypeId = input.number("eventTypeId");
        boolean dynamicGroup = usernames != null && usernames.size() > 1;
        if (dynamicGroup || eventTypeId == null || eventTypeId <= 0 || bookerUid.filter(u -> !u.isEmpty()).isPresent()
                || input.names().stream().anyMatch(UNCACHED::contains)) {
            // by slug (the 2024-04-15 core finds those by its own rules), dynamic groups, the rest above
            return new PassThrough();
        }
        if (!end.get().isAfter(start.get()) || !QueryParams.inYears(start.get()) || !QueryParams.inYears(end.get())
                || Duration.between(start.get(), end.get()).compareTo(Duration.ofDays(SlotsRequest.MAX_RANGE_DAYS)) > 0) {
            // an empty or reversed window is Cal.com's {} except for date overrides, which it does not clip; a window
            // longer than slotgate fills is Cal.com's to answer
            return new PassThrough();
        }
        Long duration = input.number("duration");
        if (duration != null && duration > SlotsRequest.MAX_DURATION_MINUTES) {
            return new PassThrough();
        }
        // asked in its zone: Cal.com lines the slot starts up with the hour there, on this route too
        SlotsQuery query = new SlotsQuery(eventTypeId, new TimeRange(start.get(), end.get()),
                Optional.ofNullable(duration).map(Long::intValue), zone.get().zone());
        return new Cached(query, zone.get(), input.rangeItems());
    }
}
