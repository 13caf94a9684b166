package io.slotgate.calcom;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.slotgate.calcom.CalcomRequests.encode;
import static io.slotgate.calcom.CalcomRequests.get;
import static io.slotgate.calcom.CalcomRequests.post;
import static io.slotgate.calcom.ReplyBodies.data;

/**
 * Typed calls to Cal.com API v2 over a chain of interceptors ending in a transport ({@link ClientChain}): the
 * requests as {@link CalcomRequests} writes them, each answer classified by {@link CalcomReplies} and its body read by
 * {@link ReplyBodies}.
 *
 * <p>Versions per resource follow Cal.com: slots 2024-09-04, bookings 2024-08-13, event types 2024-06-14.
 */
public final class CalcomClient {
    public static final String SLOTS_VERSION = "2024-09-04";
    public static final String BOOKINGS_VERSION = "2024-08-13";
    public static final String EVENT_TYPES_VERSION = "2024-06-14";

    private final CalcomInterceptor.Chain chain;
    private final List<CalcomInterceptor> interceptors;

    public CalcomClient(Optional<String> apiKey, List<CalcomInterceptor> interceptors, CalcomTransport transport) {
        this.interceptors = List.copyOf(interceptors);
        this.chain = ClientChain.of(apiKey, interceptors, transport);
    }

    /** The interceptor of this type in the chain, if any: for metrics (a rate budget's snapshot, a circuit's state). */
    public <T extends CalcomInterceptor> Optional<T> interceptor(Class<T> type) {
        return interceptors.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Slots of an event type over whole UTC days, in range format (so each slot's end is known) and without a
     * time zone (so Cal.com groups by UTC date, the unit of the cache).
     */
    public CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes) {
        return slots(eventTypeId, range, durationMinutes, Priority.USER);
    }

    public CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                           Priority priority) {
        return slots(eventTypeId, range, durationMinutes, priority, Optional.empty());
    }

