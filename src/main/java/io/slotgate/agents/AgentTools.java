package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.finder.NextAvailable;
import io.slotgate.finder.Window;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.json.Jackson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent tools of one tenant, transport-free: each takes its arguments as a JSON object and answers a JSON object,
 * or throws a {@link ToolError} with a message an agent can act on. MCP ({@link McpEndpoint}) and
 * {@code POST /v1/finder/book} both call these, so the two speak the same rules.
 *
 * <p>Reads go through the {@link Finder} (the day buckets {@code /v2/slots} uses); writes through {@link WriteThrough}
 * (invalidation before the answer returns), with the tenant's own Cal.com key: an agent has no Cal.com credentials of
 * its own, the agent token stands for the tenant. A booking Cal.com refuses because the slot is taken is answered,
 * in the same call, with alternatives from the day refetched after the refusal.
 */
public final class AgentTools {
    static final ObjectMapper JSON = Jackson.MAPPER;
    private static final String BOOKINGS_VERSION = CalcomClient.BOOKINGS_VERSION;
    private static final String SLOTS_VERSION = CalcomClient.SLOTS_VERSION;

    private static final Set<String> NEXT = Set.of("eventTypeId", "after", "days", "timeZone", "duration");
    private static final Set<String> WINDOW = Set.of("eventTypeId", "start", "end", "timeZone", "duration");
    private static final Set<String> ALTERNATIVES = Set.of("eventTypeId", "wanted", "count", "radiusDays", "timeZone",
            "duration");
    private static final Set<String> HOLD = Set.of("eventTypeId", "start", "duration", "timeZone", "count",
            "radiusDays");
    private static final Set<String> RELEASE = Set.of("reservationUid");
    static final Set<String> BOOK = Set.of("eventTypeId", "start", "attendee", "duration", "timeZone", "count",
            "radiusDays", "reservationUid");
    private static final Set<String> ATTENDEE = Set.of("name", "email", "timeZone");
    private static final Set<String> CANCEL = Set.of("bookingUid", "cancellationReason");
    private static final Set<String> RESCHEDULE = Set.of("bookingUid", "start", "reschedulingReason", "timeZone",
            "count", "radiusDays", "eventTypeId", "duration");

    private final CalcomClient client;
    private final Finder finder;
    private final WriteThrough writeThrough;
    private final EventTypeCatalog catalog;
    private final Clock clock;

    public AgentTools(CalcomClient client, Finder finder, WriteThrough writeThrough, Clock clock) {
        this.client = client;
        this.finder = finder;
        this.writeThrough = writeThrough;
        this.catalog = new EventTypeCatalog(client, clock);
        this.clock = clock;
    }

    /** Runs the named tool. */
    public ObjectNode call(String tool, JsonNode arguments) {
        Function<JsonNode, ObjectNode> handler = switch (tool) {
            case "list_event_types" -> this::listEventTypes;
            case "find_next_slot" -> this::findNextSlot;
            case "list_slots" -> this::listSlots;
            case "find_alternatives" -> this::findAlternatives;
            case "hold_slot" -> this::holdSlot;
            case "release_hold" -> this::releaseHold;
            case "book_slot" -> this::bookSlot;
            case "cancel_booking" -> this::cancelBooking;
            case "reschedule_booking" -> this::rescheduleBooking;
            default -> throw ToolError.invalid("unknown tool '" + tool + "'");
        };
        return handler.apply(arguments);
    }

    ObjectNode listEventTypes(JsonNode arguments) {
        new Args(arguments, Set.of());
        ObjectNode out = JSON.createObjectNode();
        out.set("eventTypes", catalog.list());
        return out;
    }

    ObjectNode findNextSlot(JsonNode arguments) {
        Args a = new Args(arguments, NEXT);
        long eventTypeId = a.eventTypeId();
        Optional<Instant> after = a.start("after", false);
        int days = a.integer("days", Finder.DEFAULT_HORIZON_DAYS, 1, Finder.MAX_HORIZON_DAYS);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        NextAvailable next = read(eventTypeId, () -> finder.next(eventTypeId, after, days, duration, zone.zone()));
        ObjectNode out = JSON.createObjectNode();
        out.put("found", next.found());
        if (next.slot().isPresent()) {
            out.set("slot", slot(next.slot().get(), zone));
        } else {
            out.putNull("slot");
            out.put("message", "no free slot within " + days + (days == 1 ? " day" : " days")
                    + "; ask again with a later 'after' or more 'days' (up to " + Finder.MAX_HORIZON_DAYS + ")");
        }
        ObjectNode searched = out.putObject("searched");
        searched.put("from", zone.format(next.searched().start()));
        searched.put("until", zone.format(next.searched().end().plusMillis(1)));
        searched.put("days", next.horizonDays());
        return out;
    }

