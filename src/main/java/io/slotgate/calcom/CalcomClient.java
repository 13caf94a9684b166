package io.slotgate.calcom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotsJson;
import io.slotgate.slots.TimeRange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed calls to Cal.com API v2 over a chain of interceptors ending in a transport.
 *
 * <p>Versions per resource follow Cal.com: slots 2024-09-04, bookings 2024-08-13, event types 2024-06-14.
 */
public final class CalcomClient {
    public static final String SLOTS_VERSION = "2024-09-04";
    public static final String BOOKINGS_VERSION = "2024-08-13";
    public static final String EVENT_TYPES_VERSION = "2024-06-14";
    private static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private final CalcomInterceptor.Chain chain;
    private final List<CalcomInterceptor> interceptors;

    public CalcomClient(Optional<String> apiKey, List<CalcomInterceptor> interceptors, CalcomTransport transport) {
        this.interceptors = List.copyOf(interceptors);
        List<CalcomInterceptor> all = new ArrayList<>();
        apiKey.ifPresent(key -> all.add(bearer(key)));
        all.addAll(interceptors);
        this.chain = link(all, 0, transport);
    }

    /** The interceptor of this type in the chain, if any: for metrics (a rate budget's snapshot, a circuit's state). */
    public <T extends CalcomInterceptor> Optional<T> interceptor(Class<T> type) {
        return interceptors.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static CalcomInterceptor bearer(String key) {
        return (request, next) -> next.proceed(request.onBehalfOfClient() || request.headers().containsKey("authorization")
                ? request
                : request.withHeader("authorization", "Bearer " + key));
    }

    private static CalcomInterceptor.Chain link(List<CalcomInterceptor> interceptors, int index, CalcomTransport transport) {
        if (index == interceptors.size()) {
            return transport::send;
        }
        CalcomInterceptor.Chain rest = link(interceptors, index + 1, transport);
        CalcomInterceptor current = interceptors.get(index);
        return request -> current.intercept(request, rest);
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
        StringBuilder path = new StringBuilder("/v2/slots?eventTypeId=").append(eventTypeId)
                .append("&start=").append(iso(range.start()))
                .append("&end=").append(iso(windowEnd(range.end())))
                .append("&format=range");
        durationMinutes.ifPresent(d -> path.append("&duration=").append(d));
        zone.filter(z -> !z.normalized().equals(java.time.ZoneOffset.UTC))
                .ifPresent(z -> path.append("&timeZone=").append(encode(z.getId())));
        UpstreamRequest request = get(path.toString(), SLOTS_VERSION).withPriority(priority);
        CalcomOutcome<UpstreamResponse> raw = call(patience.map(request::withPatience).orElse(request));
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            return new CalcomOutcome.Success<>(SlotsJson.parse(ok.value().body(), Duration.ZERO), ok.value());
        } catch (SlotsJson.MalformedSlotsException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), e.getMessage());
        }
    }

    public CalcomOutcome<EventTypeInfo> eventType(long eventTypeId) {
        CalcomOutcome<UpstreamResponse> raw = call(get("/v2/event-types/" + eventTypeId, EVENT_TYPES_VERSION));
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            return new CalcomOutcome.Success<>(EventTypeJson.parse(MAPPER.readTree(ok.value().body())), ok.value());
        } catch (IOException | RuntimeException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), "unreadable event type: " + e.getMessage());
        }
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
        CalcomOutcome<UpstreamResponse> raw = call(get("/v2/teams", EVENT_TYPES_VERSION));
        return data(raw, item -> new TeamInfo(item.get("id").asLong(),
                item.path("parentId").canConvertToLong() ? java.util.OptionalLong.of(item.get("parentId").asLong())
                        : java.util.OptionalLong.empty(),
                item.path("slug").asText(""), item.path("isOrganization").asBoolean(false)));
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
        CalcomOutcome<UpstreamResponse> raw = call(get("/v2/teams", EVENT_TYPES_VERSION).withPriority(priority));
        return data(raw, CalcomClient::team);
    }

    private static TeamInfo team(JsonNode item) {
        return new TeamInfo(item.get("id").asLong(),
                item.path("parentId").canConvertToLong() ? java.util.OptionalLong.of(item.get("parentId").asLong())
                        : java.util.OptionalLong.empty(),
                item.path("slug").asText(""), item.path("isOrganization").asBoolean(false));
    }

    /** Each item of a {@code {"status":"success","data":[…]}} answer, read by {@code item}. */
    private static <T> CalcomOutcome<List<T>> data(CalcomOutcome<UpstreamResponse> raw,
                                                   java.util.function.Function<JsonNode, T> item) {
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            JsonNode data = MAPPER.readTree(ok.value().body()).path("data");
            if (!data.isArray()) {
                return new CalcomOutcome.UpstreamError<>(ok.value().status(), "the answer's data is not a list");
            }
            List<T> out = new ArrayList<>();
            for (JsonNode node : data) {
                if (!node.path("id").canConvertToLong()) {
                    return new CalcomOutcome.UpstreamError<>(ok.value().status(), "a listed item has no id");
                }
                out.add(item.apply(node));
            }
            return new CalcomOutcome.Success<>(out, ok.value());
        } catch (IOException | RuntimeException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), "unreadable list: " + e.getMessage());
        }
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
            return new CalcomOutcome.UpstreamError<>(0, describe(e));
        }
        return classify(response);
    }

    static CalcomOutcome<UpstreamResponse> classify(UpstreamResponse response) {
        int status = response.status();
        if (response.isSuccess()) {
            return new CalcomOutcome.Success<>(response, response);
        }
        if (status == 429) {
            return new CalcomOutcome.RateLimited<>(retryAfter(response), response);
        }
        if (status == 401 || status == 403) {
            return new CalcomOutcome.Unauthorised<>(response);
        }
        if (isSlotTaken(response)) {
            return new CalcomOutcome.SlotTaken<>(response);
        }
        if (status >= 400 && status < 500) {
            return new CalcomOutcome.Rejected<>(response);
        }
        if (CircuitBreakerInterceptor.isOpenReply(response)) {
            return new CalcomOutcome.UpstreamError<>(status,
                    "Cal.com failed repeatedly, so slotgate is not calling it for a while (circuit open)");
        }
        return new CalcomOutcome.UpstreamError<>(status, "Cal.com answered " + status);
    }

    /** NOTES.md §3d: a 400 saying the host is busy, and any 409, mean the slot was taken. */
    static boolean isSlotTaken(UpstreamResponse response) {
        if (response.status() == 409) {
            return true;
        }
        return response.status() == 400
                && (response.body().contains("already has booking at this time or is not available")
                || response.body().contains("no_available_users_found_error"));
    }

    /**
     * Cal.com's guard sets no Retry-After (NOTES.md §6) but X-RateLimit-Reset-Default in seconds; a proxy in front
     * may add Retry-After. Without either, a 429 means the default 60 s block.
     */
    static Duration retryAfter(UpstreamResponse response) {
        return seconds(response.header("retry-after"))
                .or(() -> seconds(response.header("x-ratelimit-reset-default")))
                .filter(d -> !d.isZero())
                .orElse(DEFAULT_BLOCK);
    }

    private static Optional<Duration> seconds(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static UpstreamRequest get(String pathAndQuery, String version) {
        return new UpstreamRequest("GET", pathAndQuery, Map.of("cal-api-version", version), "");
    }

    private static UpstreamRequest post(String path, String body) {
        return new UpstreamRequest("POST", path,
                Map.of("cal-api-version", BOOKINGS_VERSION, "content-type", "application/json"), body);
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