    /** With the longest a USER call may wait for the rate budget. */
    public CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                           Priority priority, Duration patience) {
        return slots(eventTypeId, range, durationMinutes, priority, Optional.of(patience));
    }

    /**
     * Asked in {@code zone}, which decides how Cal.com lines the slot starts up (an alignment class other than UTC's);
     * the days are still whole UTC days.
     */
    public CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                           Priority priority, Duration patience, java.time.ZoneId zone) {
        return slots(eventTypeId, range, durationMinutes, Optional.of(zone), priority, Optional.of(patience));
    }

    /**
     * Slots of an event type over a window as a reader asked it, in the reader's {@code timeZone} (which decides how
     * Cal.com lines slot starts up), in range format; never waits for the rate budget.
     */
    public CalcomOutcome<List<Slot>> slotsAsAsked(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                                  java.time.ZoneId zone, Priority priority) {
        return slots(eventTypeId, range, durationMinutes, Optional.of(zone), priority, Optional.of(Duration.ZERO));
    }

    private CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                            Priority priority, Optional<Duration> patience) {
        return slots(eventTypeId, range, durationMinutes, Optional.empty(), priority, patience);
    }

    private CalcomOutcome<List<Slot>> slots(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes,
                                            Optional<java.time.ZoneId> zone, Priority priority,
                                            Optional<Duration> patience) {
        UpstreamRequest request = CalcomRequests.slots(eventTypeId, range, durationMinutes, zone).withPriority(priority);
        return ReplyBodies.slots(call(patience.map(request::withPatience).orElse(request)));
    }

    public CalcomOutcome<EventTypeInfo> eventType(long eventTypeId) {
        return ReplyBodies.eventType(call(get("/v2/event-types/" + eventTypeId, EVENT_TYPES_VERSION)));
    }

    /**
     * The event types {@code GET /v2/event-types?username=…&eventSlug=…[&orgSlug=…]} lists (2024-06-14): that user's
     * own event type of that slug, or none (an unknown user or organization is an empty list, not a 404), each
     * described as {@code GET /v2/event-types/{id}} describes it.
     */
    public CalcomOutcome<List<EventTypeInfo>> userEventTypes(String username, String eventSlug, Optional<String> orgSlug) {
        StringBuilder path = new StringBuilder("/v2/event-types?username=").append(encode(username))
                .append("&eventSlug=").append(encode(eventSlug));
        orgSlug.ifPresent(org -> path.append("&orgSlug=").append(encode(org)));
        return data(call(get(path.toString(), EVENT_TYPES_VERSION)), EventTypeJson::parseOutput);
    }

    /** The event types {@code GET /v2/teams/{teamId}/event-types?eventSlug=…} lists: the team's of that slug, or none. */
    public CalcomOutcome<List<EventTypeInfo>> teamEventTypes(long teamId, String eventSlug) {
        return data(call(get("/v2/teams/" + teamId + "/event-types?eventSlug=" + encode(eventSlug),
                EVENT_TYPES_VERSION)), EventTypeJson::parseOutput);
    }

    /** {@code GET /v2/teams}: the teams (and organization) the API key's owner is a member of. */
    public CalcomOutcome<List<TeamInfo>> teams() {
        return data(call(get("/v2/teams", EVENT_TYPES_VERSION)), ReplyBodies::team);
    }

    /**
     * The catalog's list calls (2024-06-14), each item an event type as {@code GET /v2/event-types/{id}} describes it
     * (the list routes use the same output pipes: NOTES.md §4) with its hosts' usernames.
     * {@code GET /v2/event-types} with slotgate's key: the key owner's own event types.
     */
    public CalcomOutcome<List<EventTypeListing>> ownEventTypes(Priority priority) {
        return data(call(get("/v2/event-types", EVENT_TYPES_VERSION).withPriority(priority)), EventTypeJson::listing);
    }

    /** {@code GET /v2/event-types?username=…}: that user's event types that are not hidden (public). */
    public CalcomOutcome<List<EventTypeListing>> publicEventTypes(String username, Priority priority) {
        return data(call(get("/v2/event-types?username=" + encode(username), EVENT_TYPES_VERSION)
                .withPriority(priority)), EventTypeJson::listing);
    }

    /** {@code GET /v2/teams/{teamId}/event-types}: every event type of the team, all hosts shown. */
    public CalcomOutcome<List<EventTypeListing>> teamEventTypes(long teamId, Priority priority) {
        return data(call(get("/v2/teams/" + teamId + "/event-types", EVENT_TYPES_VERSION).withPriority(priority)),
                EventTypeJson::listing);
    }

    /**
     * {@code GET /v2/organizations/{orgId}/teams/event-types?skip=…&take=…}: every team event type of the organization,
     * a page at a time (at most 250); only for a key of the organization's admin.
     */
    public CalcomOutcome<List<EventTypeListing>> organizationTeamEventTypes(long orgId, int skip, int take,
                                                                         Priority priority) {
        return data(call(get("/v2/organizations/" + orgId + "/teams/event-types?skip=" + skip + "&take=" + take,
                EVENT_TYPES_VERSION).withPriority(priority)), EventTypeJson::listing);
    }

    /** {@link #teams()} at {@code priority}. */
    public CalcomOutcome<List<TeamInfo>> teams(Priority priority) {
        return data(call(get("/v2/teams", EVENT_TYPES_VERSION).withPriority(priority)), ReplyBodies::team);
    }

    public CalcomOutcome<UpstreamResponse> createBooking(String jsonBody) {
        return call(post("/v2/bookings", jsonBody));
    }

    public CalcomOutcome<UpstreamResponse> cancelBooking(String bookingUid, String jsonBody) {
        return call(post("/v2/bookings/" + encode(bookingUid) + "/cancel", jsonBody));
    }

    public CalcomOutcome<UpstreamResponse> rescheduleBooking(String bookingUid, String jsonBody) {
        return call(post("/v2/bookings/" + encode(bookingUid) + "/reschedule", jsonBody));
    }

    /** Any request, as given: for what slotgate does not cache. Classified like every other call. */
    public CalcomOutcome<UpstreamResponse> call(UpstreamRequest request) {
        UpstreamResponse response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            return CalcomReplies.unanswered(e);
        }
        return CalcomReplies.classify(response);
    }
}
