package io.slotgate.emulator;

import io.slotgate.slots.CalcomErrorBody;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An in-process emulator of the parts of Cal.com API v2 that slotgate uses (see /work/shared/calcom/NOTES.md):
 * {@code GET /v2/slots} (by id, user or team slug, usernames), the 2024-04-15 slots controller
 * ({@code /v2/slots/available}, {@code /reserve}, {@code /selected-slot}), event types (by id, by name, of a team or
 * an organization), bookings (create, get, cancel, reschedule) and slot reservations, behind Cal.com's throttler.
 * Slots are computed as Cal.com computes them (docs/calcom-slots.md). {@link #handle} is the whole HTTP behaviour;
 * {@link EmulatorServer} only puts it on a socket.
 *
 * <p>Thread safety: one lock guards the model, the rate limiter and the request log. Booking events are fired after
 * the lock is released (listeners may call back in), but before {@link #handle} returns, as Cal.com awaits its
 * webhooks before answering (NOTES §5e).
 */
public final class CalcomEmulator {
    private static final Logger LOG = LoggerFactory.getLogger(CalcomEmulator.class);
    static final String TOO_MANY = "CustomThrottlerGuard - Too many requests. Please try again later.";
    static final String INVALID_KEY = "CustomThrottlerGuard - Invalid API Key";

    private final Clock clock;
    private final EmulatorSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Model model;
    private final Router router;
    private final RateLimiter limiter;
    private final Random latencyRandom;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Consumer<BookingEvent>> listeners = new CopyOnWriteArrayList<>();
    private final EmulatorWebhooks webhooks;
    private long nextBusyBlock = 1;

    public CalcomEmulator(Clock clock, EmulatorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = new Model(settings);
        this.webhooks = new EmulatorWebhooks(this, settings.randomSeed() * 17 + 3);
        this.router = router(model, webhooks, settings);
        listeners.add(webhooks::onBookingEvent);
        this.limiter = new RateLimiter(settings.rateLimitPerWindow(), settings.rateWindow(), settings.blockDuration());
        this.latencyRandom = new Random(settings.randomSeed() * 31 + 7);
    }

    /** One seeded random, so that a run repeats uid for uid, and one slots result cache for both slots controllers. */
    private static Router router(Model model, EmulatorWebhooks webhooks, EmulatorSettings settings) {
        Random random = new Random(settings.randomSeed());
        Uids uids = new Uids(model, random);
        SlotsResultCache slotsCache = new SlotsResultCache(settings.slotsCacheTtl());
        return new Router(model, new SlotsRoutes(model, slotsCache), new ReservationRoutes(model, uids),
                new LegacySlotsRoutes(model, slotsCache, random), new EventTypeRoutes(model),
                new BookingRoutes(model, uids), new WebhookRoutes(webhooks));
    }

    public Clock clock() {
        return clock;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- tenant setup

    public void addHost(Host host) {
        Objects.requireNonNull(host, "host");
        locked(() -> model.hosts.put(host.id(), host));
    }

    /** Adds or replaces an event type; its hosts must already exist. */
    public void addEventType(EventTypeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        locked(() -> {
            for (long hostId : spec.hostIds()) {
                if (!model.hosts.containsKey(hostId)) {
                    throw new IllegalArgumentException("event type " + spec.id() + " names unknown host " + hostId);
                }
            }
            return model.eventTypes.put(spec.id(), spec);
        });
    }

    /** External calendar busy time: it changes availability and, as in Cal.com, sends no booking event (NOTES §7). */
    public String addBusyBlock(long hostId, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("busy block must end after it starts");
        }
        return locked(() -> {
            if (!model.hosts.containsKey(hostId)) {
                throw new IllegalArgumentException("unknown host " + hostId);
            }
            String id = "busy-" + nextBusyBlock++;
            model.busyBlocks.put(id, new Model.BusyBlock(id, hostId, start, end));
            return id;
        });
    }

    /**
     * An out-of-office entry created in the web app: the host is busy from start to end (as a busy block) and, unlike
     * external calendar time, Cal.com sends OOO_CREATED (NOTES §5a). Returns the busy block's id.
     */
    public String addOutOfOffice(long hostId, Instant start, Instant end) {
        String id = addBusyBlock(hostId, start, end);
        Host host = host(hostId).orElseThrow();
        webhooks.outOfOffice(host, "ooo-" + id, nextBusyBlock, start, end);
        return id;
    }

    /** The webhooks the emulator sends (subscriptions, delivery delay and loss). */
    public EmulatorWebhooks webhooks() {
        return webhooks;
    }

    public void removeBusyBlock(String id) {
        locked(() -> model.busyBlocks.remove(id));
    }

    /**
     * A date override on the host's schedule: that date's working hours are replaced by the override's hours (several
     * overrides on one date add up). Like every schedule edit in Cal.com it sends no webhook (NOTES §7).
     */
    public void addDateOverride(long hostId, DateOverride override) {
        Objects.requireNonNull(override, "override");
        locked(() -> {
            if (!model.hosts.containsKey(hostId)) {
                throw new IllegalArgumentException("unknown host " + hostId);
            }
            List<DateOverride> list = new ArrayList<>(model.dateOverrides(hostId));
            list.add(override);
            return model.dateOverrides.put(hostId, List.copyOf(list));
        });
    }

    /** The host works {@code from}-{@code to} (its own zone) on {@code date} instead of that day's working hours. */
    public void addDateOverride(long hostId, java.time.LocalDate date, java.time.LocalTime from, java.time.LocalTime to) {
        addDateOverride(hostId, new DateOverride(date, from, to));
    }

    /** The host is unavailable all day on {@code date} (an override from 00:00 to 00:00). */
    public void markUnavailable(long hostId, java.time.LocalDate date) {
        addDateOverride(hostId, DateOverride.unavailable(date));
    }

    /** Removes the host's overrides of {@code date}, restoring that day's working hours. */
    public void removeDateOverrides(long hostId, java.time.LocalDate date) {
        locked(() -> {
            List<DateOverride> kept = model.dateOverrides(hostId).stream().filter(o -> !o.date().equals(date)).toList();
            return model.dateOverrides.put(hostId, kept);
        });
    }

    public List<DateOverride> dateOverrides(long hostId) {
        return locked(() -> model.dateOverrides(hostId));
    }

    /** Adds or replaces a team; its members must already exist. */
    public void addTeam(Team team) {
        Objects.requireNonNull(team, "team");
        locked(() -> {
            for (long member : team.memberIds()) {
                if (!model.hosts.containsKey(member)) {
                    throw new IllegalArgumentException("team " + team.id() + " names unknown user " + member);
                }
            }
            return model.teams.put(team.id(), team);
        });
    }

    public Collection<Team> teams() {
        return locked(() -> List.copyOf(model.teams.values()));
    }

    /** The team owning a team event type (its own, or the default team); null for a user's event type. */
    public Team teamOf(EventTypeSpec type) {
        return locked(() -> model.teamOf(type));
    }

    /** Makes the tenant an organization: every user and team belongs to it. */
    public void setOrganization(Organization organization) {
        locked(() -> model.organization = Objects.requireNonNull(organization, "organization"));
    }

    public Optional<Organization> organization() {
        return locked(() -> Optional.ofNullable(model.organization));
    }

    /**
     * The user the emulator's API keys belong to (their event types are {@code GET /v2/event-types}'s answer with the
     * key); by default the user with the lowest id.
     */
    public void setApiKeyOwner(long userId) {
        locked(() -> {
            if (!model.hosts.containsKey(userId)) {
                throw new IllegalArgumentException("unknown user " + userId);
            }
            return model.apiKeyOwner = userId;
        });
    }

    public void addBookingListener(Consumer<BookingEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- the API

    /**
     * Answers one request exactly as over HTTP, rate limiting included. The latency is sampled and returned in the
     * response, never slept here.
     */
    public EmulatorResponse handle(EmulatorRequest request) {
        String path = normalizePath(request.path());
        String fullPath = path + queryPart(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        int status;
        String body;
        List<BookingEvent> events = List.of();
        lock.lock();
        try {
            Instant now = clock.instant();
            String key = request.bearerToken();
            // NOTES §6: an API key is tracked by its sha256, anyone else by client IP (cf-connecting-ip first).
            String tracker = key != null ? "key:" + sha256(key) : "ip:" + clientIp(request);
            RateLimiter.Decision decision = limiter.hit(tracker, now);
            headers.put("X-RateLimit-Limit-Default", Integer.toString(decision.limit()));
            headers.put("X-RateLimit-Remaining-Default", Integer.toString(decision.remaining()));
            headers.put("X-RateLimit-Reset-Default", Long.toString(decision.resetSeconds()));
            if (!decision.allowed()) {
                status = 429;
                body = CalcomErrorBody.throttled(clock, fullPath, TOO_MANY);
            } else if (key != null && !settings.apiKeys().contains(key)) {
                status = 401;
                body = CalcomErrorBody.of(clock, fullPath, 401, "UnauthorizedException", INVALID_KEY);
            } else {
                Outcome outcome;
                try {
                    outcome = router.route(request, path, now, key != null);
                } catch (ApiException e) {
                    outcome = Outcome.of(e.status, e.body(clock, fullPath));
                } catch (RuntimeException e) {
                    LOG.warn("emulator failed on {} {}", request.method(), fullPath, e);
                    outcome = Outcome.of(500, CalcomErrorBody.of(clock, fullPath, 500,
                            "InternalServerErrorException", "Internal server error"));
                }
                status = outcome.status();
                body = outcome.body();
                events = outcome.events();
                headers.putAll(outcome.headers());
            }
            requests.add(new RecordedRequest(now, request.method(), path, request.query(), status));
        } finally {
            lock.unlock();
        }
        for (BookingEvent event : events) {
            fire(event);
        }
        Duration latency = settings.latency().sample(latencyRandom);
        return new EmulatorResponse(status, headers, body, latency);
    }

    private void fire(BookingEvent event) {
        for (Consumer<BookingEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("booking listener failed on {}", event, e);
            }
        }
    }

    // ---------------------------------------------------------------- ground truth for tests and simulations

    /**
     * The slots Cal.com would answer now (per the clock) to {@code GET /v2/slots} for this range and duration without
     * a {@code timeZone}: notice and past applied; no rate limit, no request log, no slots result cache.
     */
    public List<Slot> availableSlots(long eventTypeId, int durationMinutes, TimeRange range) {
        return availableSlots(eventTypeId, durationMinutes, range, null);
    }

    /**
     * As {@link #availableSlots(long, int, TimeRange)}, asked in {@code timeZone} (null: none), which decides the
     * zone slot starts are aligned in (docs/calcom-slots.md).
     *
     * @throws IllegalStateException where Cal.com would fail the query (a date override yields a slot in the past)
     */
    public List<Slot> availableSlots(long eventTypeId, int durationMinutes, TimeRange range, java.time.ZoneId timeZone) {
        if (durationMinutes <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        return locked(() -> {
            Instant now = clock.instant();
            model.dropExpiredReservations(now);
            EventTypeSpec type = eventType(eventTypeId, true);
            SlotEngine.Query query = new SlotEngine.Query(type, range.start(), range.end(), timeZone,
                    durationMinutes, null, null);
            List<Instant> starts;
            try {
                starts = model.engine.slots(query, now);
            } catch (SlotEngine.SlotInPastException e) {
                throw new IllegalStateException("Cal.com fails this query: " + e.getMessage());
            }
            Duration length = Duration.ofMinutes(durationMinutes);
            List<Slot> slots = new ArrayList<>(starts.size());
            starts.forEach(s -> slots.add(Slot.of(s, length)));
            slots.sort(null);
            return slots;
        });
    }

    /** Whether {@code POST /v2/bookings} at this start and duration would succeed now. */
    public boolean isBookable(long eventTypeId, Instant start, int durationMinutes) {
        return locked(() -> {
            Instant now = clock.instant();
            EventTypeSpec type = eventType(eventTypeId, true);
            if (start.isBefore(now.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes())))) {
                return false;
            }
            return !model.assignableHosts(type, start, start.plus(Duration.ofMinutes(durationMinutes)), now, null)
                    .isEmpty();
        });
    }

    public Optional<Booking> booking(String uid) {
        return locked(() -> Optional.ofNullable(model.bookings.get(uid)));
    }

    public List<Booking> bookings() {
        return locked(() -> List.copyOf(model.bookings.values()));
    }

    public Optional<EventTypeSpec> eventType(long id) {
        return locked(() -> Optional.ofNullable(model.eventTypes.get(id)));
    }

    public Collection<EventTypeSpec> eventTypes() {
        return locked(() -> List.copyOf(model.eventTypes.values()));
    }

    public Optional<Host> host(long id) {
        return locked(() -> Optional.ofNullable(model.hosts.get(id)));
    }

    public Collection<Host> hosts() {
        return locked(() -> List.copyOf(model.hosts.values()));
    }

    public List<RecordedRequest> requests() {
        return locked(() -> List.copyOf(requests));
    }

    public long requestCount(String pathPrefix) {
        return locked(() -> requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count());
    }

    public void clearRequests() {
        locked(() -> {
            requests.clear();
            return null;
        });
    }

    // ---------------------------------------------------------------- internals

    private EventTypeSpec eventType(long id, boolean required) {
        EventTypeSpec type = model.eventTypes.get(id);
        if (type == null && required) {
            throw new IllegalArgumentException("unknown event type " + id);
        }
        return type;
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static String clientIp(EmulatorRequest request) {
        String cf = request.header("cf-connecting-ip");
        return cf != null && !cf.isBlank() ? cf.trim() : request.clientIp();
    }

    /** Cal.com rewrites /api/v2/... to /v2/... (NOTES §1); a trailing slash is ignored, as by Nest. */
    static String normalizePath(String path) {
        String p = path.isEmpty() ? "/" : path;
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.startsWith("/api/v2/") || p.equals("/api/v2")) {
            p = p.substring(4);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** "?" and the query as sent, when known; else rebuilt. Empty without a query. */
    static String queryPart(EmulatorRequest request) {
        if (request.rawQuery() != null) {
            return request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        }
        return queryString(request.query());
    }

    /** The query part of Cal.com's error {@code path} (request.url), rebuilt; "/", ":" and "," stay readable. */
    static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (var entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                if (sb.length() > 1) {
                    sb.append('&');
                }
                sb.append(encode(entry.getKey())).append('=').append(encode(value));
            }
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("%3A", ":").replace("%2C", ",");
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
