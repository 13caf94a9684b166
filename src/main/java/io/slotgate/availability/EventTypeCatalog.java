package io.slotgate.availability;

import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tenant's event types, as Cal.com lists them to slotgate's key, so that a query for an id the tenant does not
 * have is answered with Cal.com's own 404 without spending a call, and the facts of every listed event type (length,
 * notice, buffers, hosts) come from the few list calls instead of one lookup each.
 *
 * <p>One load: {@code GET /v2/event-types} (the key owner's own), {@code GET /v2/teams}, then each organization's
 * {@code GET /v2/organizations/{id}/teams/event-types} (paged; per team when the key may not read it) and each other
 * team's {@code GET /v2/teams/{id}/event-types}, then the public lists ({@code GET /v2/event-types?username=…}) of the
 * hosts those name, at most {@link Settings#memberLists()}. Loaded at start-up and, when cold, before the first query is
 * admitted; again every {@link Settings#refreshEvery()} at refresh priority. A cold load reads only a window's allowance
 * of the hosts' lists ({@link Settings#discoveriesPerWindow()}) and the rest in the next windows; meanwhile an id they may
 * name is admitted provisionally ({@link CatalogLoad}).
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
 *
 * <p>Behind this front: {@link CatalogLoad} (over {@link EventTypeLists}), {@link UnlistedIds} and
 * {@link CatalogRefusals}.
 */
public final class EventTypeCatalog {
    /** Marks Cal.com's 404 answered from the catalog, without a call. */
    public static final String UNKNOWN_HEADER = "x-slotgate-catalog";
    /** Cal.com's message for an event type its slots route does not know (slots-input.service.ts). */
    public static final String NOT_FOUND_MESSAGE = "Event Type not found";
    /** How many refresh rounds a listed fact outlives: a refresh the budget refuses must not expire it. */
    static final int LISTED_FOR_ROUNDS = 4;

    /**
     * @param enabled              off: every id is admitted, as before the catalog
     * @param refreshEvery         how often the lists are read again
     * @param discoveriesPerWindow most lookups of unlisted ids in any rate window ({@code RateBudget.WINDOW}), and the
     *                             hosts' lists a cold load reads at once (the rest that many per window)
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
    public enum Verdict { LISTED, DISCOVERED, PROVISIONAL, UNKNOWN, UNSURE, OPEN }

    private final Settings settings;
    private final CatalogRefusals refusals;
    private final UnlistedIds unlisted;
    private final EventTypeLists lists;
    private final CatalogLoad load;

    /**
     * @param onRefusal told of the clients whose query the catalog refused (an unknown id, or one it could not look
     *                  up now): each would have been a call without the catalog, so it counts against the client's
     *                  fair share (the rate budget's)
     */
    public EventTypeCatalog(CalcomClient client, EventTypeDirectory directory, Clock clock, Scheduler scheduler,
                            Settings settings, Duration window, java.util.function.Consumer<Set<String>> onRefusal) {
        this.settings = settings;
        this.refusals = new CatalogRefusals(clock, onRefusal);
        this.unlisted = new UnlistedIds(directory, clock, settings, window, refusals);
        this.lists = new EventTypeLists(client, settings.memberLists());
        this.load = new CatalogLoad(lists, directory, clock, settings, unlisted, scheduler, window);
    }

    /** A catalog that admits every id (no API key, or switched off). */
    public static EventTypeCatalog open(CalcomClient client, EventTypeDirectory directory, Clock clock,
                                        java.util.function.Consumer<Set<String>> onRefusal) {
        return new EventTypeCatalog(client, directory, clock, Scheduler.inline(), Settings.disabled(),
                Duration.ofSeconds(62), onRefusal);
    }

    public Settings settings() {
        return settings;
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
        if (!load.loaded()) {
            load.loadIfCold();
            if (!load.loaded()) {
                return Verdict.OPEN;
            }
        }
        if (load.isListed(eventTypeId)) {
            return Verdict.LISTED;
        }
        if (unlisted.isDiscovered(eventTypeId)) {
            return Verdict.DISCOVERED;
        }
        if (!unlisted.knownUnknown(eventTypeId) && load.admitProvisionally(eventTypeId)) {
            return Verdict.PROVISIONAL;
        }
        return unlisted.admit(eventTypeId);
    }

    /** Cal.com's slots route answered 404 for an id: it is gone (or never was), and answered so for a while. */
    public void gone(long eventTypeId) {
        if (!settings.enabled()) {
            return;
        }
        load.forget(eventTypeId);
        unlisted.gone(eventTypeId);
    }

    /** The facts the last load listed for an id, else a lookup: what the host map's refresh asks. */
    public EventTypeInfo describe(long eventTypeId) {
        return load.describe(eventTypeId);
    }

    /** At start-up and for the first query: one load at user priority, shared by every query that waits for it. */
    void loadIfCold() {
        load.loadIfCold();
    }

    /** The periodic refresh; the first load when none has succeeded yet. */
    public void refresh() {
        if (!settings.enabled()) {
            return;
        }
        load.refresh();
    }

    /** Figures for metrics and the dashboard. */
    public record Snapshot(boolean loaded, int listed, int discovered, long refusedUnknown, long discoveryLookups,
                           long refusedUnsure, long listCalls, int provisional, int hostListsPending) {
    }

    public Snapshot snapshot() {
        return new Snapshot(load.loaded(), load.listedCount(), unlisted.discovered(), unlisted.refusedUnknown(),
                unlisted.discoveryLookups(), unlisted.refusedUnsure(), lists.listCalls(), load.provisionalCount(),
                load.hostListsPending());
    }
}
