package io.slotgate.availability;

import io.slotgate.calcom.Callers;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.EventTypeListing;
import io.slotgate.calcom.Priority;
import io.slotgate.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog's loads of the lists: what the last one that succeeded listed, and when.
 *
 * <p>A cold load reads the owner's and the teams' lists and at most {@link #membersPerRound} of their hosts' public
 * lists before the first query is admitted; the hosts' lists left go out that many per rate window, at refresh
 * priority, on the scheduler. Reading them all at once spent a third of Cal.com's window before the first fill (39 of
 * 116 calls with 100 event types on one key) and turned the first readers of the window away. While hosts' lists are
 * pending, an id the lists read so far do not name may be one of theirs: it is admitted provisionally, without a
 * lookup (a few per pending list), and served with its facts unknown until its host's list describes it (see
 * {@link EventTypeDirectory#provisional}).
 */
final class CatalogLoad {
    // the category operators already filter on: the loads were logged there before the split
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalog.class);
    /** How long a load that failed keeps queries from trying another at once. */
    private static final Duration RETRY_LOAD_AFTER = Duration.ofSeconds(30);
    /** Ids admitted provisionally per pending host list: a host has a few event types of their own, not dozens. */
    static final int PROVISIONAL_PER_MEMBER = 4;
    private final EventTypeLists lists;
    private final EventTypeDirectory directory;
    private final Clock clock;
    private final EventTypeCatalog.Settings settings;
    private final UnlistedIds unlisted;
    private final Scheduler scheduler;
    private final Duration window;
    private final ReentrantLock loading = new ReentrantLock();
    /** Hosts whose public lists the cold load left for later rounds. */
    private volatile List<String> membersPending = List.of();
    private volatile int provisionalCap;
    private final Set<Long> provisional = ConcurrentHashMap.newKeySet();
    private volatile Map<Long, EventTypeInfo> listed = Map.of();
    private volatile Instant loadedAt;
    private volatile Instant failedAt;

    /** @param window the rate window: the hosts' lists left by a cold load go out {@link #membersPerRound} per window */
    CatalogLoad(EventTypeLists lists, EventTypeDirectory directory, Clock clock, EventTypeCatalog.Settings settings,
                UnlistedIds unlisted, Scheduler scheduler, Duration window) {
        this.lists = lists;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.unlisted = unlisted;
        this.scheduler = scheduler;
        this.window = window;
    }

    /**
     * How many hosts' lists one round reads: the catalog's allowance for describing ids the lists did not name, the
     * same spending as a discovery lookup.
     */
    private int membersPerRound() {
        return Math.max(1, settings.discoveriesPerWindow());
    }

    /**
     * An id the lists read so far do not name, while hosts' lists are pending: admitted without a lookup, up to
     * {@link #PROVISIONAL_PER_MEMBER} per pending list, and held with its facts unknown until the lists are read.
     */
    boolean admitProvisionally(long eventTypeId) {
        if (membersPending.isEmpty()) {
            return false;
        }
        if (provisional.contains(eventTypeId)) {
            return true;
        }
        synchronized (provisional) {
            if (provisional.size() >= provisionalCap) {
                return false;
            }
            provisional.add(eventTypeId);
        }
        directory.provisional(eventTypeId, window.multipliedBy(2L + membersPending.size() / membersPerRound()));
        LOG.info("event type {} admitted before its host's list was read: served with its facts unknown until then",
                eventTypeId);
        return true;
    }

    int provisionalCount() {
        return provisional.size();
    }

    int hostListsPending() {
        return membersPending.size();
    }

    boolean loaded() {
        return loadedAt != null;
    }

    boolean isListed(long eventTypeId) {
        return listed.containsKey(eventTypeId);
    }

    int listedCount() {
        return listed.size();
    }

    /** The facts the last load listed for an id, else a lookup. */
    EventTypeInfo describe(long eventTypeId) {
        EventTypeInfo info = listed.get(eventTypeId);
        return info != null ? info : directory.reload(eventTypeId);
    }

    /** A listed id Cal.com's slots route no longer knows is dropped from the list until the next load. */
    void forget(long eventTypeId) {
        if (listed.containsKey(eventTypeId)) {
            Map<Long, EventTypeInfo> without = new LinkedHashMap<>(listed);
            without.remove(eventTypeId);
            listed = Map.copyOf(without);
        }
    }

    void loadIfCold() {
        Instant failed = failedAt;
        if (failed != null && failed.plus(RETRY_LOAD_AFTER).isAfter(clock.instant())) {
            return;
        }
        loading.lock();
        try {
            if (loadedAt == null) {
                // the lists serve every client: not charged to the share of whoever asked first
                Callers.as(Set.of(), () -> {
                    load(Priority.USER);
                    return null;
                });
            }
        } finally {
            loading.unlock();
        }
    }

    // a load already under way serves the refresh too
    void refresh() {
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
        boolean cold = loadedAt == null;
        Map<Long, EventTypeListing> found;
        List<String> later = List.of();
        try {
            if (cold) {
                EventTypeLists.Core core = lists.readCore(priority);
                int now = Math.min(core.members().size(), membersPerRound());
                found = EventTypeLists.withMembers(core.found(),
                        lists.readMembers(core.members().subList(0, now), priority));
                later = core.members().subList(now, core.members().size());
            } else {
                found = lists.read(priority);
            }
        } catch (EventTypeLists.ListFailed e) {
            failedAt = clock.instant();
            LOG.info("event-type catalog not loaded ({}); queries are admitted unchecked until it is", e.getMessage());
            return;
        }
        Map<Long, EventTypeInfo> facts = new LinkedHashMap<>();
        found.forEach((id, listing) -> facts.put(id, listing.info()));
        listed = Map.copyOf(facts);
        keep(facts);
        loadedAt = clock.instant();
        failedAt = null;
        LOG.info("event-type catalog loaded: {} event types", facts.size());
        if (!cold) {
            // a full load read every host's list: nothing is pending any more
            endProvisional();
        } else if (!later.isEmpty()) {
            provisionalCap = PROVISIONAL_PER_MEMBER * later.size();
            membersPending = List.copyOf(later);
            LOG.info("{} hosts' lists left for the next rate windows, {} a window", later.size(), membersPerRound());
            // a window from now, not at once: the budget is full at a cold start and would grant them all, and the
            // first window's calls are the first fills'
            scheduler.schedule(this::readPendingMembers, window);
        }
    }

    /** One round of the hosts' lists a cold load left: at refresh priority, the rest in a window. */
    private void readPendingMembers() {
        if (membersPending.isEmpty()) {
            return;
        }
        if (!loading.tryLock()) {
            scheduler.schedule(this::readPendingMembers, window);
            return;
        }
        try {
            List<String> pending = membersPending;
            List<String> round = pending.subList(0, Math.min(pending.size(), membersPerRound()));
            Map<String, List<EventTypeListing>> read;
            try {
                read = lists.readMembers(round, Priority.REFRESH);
            } catch (EventTypeLists.ListFailed e) {
                read = Map.of();
            }
            Map<Long, EventTypeInfo> added = new LinkedHashMap<>();
            EventTypeLists.withMembers(Map.of(), read).forEach((id, listing) -> {
                if (!listed.containsKey(id)) {
                    added.put(id, listing.info());
                }
            });
            Map<Long, EventTypeInfo> facts = new LinkedHashMap<>(listed);
            facts.putAll(added);
            listed = Map.copyOf(facts);
            keep(added);
            Set<String> done = read.keySet();
            // a list the budget refused goes to the back, so one that keeps failing does not hold the others up
            List<String> left = new ArrayList<>(pending.stream().filter(m -> !round.contains(m)).toList());
            round.stream().filter(m -> !done.contains(m)).forEach(left::add);
            membersPending = List.copyOf(left);
            LOG.info("hosts' lists: {} read this round, {} left", done.size(), left.size());
        } finally {
            loading.unlock();
        }
        if (membersPending.isEmpty()) {
            endProvisional();
        } else {
            scheduler.schedule(this::readPendingMembers, window);
        }
    }

    // listed facts outlive a few refused refreshes (see EventTypeDirectory.refresh), never less than a lookup's
    private void keep(Map<Long, EventTypeInfo> facts) {
        Duration lifetime = settings.refreshEvery().multipliedBy(EventTypeCatalog.LISTED_FOR_ROUNDS);
        Duration kept = lifetime.compareTo(EventTypeDirectory.KNOWN_FOR) > 0 ? lifetime : EventTypeDirectory.KNOWN_FOR;
        facts.values().forEach(info -> directory.refresh(info, kept));
        unlisted.listed(facts.keySet());
    }

    /**
     * Every host's list is read: a provisional id they did not name is an id like any other the lists do not name
     * (looked up at its next query, or answered 404).
     */
    private void endProvisional() {
        membersPending = List.of();
        for (long id : provisional) {
            if (!listed.containsKey(id)) {
                directory.forgetProvisional(id);
            }
        }
        provisional.clear();
    }
}
