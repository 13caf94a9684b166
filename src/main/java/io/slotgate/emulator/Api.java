package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The routes of Cal.com API v2 that slotgate uses, over the {@link Model}. Every method runs under the emulator's
 * lock; failures are thrown as {@link ApiException} and rendered by the caller in Cal.com's envelope.
 */
final class Api {
    /** A handled request: status, JSON body, and the booking events to fire once the lock is released. */
    record Outcome(int status, String body, List<BookingEvent> events, Map<String, String> headers) {
        Outcome(int status, String body, List<BookingEvent> events) {
            this(status, body, events, Map.of());
        }

        static Outcome of(int status, String body) {
            return new Outcome(status, body, List.of());
        }
    }

    private static final Set<String> SLOTS_COMMON =
            Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule");
    private static final Set<String> BOOKING_FIELDS = Set.of("start", "attendee", "eventTypeId", "eventTypeSlug",
            "username", "teamSlug", "organizationSlug", "lengthInMinutes", "guests", "location", "meetingUrl",
            "bookingFieldsResponses", "metadata", "routing", "emailVerificationCode", "instant", "recurrenceCount");
    private static final Set<String> ATTENDEE_FIELDS = Set.of("name", "timeZone", "email", "phoneNumber", "language");
    private static final Set<String> CANCEL_FIELDS = Set.of("cancellationReason", "cancelSubsequentBookings", "seatUid");
    private static final Set<String> RESCHEDULE_FIELDS =
            Set.of("start", "rescheduledBy", "reschedulingReason", "emailVerificationCode", "seatUid");
    private static final Set<String> RESERVATION_FIELDS =
            Set.of("eventTypeId", "slotStart", "slotDuration", "reservationDuration");
    private static final int DEFAULT_RESERVATION_MINUTES = 5;

    private final Model model;
    private final Random random;
    private final EmulatorWebhooks webhooks;
    private final SlotsResultCache slotsCache;
    private final LegacySlotsRoutes legacySlots;
    private final EventTypeRoutes eventTypeRoutes;
    private long nextBookingId = 1;

    Api(Model model, Random random, EmulatorWebhooks webhooks, EmulatorSettings settings) {
        this.model = model;
        this.random = random;
        this.webhooks = webhooks;
        this.slotsCache = new SlotsResultCache(settings.slotsCacheTtl());
        this.legacySlots = new LegacySlotsRoutes(model, slotsCache, random);
        this.eventTypeRoutes = new EventTypeRoutes(model);
    }

    /** The versions {@code apps/api/v2/src/app.ts} knows; any other value (or none) is served as 2024-04-15. */
    private static final Set<String> API_VERSIONS =
            Set.of("2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13", "2024-09-04");

    static String version(EmulatorRequest req) {
        String v = req.header("cal-api-version");
        return v != null && API_VERSIONS.contains(v) ? v : "2024-04-15";
    }