    ObjectNode listSlots(JsonNode arguments) {
        Args a = new Args(arguments, WINDOW);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        Instant end = a.end("end", true).orElseThrow();
        if (end.isBefore(start)) {
            throw ToolError.invalid("end must not be before start");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(Finder.MAX_WINDOW_DAYS)) > 0) {
            throw ToolError.invalid("end must be at most " + Finder.MAX_WINDOW_DAYS + " days after start");
        }
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Window window = read(eventTypeId,
                () -> finder.window(eventTypeId, new TimeRange(start, end), duration, zone.zone()));
        ObjectNode out = JSON.createObjectNode();
        out.put("start", zone.format(window.range().start()));
        out.put("end", zone.format(window.range().end()));
        out.put("count", window.slots().size());
        ArrayNode slots = out.putArray("slots");
        window.slots().forEach(s -> slots.add(slot(s, zone)));
        return out;
    }

    ObjectNode findAlternatives(JsonNode arguments) {
        Args a = new Args(arguments, ALTERNATIVES);
        long eventTypeId = a.eventTypeId();
        Instant wanted = a.start("wanted", true).orElseThrow();
        int count = a.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
        int radius = a.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Alternatives found = read(eventTypeId,
                () -> finder.alternatives(eventTypeId, wanted, count, radius, zone.zone(), duration));
        ObjectNode out = JSON.createObjectNode();
        out.put("wanted", zone.format(found.wanted()));
        out.put("wantedAvailable", found.wantedAvailable());
        out.put("radiusDays", found.radiusDays());
        ArrayNode slots = out.putArray("slots");
        for (Alternatives.Alternative alt : found.slots()) {
            slots.add(slot(alt.slot(), zone).put("dayOffset", alt.dayOffset())
                    .put("minutesAway", alt.distance().toMinutes()));
        }
        return out;
    }

    ObjectNode holdSlot(JsonNode arguments) {
        Args a = new Args(arguments, HOLD);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        Optional<Integer> duration = a.duration();
        RequestedZone zone = a.zone();
        int count = a.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
        int radius = a.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
        notPast(start);
        ObjectNode body = JSON.createObjectNode();
        body.put("eventTypeId", eventTypeId);
        body.put("slotStart", utc(start));
        duration.ifPresent(d -> body.put("slotDuration", d));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.reserve(
                request("POST", "/v2/slots/reservations", SLOTS_VERSION, body));
        ObjectNode out = JSON.createObjectNode();
        switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                JsonNode data = parse(ok.value().body()).path("data");
                Instant slotStart = instant(data.path("slotStart")).orElse(start);
                Instant slotEnd = instant(data.path("slotEnd")).orElse(slotStart);
                out.put("held", true);
                out.put("reservationUid", data.path("reservationUid").asText());
                out.set("slot", slot(new Slot(slotStart, slotEnd), zone));
                instant(data.path("reservationUntil")).ifPresent(u -> out.put("until", zone.format(u)));
            }
            case CalcomOutcome.Rejected<UpstreamResponse> r when r.response().status() == 422 -> {
                // Booked or held by someone else: the day was invalidated by the write-through; offer what is free.
                out.put("held", false);
                out.put("reason", "the slot is no longer free: " + calcomMessage(r.response()));
                out.set("alternatives", alternativesAfterConflict(eventTypeId, start, count, radius, zone, duration));
            }
            default -> throw refusal(outcome, eventTypeId, "hold the slot");
        }
        return out;
    }

    ObjectNode releaseHold(JsonNode arguments) {
        Args a = new Args(arguments, RELEASE);
        String uid = a.text("reservationUid");
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.release(uid,
                request("DELETE", "/v2/slots/reservations/" + encode(uid), SLOTS_VERSION, null));
        if (outcome instanceof CalcomOutcome.Rejected<UpstreamResponse> r && r.response().status() == 404) {
            throw new ToolError(404, "no hold with reservationUid " + uid + ": it was released already or has "
                    + "expired, and its slot is offered again");
        }
        if (!outcome.isSuccess()) {
            throw refusal(outcome, 0, "release the hold");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("released", true);
        out.put("reservationUid", uid);
        return out;
    }

    /**
     * {@code {"booked": true, "booking": {...}}}, or {@code {"booked": false, "reason", "alternatives"}} when Cal.com
     * refused because the slot was taken: that day was invalidated by the write-through, so the alternatives come from
     * a fresh copy, read in this same call.
     */
    public ObjectNode bookSlot(JsonNode arguments) {
        Args a = new Args(arguments, BOOK);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        JsonNode attendee = a.object("attendee");
        Args who = new Args(attendee, ATTENDEE);
        String name = who.text("name");
        Optional<String> email = who.optionalText("email");
        RequestedZone attendeeZone = Args.zone("attendee.timeZone", attendee.path("timeZone"));
        if (!attendee.path("timeZone").isTextual()) {
            throw ToolError.invalid("attendee.timeZone is required: the caller's IANA time zone such as Europe/Berlin");
        }
        Optional<Integer> duration = a.duration();
        RequestedZone zone = arguments.has("timeZone") ? a.zone() : attendeeZone;
        int count = a.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
        int radius = a.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
        Optional<String> reservationUid = a.optionalText("reservationUid");
        notPast(start);
        ObjectNode body = JSON.createObjectNode();
        body.put("start", utc(start));
        body.put("eventTypeId", eventTypeId);
        ObjectNode who2 = body.putObject("attendee");
        who2.put("name", name);
        email.ifPresent(e -> who2.put("email", e));
        who2.put("timeZone", attendeeZone.name());
        duration.ifPresent(d -> body.put("lengthInMinutes", d));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.create(
                request("POST", "/v2/bookings", BOOKINGS_VERSION, body));
        ObjectNode out = JSON.createObjectNode();
        switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                out.put("booked", true);
                out.set("booking", parse(ok.value().body()).path("data"));
                // The hold kept the slot for this caller; the booking keeps it now, so the hold is let go, off the
                // caller's path (a Cal.com round trip the caller need not wait for; it lapses by itself anyway).
                reservationUid.ifPresent(uid -> Thread.ofVirtual().start(() -> writeThrough.release(uid,
                        request("DELETE", "/v2/slots/reservations/" + encode(uid), SLOTS_VERSION, null))));
            }
            case CalcomOutcome.SlotTaken<UpstreamResponse> taken -> {
                out.put("booked", false);
                out.put("reason", "the slot was taken: " + calcomMessage(taken.response()));
                out.set("alternatives", alternativesAfterConflict(eventTypeId, start, count, radius, zone, duration));
            }
            default -> throw refusal(outcome, eventTypeId, "book");
        }
        return out;
    }

    ObjectNode cancelBooking(JsonNode arguments) {
        Args a = new Args(arguments, CANCEL);
        String uid = a.text("bookingUid");
        ObjectNode body = JSON.createObjectNode();
        a.optionalText("cancellationReason").ifPresent(r -> body.put("cancellationReason", r));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.cancel(
                request("POST", "/v2/bookings/" + encode(uid) + "/cancel", BOOKINGS_VERSION, body));
        if (!(outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            throw bookingRefusal(outcome, uid, "cancel");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("cancelled", true);
        out.set("booking", parse(ok.value().body()).path("data"));
        return out;
    }

    ObjectNode rescheduleBooking(JsonNode arguments) {
        Args a = new Args(arguments, RESCHEDULE);
        String uid = a.text("bookingUid");
        Instant start = a.start("start", true).orElseThrow();
        RequestedZone zone = a.zone();
        int count = a.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
        int radius = a.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
        Optional<Integer> duration = a.duration();
        Optional<Long> eventTypeId = arguments.has("eventTypeId") ? Optional.of(a.eventTypeId()) : Optional.empty();
        notPast(start);
        ObjectNode body = JSON.createObjectNode();
        body.put("start", utc(start));
        a.optionalText("reschedulingReason").ifPresent(r -> body.put("reschedulingReason", r));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.reschedule(uid,
                request("POST", "/v2/bookings/" + encode(uid) + "/reschedule", BOOKINGS_VERSION, body));
        ObjectNode out = JSON.createObjectNode();
        switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                out.put("rescheduled", true);
                out.set("booking", parse(ok.value().body()).path("data"));
            }
            case CalcomOutcome.SlotTaken<UpstreamResponse> taken -> {
                out.put("rescheduled", false);
                out.put("reason", "the new time is not free: " + calcomMessage(taken.response()));
                long type = eventTypeId.orElseGet(() -> bookedEventType(uid));
                out.set("alternatives", type > 0
                        ? alternativesAfterConflict(type, start, count, radius, zone, duration)
                        : JSON.createArrayNode());
            }
            default -> throw bookingRefusal(outcome, uid, "reschedule");
        }
        return out;
    }

    // ---------------------------------------------------------------- internals

    /**
     * The nearest free slots after Cal.com refused {@code wanted}: the write-through invalidated that day, so the
     * finder refetches it; the refused start itself is left out even if a copy still offers it (Cal.com just said no).
     */
    private ArrayNode alternativesAfterConflict(long eventTypeId, Instant wanted, int count, int radius,
                                                RequestedZone zone, Optional<Integer> duration) {
        Alternatives found = read(eventTypeId,
                () -> finder.alternatives(eventTypeId, wanted, count + 1, radius, zone.zone(), duration));
        ArrayNode slots = JSON.createArrayNode();
        found.slots().stream().filter(alt -> !alt.slot().start().equals(wanted)).limit(count)
                .forEach(alt -> slots.add(slot(alt.slot(), zone)));
        return slots;
    }

    /** The event type of a booking, read with the tenant's key (0 when it cannot be read). */
    private long bookedEventType(String uid) {
        CalcomOutcome<UpstreamResponse> got = client.call(
                request("GET", "/v2/bookings/" + encode(uid), BOOKINGS_VERSION, null));
        if (got instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
            JsonNode data = parse(ok.value().body()).path("data");
            return data.path("eventTypeId").asLong(data.path("eventType").path("id").asLong(0));
        }
        return 0;
    }

    private <T> T read(long eventTypeId, java.util.function.Supplier<T> question) {
        try {
            return question.get();
        } catch (FillFailedException failure) {
            throw refusal(failure.outcome(), eventTypeId, "read its slots");
        } catch (IllegalArgumentException bad) {
            throw ToolError.invalid(bad.getMessage());
        }
    }

    private void notPast(Instant start) {
        if (start.isBefore(clock.instant())) {
            throw ToolError.invalid("the slot is in the past (" + utc(start) + "); call find_next_slot for the next "
                    + "free one");
        }
    }

    /** A Cal.com refusal or failure, said so an agent knows whether to change its input or retry. */
    private static ToolError refusal(CalcomOutcome<?> outcome, long eventTypeId, String action) {
        return switch (outcome) {
            case CalcomOutcome.Rejected<?> r when r.response().status() == 404 && eventTypeId > 0 ->
                    new ToolError(404, "eventTypeId " + eventTypeId + " is unknown (Cal.com: "
                            + calcomMessage(r.response()) + "); call list_event_types for the ids");
            case CalcomOutcome.Rejected<?> r -> new ToolError(r.response().status() >= 400
                    && r.response().status() < 500 ? r.response().status() : 400,
                    "Cal.com refused to " + action + ": " + calcomMessage(r.response()));
            case CalcomOutcome.SlotTaken<?> t -> new ToolError(409, "the slot is not free: "
                    + calcomMessage(t.response()) + "; call find_alternatives");
            case CalcomOutcome.RateLimited<?> limited -> new ToolError(503, "Cal.com's rate limit is reached; retry in "
                    + Math.max(1, limited.retryAfter().toSeconds()) + " s");
            case CalcomOutcome.Unauthorised<?> u -> new ToolError(502, "Cal.com refused this tenant's credentials ("
                    + u.response().status() + "); the operator must check slotgate's Cal.com API key");
            case CalcomOutcome.UpstreamError<?> e -> new ToolError(503, "Cal.com gave no usable answer (" + e.reason()
                    + "); retry in a few seconds");
            case CalcomOutcome.Success<?> s -> new ToolError(500, "unexpected success");
        };
    }

    private static ToolError bookingRefusal(CalcomOutcome<?> outcome, String uid, String action) {
        if (outcome instanceof CalcomOutcome.Rejected<?> r && r.response().status() == 404) {
            return new ToolError(404, "bookingUid " + uid + " is unknown (Cal.com: " + calcomMessage(r.response())
                    + ")");
        }
        return refusal(outcome, 0, action + " the booking");
    }

    /** Cal.com's own words: {@code error.message} of its envelope, or Nest's bare {@code message}. */
    static String calcomMessage(UpstreamResponse response) {
        JsonNode body = parse(response.body());
        JsonNode message = body.path("error").path("message");
        if (!message.isTextual()) {
            message = body.path("message");
        }
        return message.isTextual() ? message.asText() : "HTTP " + response.status();
    }

    /** One of slotgate's own calls: the tenant's API key is added by the client's bearer interceptor. */
    private static UpstreamRequest request(String method, String path, String version, JsonNode body) {
        Map<String, String> headers = body == null ? Map.of("cal-api-version", version)
                : Map.of("cal-api-version", version, "content-type", "application/json");
        return new UpstreamRequest(method, path, headers, body == null ? "" : body.toString(), Priority.USER, false);
    }

    static ObjectNode slot(Slot slot, RequestedZone zone) {
        ObjectNode node = JSON.createObjectNode();
        node.put("start", zone.format(slot.start()));
        node.put("end", zone.format(slot.end()));
        return node;
    }

    private static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static Optional<Instant> instant(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(java.time.OffsetDateTime.parse(node.asText()).toInstant())
                    : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static List<String> toolNames() {
        return List.of("list_event_types", "find_next_slot", "list_slots", "find_alternatives", "hold_slot",
                "release_hold", "book_slot", "cancel_booking", "reschedule_booking");
    }
}
