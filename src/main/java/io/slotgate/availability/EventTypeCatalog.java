package io.slotgate.availability;

import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.EventTypeListing;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.TeamInfo;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.slots.CalcomErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tenant's event types, as Cal.com lists them to slotgate's key, so that a query for an id the tenant does not
 * have is answered with Cal.com's own 404 without spending a call, and the facts of every listed event type (length,
 * notice, buffers, hosts) come from the few list calls instead of one lookup each.
 *
 * <p>One load: {@code GET /v2/event-types} (the key owner's own), {@code GET /v2/teams}, then each organization's
 * {@code GET /v2/organizations/{id}/teams/event-types} (paged; per team when the key may not read it) and each other
 * team's {@code GET /v2/teams/{id}/event-types}, then the public lists ({@code GET /v2/event-types?username=…}) of the
 * hosts those name, at most {@link Settings#memberLists()}. Loaded at start-up and, when cold, before the first query is
 * admitted; again every {@link Settings#refreshEvery()} at refresh priority.
 *
 * <p>An id the lists do not name (a new event type, a hidden one, another user's) may be discovered: one lookup
 * ({@code GET /v2/event-types/{id}}) per id per {@link Settings#unknownFor()}, at most
 * {@link Settings#discoveriesPerWindow()} in any rate window. Found, it is served from then on; not found, it is
 * answered 404 for {@code unknownFor}; with the discoveries of the window spent, the answer is a 503 with
 * {@code Retry-After} (the id may be a new one: a 404 could be wrong). A listed event type that Cal.com's slots route
 * answers 404 (deleted) is forgotten and answered 404 for {@code unknownFor} too.
 *
 * <p>Until a load has succeeded (no API key, Cal.com down at start), nothing is refused: the catalog only saves calls,
 * it never stands between a client and an answer Cal.com would give.
 */
public final class EventTypeCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalog.class);
    /** Marks Cal.com's 404 answered from the catalog, without a call. */
    public static final String UNKNOWN_HEADER = "x-slotgate-catalog";
    /** Cal.com's message for an event type its slots route does not know (slots-input.service.ts). */
    public static final String NOT_FOUND_MESSAGE = "Event Type not found";
    /** How long a load that failed keeps queries from trying another at once. */
    private static final Duration RETRY_LOAD_AFTER = Duration.ofSeconds(30);
    /** The organization route's largest page. */
    private static final int PAGE = 250;
    /** How many refresh rounds a listed fact outlives: a refresh the budget refuses must not expire it. */
    static final int LISTED_FOR_ROUNDS = 4;

    /**
     * @param enabled              off: every id is admitted, as before the catalog
     * @param refreshEvery         how often the lists are read again
     * @param discoveriesPerWindow most lookups of unlisted ids in any rate window ({@code RateBudget.WINDOW})
     * @param unknownFor           how long an id Cal.com does not know is answered 404 without asking again
     * @param memberLists          most hosts whose public list one load reads
     */
    public record Settings(boolean enabled, Duration refreshEvery, int discoveriesPerWindow, Duration unknownFor,
                           int memberLists) {
        public Settings {
            if (refreshEvery.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("catalog-refresh-seconds must be at least 10");
            }
            if (discoveriesPerWindow < 0 || memberLists < 0) {
                throw new IllegalArgumentException("catalog-discoveries-per-minute and catalog-member-lists must not "
                        + "be negative");
            }
            if (unknownFor.isNegative()) {
                throw new IllegalArgumentException("catalog-unknown-seconds must not be negative");
            }
        }

        /** No catalog: every id is admitted, as before it. */
        public static Settings disabled() {
            return new Settings(false, Duration.ofMinutes(5), 0, Duration.ZERO, 0);
        }

        public static Settings defaults() {
            // every 30 minutes: a new event type is found by its first query's lookup, so the periodic reload only
            // picks up changed facts; every 5 minutes its 6 calls (demo tenant) were 170 calls a day per event type
            // in the simulator, a sixth of slotgate's calls
            return new Settings(true, Duration.ofMinutes(30), 12, Duration.ofMinutes(1), 50);
        }
    }

    /** What the catalog says of an id. */
    public enum Verdict { LISTED, DISCOVERED, UNKNOWN, UNSURE, OPEN }

    private final CalcomClient client;
    private final EventTypeDirectory directory;
    private final Clock clock;
    private final Settings settings;
    private final Duration window;
    private final ReentrantLock loading = new ReentrantLock();
    private final Map<Long, Boolean> discovered = new ConcurrentHashMap<>();
    private final Map<Long, Instant> unknownUntil = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> discovering = new ConcurrentHashMap<>();
    private final ArrayDeque<Instant> discoveries = new ArrayDeque<>();
    private final AtomicLong refusedUnknown = new AtomicLong();
    private final AtomicLong discoveryLookups = new AtomicLong();
    private final AtomicLong refusedUnsure = new AtomicLong();
    private final AtomicLong listCalls = new AtomicLong();
    private volatile Map<Long, EventTypeInfo> listed = Map.of();
    private final java.util.function.Consumer<Set<String>> onRefusal;
    private volatile Instant loadedAt;
    private volatile Instant failedAt;

    /**
     * @param onRefusal told of the clients whose query the catalog refused (an unknown id, or one it could not look
     *                  up now): each would have been a call without the catalog, so it counts against the client's
     *                  fair share (the rate budget's)
     */
    public EventTypeCatalog(CalcomClient client, EventTypeDirectory directory, Clock clock, Settings settings,
                            Duration window, java.util.function.Consumer<Set<String>> onRefusal) {
        this.onRefusal = onRefusal;
        this.client = client;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.window = window;
    }

    /** A catalog that admits every id (no API key, or switched off). */
    public static EventTypeCatalog open(CalcomClient client, EventTypeDirectory directory, Clock clock,
                                        java.util.function.Consumer<Set<String>> onRefusal) {
        return new EventTypeCatalog(client, directory, clock, Settings.disabled(), Duration.ofSeconds(62), onRefusal);
    }

    public Settings settings() {
        return settings;
    }

    private void refused() {
        Set<String> clients = io.slotgate.calcom.Callers.current();
        if (!clients.isEmpty()) {
            onRefusal.accept(clients);
        }
    }

    /**
     * Lets a query for {@code eventTypeId} go on, or refuses it as Cal.com would.
     *
     * @throws FillFailedException with Cal.com's 404 ({@link CalcomOutcome.Rejected}, marked {@link #UNKNOWN_HEADER})
     *                             for an id Cal.com does not know, or a {@link CalcomOutcome.RateLimited} when the id
     *                             cannot be looked up now
     */
    public Verdict admit(long eventTypeId) {
        if (!settings.enabled()) {
            return Verdict.OPEN;
        }
        if (loadedAt == null) {
            loadIfCold();
            if (loadedAt == null) {
                return Verdict.OPEN;
            }
        }
        if (listed.containsKey(eventTypeId)) {
            return Verdict.LISTED;
        }
        if (discovered.containsKey(eventTypeId)) {
            return Verdict.DISCOVERED;
        }
        Instant now = clock.instant();
        Instant until = unknownUntil.get(eventTypeId);
        if (until != null && until.isAfter(now)) {
            refusedUnknown.incrementAndGet();
            refused();
            throw notFound(eventTypeId);
        }
        return discover(eventTypeId, now);
    }

    private Verdict discover(long eventTypeId, Instant now) {
        Optional<EventTypeInfo> held = directory.peek(eventTypeId);
        boolean mine = false;
        if (held.isEmpty() && discovering.putIfAbsent(eventTypeId, Boolean.TRUE) == null) {
            // the first asker pays the lookup from the allowance; readers of the same id meanwhile share its answer
            // (the directory loads one id once at a time)
            mine = true;
            Optional<Duration> wait = takeDiscovery(now);
            if (wait.isPresent()) {
                discovering.remove(eventTypeId);
                refusedUnsure.incrementAndGet();
                refused();
                throw new FillFailedException(new CalcomOutcome.RateLimited<>(wait.get(), unsure(wait.get())),
                        Priority.USER);
            }
            discoveryLookups.incrementAndGet();
        }
        EventTypeInfo info;
        try {
            // a transient failure (throttled, Cal.com down) propagates: the id is neither known nor unknown yet
            info = held.orElseGet(() -> directory.get(eventTypeId));
        } finally {
            if (mine) {
                discovering.remove(eventTypeId);
            }
        }
        if (info.isKnown()) {
            discovered.put(eventTypeId, Boolean.TRUE);
            return Verdict.DISCOVERED;
        }
        unknownUntil.put(eventTypeId, now.plus(settings.unknownFor()));
        refusedUnknown.incrementAndGet();
        refused();
        throw notFound(eventTypeId);
    }

    /** A discovery from the window's allowance, or how long until one is free. */
    private Optional<Duration> takeDiscovery(Instant now) {
        synchronized (discoveries) {
            while (!discoveries.isEmpty() && !discoveries.peekFirst().plus(window).isAfter(now)) {
                discoveries.pollFirst();
            }
            if (discoveries.size() >= settings.discoveriesPerWindow()) {
                return Optional.of(discoveries.isEmpty() ? window
                        : Duration.between(now, discoveries.peekFirst().plus(window)));
            }
            discoveries.addLast(now);
            return Optional.empty();
        }
    }

    /** Cal.com's slots route answered 404 for an id: it is gone (or never was), and answered so for a while. */
    public void gone(long eventTypeId) {
        if (!settings.enabled()) {
            return;
        }
        discovered.remove(eventTypeId);
        if (listed.containsKey(eventTypeId)) {
            Map<Long, EventTypeInfo> without = new LinkedHashMap<>(listed);
            without.remove(eventTypeId);
            listed = Map.copyOf(without);
        }
        unknownUntil.put(eventTypeId, clock.instant().plus(settings.unknownFor()));
    }

    /** The facts the last load listed for an id, else a lookup: what the host map's refresh asks. */
    public EventTypeInfo describe(long eventTypeId) {
        EventTypeInfo info = listed.get(eventTypeId);
        return info != null ? info : directory.reload(eventTypeId);
    }

    /** At start-up and for the first query: one load at user priority, shared by every query that waits for it. */
    void loadIfCold() {
        Instant failed = failedAt;
        if (failed != null && failed.plus(RETRY_LOAD_AFTER).isAfter(clock.instant())) {
            return;
        }
        loading.lock();
        try {
            if (loadedAt == null) {
                // the lists serve every client: not charged to the share of whoever asked first
                io.slotgate.calcom.Callers.as(Set.of(), () -> {
                    load(Priority.USER);
                    return null;
                });
            }
        } finally {
            loading.unlock();
        }
    }

    /** The periodic refresh; the first load when none has succeeded yet. */
    public void refresh() {
        if (!settings.enabled()) {
            return;
        }
        if (!loading.tryLock()) {
            return;
        }
        try {
            load(loadedAt == null ? Priority.USER : Priority.REFRESH);
        } finally {
            loading.unlock();
        }
    }

    private void load(Priority priority) {
        Map<Long, EventTypeListing> found = new LinkedHashMap<>();
        try {
            collect(found, priority);
        } catch (ListFailed e) {
            failedAt = clock.instant();
            LOG.info("event-type catalog not loaded ({}); queries are admitted unchecked until it is", e.getMessage());
            return;
        }
        Map<Long, EventTypeInfo> facts = new LinkedHashMap<>();
        found.forEach((id, listing) -> facts.put(id, listing.info()));
        listed = Map.copyOf(facts);
        // listed facts outlive a few refused refreshes (see EventTypeDirectory.refresh), never less than a lookup's
        Duration lifetime = settings.refreshEvery().multipliedBy(LISTED_FOR_ROUNDS);
        Duration kept = lifetime.compareTo(EventTypeDirectory.KNOWN_FOR) > 0 ? lifetime : EventTypeDirectory.KNOWN_FOR;
        facts.values().forEach(info -> directory.refresh(info, kept));
        facts.keySet().forEach(id -> {
            discovered.remove(id);
            unknownUntil.remove(id);
        });
        loadedAt = clock.instant();
        failedAt = null;
        LOG.info("event-type catalog loaded: {} event types", facts.size());
    }

    /**
     * The lists, in three rounds of calls made side by side (each round needs the one before): the owner's own list
     * and the teams; the teams' (or organizations') event types; the public lists of their hosts. A cold start waits
     * three Cal.com latencies, not one per list.
     */
    private void collect(Map<Long, EventTypeListing> found, Priority priority) throws ListFailed {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var ownCall = pool.submit(() -> client.ownEventTypes(priority));
            var teamsCall = pool.submit(() -> client.teams(priority));
            Set<String> covered = new LinkedHashSet<>();
            for (EventTypeListing l : required(get(ownCall), "own event types")) {
                found.put(l.info().id(), l);
                covered.addAll(l.hostUsernames());
            }
            List<TeamInfo> teams = required(get(teamsCall), "teams");
            Map<Long, java.util.concurrent.Future<Boolean>> organizations = new LinkedHashMap<>();
            Map<Long, Map<Long, EventTypeListing>> ofOrganization = new LinkedHashMap<>();
            for (TeamInfo org : teams) {
                if (org.isOrganization()) {
                    Map<Long, EventTypeListing> mine = new LinkedHashMap<>();
                    ofOrganization.put(org.id(), mine);
                    organizations.put(org.id(), pool.submit(() -> organizationTeams(org.id(), mine, priority)));
                }
            }
            Map<Long, java.util.concurrent.Future<CalcomOutcome<List<EventTypeListing>>>> ofTeam = new LinkedHashMap<>();
            for (TeamInfo team : teams) {
                if (!team.isOrganization()) {
                    ofTeam.put(team.id(), pool.submit(() -> client.teamEventTypes(team.id(), priority)));
                }
            }
            Set<Long> readable = new LinkedHashSet<>();
            for (var org : organizations.entrySet()) {
                if (getChecked(org.getValue())) {
                    readable.add(org.getKey());
                    ofOrganization.get(org.getKey()).forEach(found::put);
                }
            }
            for (TeamInfo team : teams) {
                if (team.isOrganization()) {
                    continue;
                }
                CalcomOutcome<List<EventTypeListing>> listed = get(ofTeam.get(team.id()));
                boolean inReadableOrg = team.parentId().isPresent() && readable.contains(team.parentId().getAsLong());
                if (!inReadableOrg || listed instanceof CalcomOutcome.Success<?>) {
                    // a team of an organization already read may fail alone: its event types came with the organization's
                    required(listed, "team " + team.id()).forEach(l -> found.put(l.info().id(), l));
                }
            }
            Set<String> members = new LinkedHashSet<>();
            found.values().forEach(l -> members.addAll(l.hostUsernames()));
            members.removeAll(covered);
            List<java.util.concurrent.Future<CalcomOutcome<List<EventTypeListing>>>> lists = new ArrayList<>();
            members.stream().limit(settings.memberLists())
                    .forEach(member -> lists.add(pool.submit(() -> client.publicEventTypes(member, priority))));
            for (var list : lists) {
                // a member's list that fails is left to discovery: the others are still worth having
                if (get(list) instanceof CalcomOutcome.Success<List<EventTypeListing>> ok) {
                    listCalls.incrementAndGet();
                    ok.value().forEach(l -> found.putIfAbsent(l.info().id(), l));
                }
            }
        }
    }

    private static <T> T get(java.util.concurrent.Future<T> future) throws ListFailed {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListFailed("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ListFailed(e.getCause() instanceof ListFailed f ? f.getMessage() : String.valueOf(e.getCause()));
        }
    }

    private static boolean getChecked(java.util.concurrent.Future<Boolean> future) throws ListFailed {
        return get(future);
    }

    /** Every page of an organization's team event types; false when the key may not read them. */
    private boolean organizationTeams(long orgId, Map<Long, EventTypeListing> found, Priority priority)
            throws ListFailed {
        for (int skip = 0; ; skip += PAGE) {
            CalcomOutcome<List<EventTypeListing>> page = client.organizationTeamEventTypes(orgId, skip, PAGE, priority);
            if (page instanceof CalcomOutcome.Rejected<?> || page instanceof CalcomOutcome.Unauthorised<?>) {
                return false;
            }
            List<EventTypeListing> items = required(page, "organization " + orgId);
            items.forEach(l -> found.put(l.info().id(), l));
            if (items.size() < PAGE) {
                return true;
            }
        }
    }

    private <T> T required(CalcomOutcome<T> outcome, String what) throws ListFailed {
        if (!(outcome instanceof CalcomOutcome.Success<T> ok)) {
            throw new ListFailed(what + ": " + outcome.getClass().getSimpleName());
        }
        listCalls.incrementAndGet();
        return ok.value();
    }

    private static final class ListFailed extends Exception {
        ListFailed(String message) {
            super(message, null, false, false);
        }
    }

    private FillFailedException notFound(long eventTypeId) {
        String path = "/v2/slots?eventTypeId=" + eventTypeId;
        UpstreamResponse response = new UpstreamResponse(404, Map.of("content-type", List.of("application/json"),
                UNKNOWN_HEADER, List.of("unknown")),
                CalcomErrorBody.of(clock, path, 404, "NotFoundException", NOT_FOUND_MESSAGE));
        return new FillFailedException(new CalcomOutcome.Rejected<>(response), Priority.USER);
    }

    private UpstreamResponse unsure(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new UpstreamResponse(429, Map.of("retry-after", List.of(Long.toString(seconds)),
                UNKNOWN_HEADER, List.of("discoveries-spent")), "");
    }

    /** Figures for metrics and the dashboard. */
    public record Snapshot(boolean loaded, int listed, int discovered, long refusedUnknown, long discoveryLookups,
                           long refusedUnsure, long listCalls) {
    }

    public Snapshot snapshot() {
        return new Snapshot(loadedAt != null, listed.size(), discovered.size(), refusedUnknown.get(),
                discoveryLookups.get(), refusedUnsure.get(), listCalls.get());
    }
}