    /**
     * Routes one request. {@code authenticated} is true when a known API key was sent (an unknown key never gets
     * here: the throttler guard refuses it first).
     */
    Outcome route(EmulatorRequest req, String path, Instant now, boolean authenticated) {
        String[] parts = path.substring(1).split("/");
        String version = version(req);
        String method = req.method();
        if (parts.length < 2 || !parts[0].equals("v2")) {
            throw notRouted(req);
        }
        model.dropExpiredReservations(now);
        switch (parts[1]) {
            case "slots" -> {
                if (!EmulatorRequest.SLOTS_VERSION.equals(version)) {
                    // The 2024-04-15 controller (legacy-slots.md): every version but 2024-09-04, and none at all.
                    if (parts.length == 3 && parts[2].equals("available") && method.equals("GET")) {
                        return legacySlots.available(req, now);
                    }
                    if (parts.length == 3 && parts[2].equals("reserve") && method.equals("POST")) {
                        return legacySlots.reserve(req, now);
                    }
                    if (parts.length == 3 && parts[2].equals("selected-slot") && method.equals("DELETE")) {
                        return legacySlots.deleteSelected(req);
                    }
                    throw notRouted(req);
                }
                if (parts.length == 2 && method.equals("GET")) {
                    return slots(req, now);
                }
                if (parts.length == 3 && parts[2].equals("reservations") && method.equals("POST")) {
                    return reserve(req, now, authenticated);
                }
                if (parts.length == 4 && parts[2].equals("reservations")) {
                    if (method.equals("DELETE")) {
                        return deleteReservation(parts[3]);
                    }
                    if (method.equals("GET")) {
                        return getReservation(parts[3]);
                    }
                }
            }
            case "event-types" -> {
                if (parts.length == 2 && method.equals("GET") && version.equals(EmulatorRequest.EVENT_TYPES_VERSION)) {
                    return eventTypeRoutes.list(req, authenticated);
                }
                if (parts.length == 3 && method.equals("GET")) {
                    if (!authenticated) {
                        throw ApiException.unauthorized("ApiAuthStrategy - Invalid Authentication method");
                    }
                    return eventType(parts[2]);
                }
            }
            case "teams" -> {
                if (parts.length == 2 && method.equals("GET")) {
                    if (!authenticated) {
                        throw ApiException.unauthorized("ApiAuthStrategy - Invalid Authentication method");
                    }
                    return eventTypeRoutes.teams();
                }
                if (parts.length == 4 && parts[3].equals("event-types") && method.equals("GET")) {
                    return eventTypeRoutes.ofTeam(parts[2], req);
                }
            }
            case "organizations" -> {
                if (parts.length == 5 && parts[3].equals("teams") && parts[4].equals("event-types")
                        && method.equals("GET")) {
                    return eventTypeRoutes.ofOrganizationTeams(parts[2], req, authenticated);
                }
            }
            case "bookings" -> {
                if (!EmulatorRequest.BOOKINGS_VERSION.equals(version)) {
                    // The 2024-04-15 bookings controller, with other shapes, is not emulated.
                    throw notRouted(req);
                }
                if (parts.length == 2 && method.equals("POST")) {
                    return createBooking(req, now);
                }
                if (parts.length == 3 && method.equals("GET")) {
                    return Outcome.of(200, Json.success(Json.booking(bookingOr404(parts[2]), model)));
                }
                if (parts.length == 4 && method.equals("POST") && parts[3].equals("cancel")) {
                    return cancel(parts[2], req, now);
                }
                if (parts.length == 4 && method.equals("POST") && parts[3].equals("reschedule")) {
                    return reschedule(parts[2], req, now);
                }
            }
            case "webhooks" -> {
                if (!authenticated) {
                    throw ApiException.unauthorized("ApiAuthStrategy - Invalid Authentication method");
                }
                if (parts.length == 2 && method.equals("POST")) {
                    return createWebhook(req);
                }
                if (parts.length == 2 && method.equals("GET")) {
                    ArrayNode all = Json.MAPPER.createArrayNode();
                    webhooks.subscriptions().forEach(s -> all.add(webhookJson(s)));
                    return Outcome.of(200, Json.success(all));
                }
                if (parts.length == 3 && method.equals("DELETE")) {
                    WebhookSubscription gone = webhooks.subscriptions().stream()
                            .filter(s -> s.id().equals(parts[2])).findFirst()
                            .orElseThrow(() -> ApiException.notFound("Webhook not found"));
                    webhooks.unsubscribe(gone.id());
                    return Outcome.of(200, Json.success(webhookJson(gone)));
                }
            }
            default -> {
            }
        }
        throw notRouted(req);
    }

    /** Nest's 404 for a route no controller has: "Cannot GET " + the original URL, query included. */
    private static ApiException notRouted(EmulatorRequest req) {
        return ApiException.notFound("Cannot " + req.method() + " " + req.path() + CalcomEmulator.queryPart(req));
    }

    // ---------------------------------------------------------------- GET /v2/slots (NOTES §2a)

