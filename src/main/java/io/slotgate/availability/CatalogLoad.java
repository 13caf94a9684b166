package io.slotgate.availability;

import io.slotgate.calcom.Callers;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.EventTypeListing;
import io.slotgate.calcom.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** The catalog's loads of the lists: what the last one that succeeded listed, and when. */
final class CatalogLoad {
    // the category operators already filter on: the loads were logged there before the split
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalog.class);
    /** How long a load that failed keeps queries from trying another at once. */
    private static final Duration RETRY_LOAD_AFTER = Duration.ofSeconds(30);
    private final EventTypeLists lists;
    private final EventTypeDirectory directory;
    private final Clock clock;
    private final EventTypeCatalog.Settings settings;
    private final UnlistedIds unlisted;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Map<Long, EventTypeInfo> listed = Map.of();
    private volatile Instant loadedAt;
    private volatile Instant failedAt;

    CatalogLoad(EventTypeLists lists, EventTypeDirectory directory, Clock clock, EventTypeCatalog.Settings settings,
                UnlistedIds unlisted) {
        this.lists = lists;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.unlisted = unlisted;
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
        Map<Long, EventTypeListing> found;
        try {
            found = lists.read(priority);
        } catch (EventTypeLists.ListFailed e) {
            failedAt = clock.instant();
            LOG.info("event-type catalog not loaded ({}); queries are admitted unchecked until it is", e.getMessage());
            return;
        }
        Map<Long, EventTypeInfo> facts = new LinkedHashMap<>();
        found.forEach((id, listing) -> facts.put(id, listing.info()));
        listed = Map.copyOf(facts);
        // listed facts outlive a few refused refreshes (see EventTypeDirectory.refresh), never less than a lookup's
        Duration lifetime = settings.refreshEvery().multipliedBy(EventTypeCatalog.LISTED_FOR_ROUNDS);
        Duration kept = lifetime.compareTo(EventTypeDirectory.KNOWN_FOR) > 0 ? lifetime : EventTypeDirectory.KNOWN_FOR;
        facts.values().forEach(info -> directory.refresh(info, kept));
        unlisted.listed(facts.keySet());
        loadedAt = clock.instant();
        failedAt = null;
        LOG.info("event-type catalog loaded: {} event types", facts.size());
    }
}
