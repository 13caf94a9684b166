package io.slotgate.availability;

import io.slotgate.calcom.EventTypeInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids the lists do not name: discovered by one lookup each from a window's allowance, or known to be unknown for a
 * while.
 */
final class UnlistedIds {
    private final EventTypeDirectory directory;
    private final Clock clock;
    private final EventTypeCatalog.Settings settings;
    private final Duration window;
    private final CatalogRefusals refusals;
    private final Map<Long, Boolean> discovered = new ConcurrentHashMap<>();
    private final Map<Long, Instant> unknownUntil = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> discovering = new ConcurrentHashMap<>();
    private final ArrayDeque<Instant> discoveries = new ArrayDeque<>();
    private final AtomicLong refusedUnknown = new AtomicLong();
    private final AtomicLong discoveryLookups = new AtomicLong();
    private final AtomicLong refusedUnsure = new AtomicLong();

    UnlistedIds(EventTypeDirectory directory, Clock clock, EventTypeCatalog.Settings settings, Duration window,
                CatalogRefusals refusals) {
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.window = window;
        this.refusals = refusals;
    }

    boolean isDiscovered(long eventTypeId) {
        return discovered.containsKey(eventTypeId);
    }

    /** Whether Cal.com said lately that it does not know the id. */
    boolean knownUnknown(long eventTypeId) {
        return knownUnknown(eventTypeId, clock.instant());
    }

    private boolean knownUnknown(long eventTypeId, Instant now) {
        Instant until = unknownUntil.get(eventTypeId);
        return until != null && until.isAfter(now);
    }

    /** An id neither listed nor discovered: refused while known unknown, else looked up. */
    EventTypeCatalog.Verdict admit(long eventTypeId) {
        Instant now = clock.instant();
        if (knownUnknown(eventTypeId, now)) {
            refusedUnknown.incrementAndGet();
            throw refusals.notFound(eventTypeId);
        }
        return discover(eventTypeId, now);
    }

    private EventTypeCatalog.Verdict discover(long eventTypeId, Instant now) {
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
                throw refusals.unsure(wait.get());
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
            return EventTypeCatalog.Verdict.DISCOVERED;
        }
        unknownUntil.put(eventTypeId, now.plus(settings.unknownFor()));
        refusedUnknown.incrementAndGet();
        throw refusals.notFound(eventTypeId);
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

    /** Cal.com's slots route does not know the id: answered 404 for a while. */
    void gone(long eventTypeId) {
        discovered.remove(eventTypeId);
        unknownUntil.put(eventTypeId, clock.instant().plus(settings.unknownFor()));
    }

    /** Ids a load listed are the lists' from now on. */
    void listed(Collection<Long> ids) {
        ids.forEach(id -> {
            discovered.remove(id);
            unknownUntil.remove(id);
        });
    }

    int discovered() {
        return discovered.size();
    }

    long refusedUnknown() {
        return refusedUnknown.get();
    }

    long discoveryLookups() {
        return discoveryLookups.get();
    }

    long refusedUnsure() {
        return refusedUnsure.get();
    }
}