    private Outcome slots(EmulatorRequest req, Instant now) {
        Map<String, List<String>> q = req.query();
        Set<String> allowed = new java.util.HashSet<>(SLOTS_COMMON);
        // Variant choice of get-slots-input.pipe.ts; each variant forbids the others' parameters.
        enum Variant { BY_ID, USER_SLUG, TEAM_SLUG, USERNAMES }
        Variant variant;
        if (q.containsKey("eventTypeId")) {
            variant = Variant.BY_ID;
            allowed.add("eventTypeId");
        } else if (q.containsKey("username") && q.containsKey("eventTypeSlug")) {
            variant = Variant.USER_SLUG;
            allowed.addAll(Set.of("eventTypeSlug", "username", "organizationSlug"));
        } else if (q.containsKey("teamSlug") && q.containsKey("eventTypeSlug")) {
            variant = Variant.TEAM_SLUG;
            allowed.addAll(Set.of("eventTypeSlug", "teamSlug", "organizationSlug"));
        } else {
            variant = Variant.USERNAMES;
            allowed.addAll(Set.of("usernames", "organizationSlug"));
        }
        for (String name : q.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("property " + name + " should not exist");
            }
        }
        Instant start = CalcomTimeParams.parseStart(req.param("start"))
                .orElseThrow(() -> ApiException.badRequest("start must be a valid ISO 8601 date string"));
        Instant end = CalcomTimeParams.parseEnd(req.param("end"))
                .orElseThrow(() -> ApiException.badRequest("end must be a valid ISO 8601 date string"));
        if (end.isBefore(start)) {
            throw ApiException.badRequest("Invalid time range given - check the 'start' and 'end' query parameters.");
        }
        RequestedZone zone = RequestedZone.parseInAnyCase(req.param("timeZone"))
                .orElseThrow(() -> ApiException.badRequest("timeZone must be a valid IANA time-zone"));
        SlotFormat format = SlotFormat.parse(req.param("format"))
                .orElseThrow(() -> ApiException.badRequest("slotFormat must be either 'range' or 'time'"));
        Integer duration = null;
        if (req.param("duration") != null) {
            duration = parsePositiveInt(req.param("duration"))
                    .orElseThrow(() -> ApiException.badRequest("duration must be an integer number"));
        }
        EventTypeSpec type = switch (variant) {
            case BY_ID -> {
                long id = parseLong(req.param("eventTypeId"))
                        .orElseThrow(() -> ApiException.badRequest("eventTypeId must be an integer number"));
                yield eventTypeOr404(id, "Event Type not found");
            }
            case USER_SLUG -> {
                // getEventTypeUser, then getUserEventTypeBySlug: the user's own event types only.
                String username = req.param("username");
                requireOrganization(req.param("organizationSlug"));
                Host host = model.userByUsername(username)
                        .orElseThrow(() -> ApiException.notFound("User with username " + username + " not found"));
                String slug = req.param("eventTypeSlug");
                yield model.userEventTypes(host.id()).stream().filter(t -> t.slug().equals(slug)).findFirst()
                        .orElseThrow(() -> ApiException.notFound("Event Type not found"));
            }
            case TEAM_SLUG -> {
                String teamSlug = req.param("teamSlug");
                requireOrganization(req.param("organizationSlug"));
                Team team = model.teamBySlug(teamSlug, req.param("organizationSlug"))
                        .orElseThrow(() -> ApiException.notFound("Team with slug " + teamSlug + " not found"));
                String slug = req.param("eventTypeSlug");
                yield model.teamEventTypes(team.id()).stream().filter(t -> t.slug().equals(slug)).findFirst()
                        .orElseThrow(() -> ApiException.notFound("Event Type not found"));
            }
            case USERNAMES -> {
                String org = req.param("organizationSlug");
                if (org == null) {
                    throw ApiException.badRequest("organizationSlug must be a string");
                }
                requireOrganization(org);
                List<String> usernames = req.param("usernames") == null ? List.of()
                        : List.of(req.param("usernames").split(","));
                if (usernames.size() < 2) {
                    throw ApiException.trpc(404, "The requested resource was not found");
                }
                yield dynamicEventType(model, usernames, org);
            }
        };
        // Cal.com does not check duration against the event type's lengths on this route: get-slots.input.ts declares
        // it @IsNumber() only, and the core takes eventLength = duration || length (docs/calcom-slots.md).
        SlotEngine.Query core = new SlotEngine.Query(type, start, end,
                req.param("timeZone") == null ? null : zone.zone(), duration, req.param("bookingUidToReschedule"),
                null);
        List<Instant> starts = cachedSlots(slotsCacheKey(core, req), core, now);
        Duration length = Duration.ofMinutes(duration != null ? duration : type.lengthMinutes());
        List<Slot> slots = new ArrayList<>(starts.size());
        starts.forEach(s -> slots.add(Slot.of(s, length)));
        return Outcome.of(200, SlotsJson.render(slots, zone, format));
    }

    /**
     * The core's answer through Cal.com's slots result cache ({@code withSlotsCache}); a query the core fails is not
     * cached. A slot in the past fails the 2024-09-04 route with the TRPC filter's BAD_REQUEST.
     */
    private List<Instant> cachedSlots(String key, SlotEngine.Query query, Instant now) {
        try {
            return slotsCache.getOrCompute(key, now, () -> model.engine.slots(query, now));
        } catch (SlotEngine.SlotInPastException e) {
            throw ApiException.trpc(400, "Bad request: Please check your request data and try again");
        }
    }

    /**
     * {@code JSON.stringify(input)} of the 2024-09-04 route's {@code InternalGetSlotsQuery}: the times as
     * {@code adjustStartTime}/{@code adjustEndTime} wrote them, the resolved event type, the raw time zone. The
     * format is not part of it (the output service applies it after the cache).
     */
    private static String slotsCacheKey(SlotEngine.Query q, EmulatorRequest req) {
        ObjectNode key = Json.MAPPER.createObjectNode();
        key.put("isTeamEvent", q.type().schedulingType().isTeam());
        key.put("startTime", Json.iso(q.start()));
        key.put("endTime", Json.iso(q.end()));
        if (q.duration() != null) {
            key.put("duration", q.duration());
        }
        key.put("eventTypeId", q.type().id());
        key.put("eventTypeSlug", q.type().slug());
        ArrayNode usernames = key.putArray("usernameList");
        if (req.param("usernames") != null) {
            for (String u : req.param("usernames").split(",")) {
                usernames.add(u);
            }
        }
        if (req.param("timeZone") != null) {
            key.put("timeZone", req.param("timeZone"));
        }
        if (req.param("organizationSlug") != null) {
            key.put("orgSlug", req.param("organizationSlug"));
        } else if (req.param("eventTypeId") != null) {
            key.putNull("orgSlug");
        }
        if (q.rescheduleUid() != null) {
            key.put("rescheduleUid", q.rescheduleUid());
        } else {
            key.putNull("rescheduleUid");
        }
        return "2024-09-04:" + key;
    }

    /** An {@code organizationSlug} the tenant is not is slots-input.service.ts's 404 (the tenant is one org at most). */
    private void requireOrganization(String slug) {
        if (slug != null && !model.isOrganization(slug, null)) {
            throw ApiException.notFound("slots-input.service.ts: Organization with slug " + slug + " not found");
        }
    }

    /**
     * A dynamic group event ({@code dynamicEvent} of defaultEvents.ts): collective over the users found, 30 minutes,
     * lengths 15-90, two hours' notice, id 0.
     */
    static EventTypeSpec dynamicEventType(Model model, List<String> usernames, String orgSlug) {
        List<Long> users = usernames.stream().map(u -> model.userByUsername(u.trim(), orgSlug, null))
                .flatMap(Optional::stream).map(Host::id).distinct().toList();
        // with no user found, a host nobody is: the collective then has no free time
        return new EventTypeSpec(0, "dynamic", 30, List.of(15, 30, 45, 60, 90), null, 0, 0, 120,
                SchedulingType.COLLECTIVE, users.isEmpty() ? List.of(-1L) : users);
    }

    // ---------------------------------------------------------------- event types (NOTES §4)

    private Outcome eventType(String idText) {
        long id = parseLong(idText).orElseThrow(() -> ApiException.badRequest("Validation failed (numeric string is expected)"));
        // EventTypesController_2024_06_14.getEventTypeById: an id the key may not see is "not found" too
        return Outcome.of(200, Json.success(Json.eventType(eventTypeOr404(id, "Event type with id " + idText
                + " not found"), model)));
    }

    // ---------------------------------------------------------------- bookings (NOTES §3)

    private Outcome createBooking(EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, BOOKING_FIELDS, "");
        Instant start = Json.requiredInstant(body, "start");
        JsonNode attendeeNode = body.get("attendee");
        if (attendeeNode == null || !attendeeNode.isObject()) {
            throw ApiException.badRequest("attendee must be an object");
        }
        ObjectNode attendee = (ObjectNode) attendeeNode;
        Json.forbidUnknown(attendee, ATTENDEE_FIELDS, "attendee.");
        String name = Json.optionalString(attendee, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("attendee.name must be a string");
        }
        String tz = Json.optionalString(attendee, "timeZone");
        if (tz == null || RequestedZone.parse(tz).isEmpty()) {
            throw ApiException.badRequest("attendee.timeZone must be a valid IANA time-zone");
        }
        String email = Json.optionalString(attendee, "email");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.badRequest("attendee.email must be an email");
        }
        Long eventTypeId = Json.optionalLong(body, "eventTypeId");
        Integer lengthInMinutes = Json.optionalInt(body, "lengthInMinutes");
        EventTypeSpec type = bookingEventType(body, eventTypeId);
        int minutes = bookingLength(type, lengthInMinutes);
        checkTime(type, start, now);
        Instant end = start.plus(Duration.ofMinutes(minutes));
        List<Long> hosts = model.assignableHosts(type, start, end, now, null);
        if (hosts.isEmpty()) {
            throw ApiException.badRequest(type.schedulingType().isTeam()
                    ? "One of the hosts either already has booking at this time or is not available"
                    : "User either already has booking at this time or is not available");
        }
        Booking booking = new Booking(newUid(), nextBookingId++, type.id(), hosts, start, end, Booking.Status.ACCEPTED,
                name, email != null ? email : placeholderEmail(name), tz, null, null, null, now, now);
        model.bookings.put(booking.uid(), booking);
        return new Outcome(201, Json.success(Json.booking(booking, model)), List.of(new BookingEvent.Created(booking)));
    }

    private EventTypeSpec bookingEventType(ObjectNode body, Long eventTypeId) {
        if (eventTypeId != null) {
            return eventTypeOr404(eventTypeId, "Event type with id=" + eventTypeId + " not found");
        }
        String slug = Json.optionalString(body, "eventTypeSlug");
        String username = Json.optionalString(body, "username");
        String teamSlug = Json.optionalString(body, "teamSlug");
        if (slug != null && username != null) {
            Host host = model.hosts.values().stream().filter(h -> h.username().equals(username)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("User with username " + username + " not found"));
            return model.eventTypes.values().stream()
                    .filter(t -> t.slug().equals(slug) && t.hostIds().contains(host.id())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Event type with slug " + slug + " belonging to user "
                            + username + " not found"));
        }
        if (slug != null && teamSlug != null) {
            throw ApiException.notFound("Team with slug " + teamSlug + " not found");
        }
        throw ApiException.badRequest(
                "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided");
    }

    private static int bookingLength(EventTypeSpec type, Integer lengthInMinutes) {
        if (lengthInMinutes == null || lengthInMinutes == type.lengthMinutes() && type.lengthOptions().isEmpty()) {
            return lengthInMinutes == null ? type.lengthMinutes() : lengthInMinutes;
        }
        if (type.lengthOptions().isEmpty()) {
            throw ApiException.badRequest("Can't specify 'lengthInMinutes' because event type does not have multiple "
                    + "possible lengths. Please, remove the 'lengthInMinutes' field from the request.");
        }
        if (!type.allowsLength(lengthInMinutes)) {
            throw ApiException.badRequest("Provided 'lengthInMinutes' is not one of the possible lengths for the event "
                    + "type. The possible lengths are: " + joinInts(type.allowedLengths()));
        }
        return lengthInMinutes;
    }

    /** The past and minimum-notice checks of the booking core (NOTES §3d). */
    private static void checkTime(EventTypeSpec type, Instant start, Instant now) {
        if (start.isBefore(now)) {
            throw ApiException.badRequest("Attempting to book a meeting in the past.");
        }
        if (start.isBefore(now.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes())))) {
            throw ApiException.badRequest("booking_time_out_of_bounds_error");
        }
    }

    private Outcome cancel(String uid, EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, CANCEL_FIELDS, "");
        String reason = Json.optionalString(body, "cancellationReason");
        Booking booking = bookingOr404(uid);
        if (!booking.isAccepted()) {
            throw ApiException.badRequest("Can't cancel booking with uid=" + uid + " because it has been cancelled "
                    + "already. Please provide uid of a booking that is not cancelled.");
        }
        Booking cancelled = booking.cancelled(now, reason, null);
        model.bookings.put(uid, cancelled);
        return new Outcome(200, Json.success(Json.booking(cancelled, model)),
                List.of(new BookingEvent.Cancelled(cancelled)));
    }

    private Outcome reschedule(String uid, EmulatorRequest req, Instant now) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, RESCHEDULE_FIELDS, "");
        Instant start = Json.requiredInstant(body, "start");
        Booking old = bookingOr404(uid);
        if (!old.isAccepted()) {
            if (old.rescheduledToUid() != null) {
                throw ApiException.badRequest("Can't reschedule booking with uid=" + uid + " because it has been "
                        + "rescheduled already to booking with uid=" + old.rescheduledToUid()
                        + ". Please provide uid of the latest booking.");
            }
            throw ApiException.badRequest("Can't reschedule booking with uid=" + uid + " because it has been cancelled. "
                    + "Please provide uid of a booking that is not cancelled.");
        }
        EventTypeSpec type = eventTypeOr404(old.eventTypeId(), "Event type with id=" + old.eventTypeId() + " not found");
        checkTime(type, start, now);
        Instant end = start.plus(Duration.between(old.start(), old.end()));
        // The old booking's own time does not block the new one.
        List<Long> hosts = model.assignableHosts(type, start, end, now, old);
        if (hosts.isEmpty()) {
            throw ApiException.badRequest("User either already has booking at this time or is not available");
        }
        String newUid = newUid();
        Booking fresh = new Booking(newUid, nextBookingId++, type.id(), hosts, start, end, Booking.Status.ACCEPTED,
                old.attendeeName(), old.attendeeEmail(), old.attendeeTimeZone(), old.uid(), null, null, now, now);
        Booking oldCancelled = old.cancelled(now, null, newUid);
        model.bookings.put(uid, oldCancelled);
        model.bookings.put(newUid, fresh);
        return new Outcome(201, Json.success(Json.booking(fresh, model)),
                List.of(new BookingEvent.Rescheduled(oldCancelled, fresh)));
    }

    // ---------------------------------------------------------------- webhooks (NOTES §5f)

    private static final Set<String> WEBHOOK_FIELDS =
            Set.of("subscriberUrl", "triggers", "active", "secret", "payloadTemplate");

    /**
     * {@code POST /v2/webhooks}. In Cal.com this is a user-level webhook of the key's owner; the emulator's keys
     * belong to the tenant's admin, so it is registered at organization level and receives every event.
     */
    private Outcome createWebhook(EmulatorRequest req) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, WEBHOOK_FIELDS, "");
        String url = Json.optionalString(body, "subscriberUrl");
        java.net.URI uri;
        try {
            uri = url == null ? null : java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw ApiException.badRequest("subscriberUrl must be a URL address");
        }
        JsonNode triggerNode = body.get("triggers");
        if (triggerNode == null || !triggerNode.isArray() || triggerNode.isEmpty()) {
            throw ApiException.badRequest("triggers must be a non-empty array");
        }
        java.util.Set<String> triggers = new java.util.LinkedHashSet<>();
        triggerNode.forEach(t -> triggers.add(t.asText()));
        boolean active = !body.has("active") || body.get("active").asBoolean(true);
        WebhookSubscription s = new WebhookSubscription(webhooks.newId(), uri, null,
                Optional.ofNullable(Json.optionalString(body, "secret")), triggers, null, null, active);
        webhooks.subscribe(s);
        return Outcome.of(201, Json.success(webhookJson(s)));
    }

    private static ObjectNode webhookJson(WebhookSubscription s) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", Long.parseLong(s.id().matches("[0-9]+") ? s.id() : "0"));
        out.put("subscriberUrl", s.subscriberUrl() == null ? "" : s.subscriberUrl().toString());
        ArrayNode triggers = out.putArray("triggers");
        s.triggers().stream().sorted().forEach(triggers::add);
        out.put("active", s.active());
        out.putNull("payloadTemplate");
        return out;
    }

    // ---------------------------------------------------------------- reservations (NOTES §3e)

    private Outcome reserve(EmulatorRequest req, Instant now, boolean authenticated) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, RESERVATION_FIELDS, "");
        Long eventTypeId = Json.optionalLong(body, "eventTypeId");
        if (eventTypeId == null) {
            throw ApiException.badRequest("eventTypeId must be an integer number");
        }
        Instant slotStart = Json.requiredInstant(body, "slotStart");
        Integer slotDuration = Json.optionalInt(body, "slotDuration");
        Integer reservationDuration = Json.optionalInt(body, "reservationDuration");
        if (reservationDuration != null && !authenticated) {
            throw ApiException.unauthorized("reservationDuration can only be used for authenticated requests - use "
                    + "access token, api key or OAuth credentials");
        }
        EventTypeSpec type = eventTypeOr404(eventTypeId, "Event Type with ID=" + eventTypeId + " not found");
        if (slotDuration != null) {
            if (type.lengthOptions().isEmpty()) {
                throw ApiException.badRequest(
                        "You passed 'slotDuration' but this event type is not a variable length event type.");
            }
            if (!type.allowsLength(slotDuration)) {
                throw ApiException.badRequest("Provided 'slotDuration' is not one of the possible lengths for the event "
                        + "type. The possible lengths for this variable length event type are: "
                        + joinInts(type.allowedLengths()));
            }
        }
        int minutes = slotDuration != null ? slotDuration : type.lengthMinutes();
        Instant slotEnd = slotStart.plus(Duration.ofMinutes(minutes));
        if (type.schedulingType() == SchedulingType.ROUND_ROBIN) {
            if (model.assignableHosts(type, slotStart, slotEnd, now, null).isEmpty()
                    && model.overlappingBooking(type.id(), slotStart, slotEnd).isPresent()) {
                throw ApiException.unprocessable("Can't reserve a slot if the event is already booked.");
            }
        } else {
            if (model.overlappingBooking(type.id(), slotStart, slotEnd).isPresent()) {
                throw ApiException.unprocessable("Can't reserve a slot if the event is already booked.");
            }
            if (model.overlappingReservation(type.id(), slotStart, slotEnd, now).isPresent()) {
                throw ApiException.unprocessable(
                        "This time slot is already reserved by another user. Please choose a different time.");
            }
        }
        int holdMinutes = reservationDuration != null ? reservationDuration : DEFAULT_RESERVATION_MINUTES;
        // Cal.com stores the reservation for the owner, or for a team event type's first host (slots.service.ts).
        Model.Reservation r = new Model.Reservation(newUid(), type.id(), List.of(type.hostIds().get(0)), slotStart,
                slotEnd, holdMinutes, now.plus(Duration.ofMinutes(holdMinutes)));
        model.reservations.put(r.uid(), r);
        return Outcome.of(201, Json.success(reservationJson(r, true)));
    }

    private Outcome getReservation(String uid) {
        Model.Reservation r = model.reservations.get(uid);
        if (r == null) {
            throw ApiException.notFound("Reserved slot with uid=" + uid + " not found");
        }
        return Outcome.of(200, Json.success(reservationJson(r, false)));
    }

    private Outcome deleteReservation(String uid) {
        if (model.reservations.remove(uid) == null) {
            throw ApiException.notFound("Reserved slot with uid=" + uid + " not found");
        }
        return Outcome.of(200, "{\"status\":\"success\"}");
    }

    private static ObjectNode reservationJson(Model.Reservation r, boolean withDuration) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("eventTypeId", r.eventTypeId());
        data.put("slotStart", Json.iso(r.slotStart()));
        data.put("slotEnd", Json.iso(r.slotEnd()));
        data.put("slotDuration", Duration.between(r.slotStart(), r.slotEnd()).toMinutes());
        data.put("reservationUid", r.uid());
        if (withDuration) {
            data.put("reservationDuration", r.reservationMinutes());
        }
        data.put("reservationUntil", Json.iso(r.until()));
        return data;
    }

    // ---------------------------------------------------------------- helpers

    private EventTypeSpec eventTypeOr404(long id, String message) {
        EventTypeSpec type = model.eventTypes.get(id);
        if (type == null) {
            throw ApiException.notFound(message);
        }
        return type;
    }

    private Booking bookingOr404(String uid) {
        Booking booking = model.bookings.get(uid);
        if (booking == null) {
            throw ApiException.notFound("Booking with uid=" + uid + " not found");
        }
        return booking;
    }

    /** A 22-character url-safe id, like Cal.com's booking uids; seeded, so runs repeat. */
    String newUid() {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder uid = new StringBuilder(22);
        do {
            uid.setLength(0);
            for (int i = 0; i < 22; i++) {
                uid.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        } while (model.bookings.containsKey(uid.toString()) || model.reservations.containsKey(uid.toString()));
        return uid.toString();
    }

    private static String placeholderEmail(String name) {
        String local = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        return (local.isEmpty() ? "attendee" : local) + "@example.com";
    }

    private static Optional<Long> parseLong(String text) {
        if (text == null || !text.matches("-?\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static Optional<Integer> parsePositiveInt(String text) {
        return parseLong(text).filter(v -> v > 0 && v <= 24 * 60 * 7).map(Long::intValue);
    }

    private static String joinInts(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
