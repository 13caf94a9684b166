package io.slotgate.emulator;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * An in-process emulator of the parts of Cal.com API v2 that slotgate uses (see /work/shared/calcom/NOTES.md):
 * {@code GET /v2/slots} (by id, user or team slug, usernames), the 2024-04-15 slots controller
 * ({@code /v2/slots/available}, {@code /reserve}, {@code /selected-slot}), event types (by id, by name, of a team or
 * an organization), bookings (create, get, cancel, reschedule) and slot reservations, behind Cal.com's throttler.
 * Slots are computed as Cal.com computes them (docs/calcom-slots.md). {@link #handle} is the whole HTTP behaviour
 * ({@link ApiHandler}); {@link EmulatorServer} only puts it on a socket.
 *
 * <p>This class is the front its callers share: the tenant's setup is {@link TenantSetup}'s, the truth answers are
 * judged by {@link GroundTruth}'s, and the reads below are the model's, each under the lock.
 *
 * <p>Thread safety: one lock ({@link GuardedModel}) guards the model, the rate limiter and the request log. Booking
 * events are fired after the lock is released (listeners may call back in), but before {@link #handle} returns, as
 * Cal.com awaits its webhooks before answering (NOTES §5e).
 */
public final class CalcomEmulator {
    private final Clock clock;
    private final EmulatorSettings settings;
    private final GuardedModel guarded;
    private final Model model;
    private final EmulatorWebhooks webhooks;
    private final ApiHandler api;
    private final TenantSetup setup;
    private final GroundTruth truth;

    public CalcomEmulator(Clock clock, EmulatorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = new Model(settings);
        this.guarded = new GuardedModel(model);
        this.webhooks = new EmulatorWebhooks(this, settings.randomSeed() * 17 + 3);
        this.api = new ApiHandler(clock, settings, guarded, router(model, webhooks, settings));
        api.addBookingListener(webhooks::onBookingEvent);
        this.setup = new TenantSetup(guarded, webhooks);
        this.truth = new GroundTruth(clock, guarded);
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
        setup.addHost(host);
    }

    /** Adds or replaces an event type; its hosts must already exist. */
    public void addEventType(EventTypeSpec spec) {
        setup.addEventType(spec);
    }

    /** External calendar busy time: it changes availability and, as in Cal.com, sends no booking event (NOTES §7). */
    public String addBusyBlock(long hostId, Instant start, Instant end) {
        return setup.addBusyBlock(hostId, start, end);
    }

    /**
     * An out-of-office entry created in the web app: the host is busy from start to end (as a busy block) and, unlike
     * external calendar time, Cal.com sends OOO_CREATED (NOTES §5a). Returns the busy block's id.
     */
    public String addOutOfOffice(long hostId, Instant start, Instant end) {
        return setup.addOutOfOffice(hostId, start, end);
    }

    /** The webhooks the emulator sends (subscriptions, delivery delay and loss). */
    public EmulatorWebhooks webhooks() {
        return webhooks;
    }

    public void removeBusyBlock(String id) {
        setup.removeBusyBlock(id);
    }

    /**
     * A date override on the host's schedule: that date's working hours are replaced by the override's hours (several
     * overrides on one date add up). Like every schedule edit in Cal.com it sends no webhook (NOTES §7).
     */
    public void addDateOverride(long hostId, DateOverride override) {
        setup.addDateOverride(hostId, override);
    }

    /** The host works {@code from}-{@code to} (its own zone) on {@code date} instead of that day's working hours. */
    public void addDateOverride(long hostId, LocalDate date, LocalTime from, LocalTime to) {
        addDateOverride(hostId, new DateOverride(date, from, to));
    }

    /** The host is unavailable all day on {@code date} (an override from 00:00 to 00:00). */
    public void markUnavailable(long hostId, LocalDate date) {
        addDateOverride(hostId, DateOverride.unavailable(date));
    }

    /** Removes the host's overrides of {@code date}, restoring that day's working hours. */
    public void removeDateOverrides(long hostId, LocalDate date) {
        setup.removeDateOverrides(hostId, date);
    }

    public List<DateOverride> dateOverrides(long hostId) {
        return guarded.locked(() -> model.dateOverrides(hostId));
    }

    /** Adds or replaces a team; its members must already exist. */
    public void addTeam(Team team) {
        setup.addTeam(team);
    }

    public Collection<Team> teams() {
        return guarded.locked(() -> List.copyOf(model.teams.values()));
    }

    /** The team owning a team event type (its own, or the default team); null for a user's event type. */
    public Team teamOf(EventTypeSpec type) {
        return guarded.locked(() -> model.teamOf(type));
    }

    /** Makes the tenant an organization: every user and team belongs to it. */
    public void setOrganization(Organization organization) {
        setup.setOrganization(organization);
    }

    public Optional<Organization> organization() {
        return guarded.locked(() -> Optional.ofNullable(model.organization));
    }

    /**
     * The user the emulator's API keys belong to (their event types are {@code GET /v2/event-types}'s answer with the
     * key); by default the user with the lowest id.
     */
    public void setApiKeyOwner(long userId) {
        setup.setApiKeyOwner(userId);
    }

    public void addBookingListener(Consumer<BookingEvent> listener) {
        api.addBookingListener(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- the API

    /**
     * Answers one request exactly as over HTTP, rate limiting included. The latency is sampled and returned in the
     * response, never slept here.
     */
    public EmulatorResponse handle(EmulatorRequest request) {
        return api.handle(request);
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
    public List<Slot> availableSlots(long eventTypeId, int durationMinutes, TimeRange range, ZoneId timeZone) {
        return truth.availableSlots(eventTypeId, durationMinutes, range, timeZone);
    }

    /** Whether {@code POST /v2/bookings} at this start and duration would succeed now. */
    public boolean isBookable(long eventTypeId, Instant start, int durationMinutes) {
        return truth.isBookable(eventTypeId, start, durationMinutes);
    }

    public Optional<Booking> booking(String uid) {
        return guarded.locked(() -> Optional.ofNullable(model.bookings.get(uid)));
    }

    public List<Booking> bookings() {
        return guarded.locked(() -> List.copyOf(model.bookings.values()));
    }

    public Optional<EventTypeSpec> eventType(long id) {
        return guarded.locked(() -> Optional.ofNullable(model.eventTypes.get(id)));
    }

    public Collection<EventTypeSpec> eventTypes() {
        return guarded.locked(() -> List.copyOf(model.eventTypes.values()));
    }

    public Optional<Host> host(long id) {
        return guarded.locked(() -> Optional.ofNullable(model.hosts.get(id)));
    }

    public Collection<Host> hosts() {
        return guarded.locked(() -> List.copyOf(model.hosts.values()));
    }

    public List<RecordedRequest> requests() {
        return api.requests();
    }

    public long requestCount(String pathPrefix) {
        return api.requestCount(pathPrefix);
    }

    public void clearRequests() {
        api.clearRequests();
    }
}
