package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.slotgate.policy.ActivityTracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Turns "these hosts were made busy or free at these times" into generation bumps (DESIGN.md §5): every UTC day that
 * overlaps [start - buffers, end + buffers] of every event type whose hosts include an affected host, plus the booked
 * event type itself even when its hosts are unknown. The widening of each event type T is the booked event type's
 * buffers plus T's own, as Cal.com stretches a busy time by both.
 *
 * <p>Never on the request path to Cal.com: when the booked event type is not in the host map, its own days are
 * invalidated at once (widened by the largest buffers known), the map is refreshed in the background, and the
 * invalidation is repeated once its hosts are known. Re-invalidating is harmless (a generation only moves on).
 * A failure on one event type is logged and counted, and the others are still invalidated.
 */
public final class Invalidator {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidator.class);
    /** Days further than this from now are not bucketed by anyone; an OOO of a year is not a million bumps. */
    private static final Duration HORIZON = Duration.ofDays(400);

    private final TenantId tenant;
    private final InvalidationSink sink;
    private final HostMap hosts;
    private final InvalidationCounters counters;
    private final Clock clock;
    private final BooleanSupplier hostAware;
    private final ActivityTracker activity;

    public Invalidator(TenantId tenant, InvalidationSink sink, HostMap hosts, InvalidationCounters counters, Clock clock) {
        this(tenant, sink, hosts, counters, clock, () -> true, new ActivityTracker(clock));
    }

    /**
     * @param hostAware whether a booking reaches every event type of its hosts (slotgate's policy) or only the booked
     *                  one (the seed's hybrid phase); read per booking, so a policy reload applies at once
     * @param activity  told of every booking change, for the adaptive policy's booking velocity
     */
    public Invalidator(TenantId tenant, InvalidationSink sink, HostMap hosts, InvalidationCounters counters, Clock clock,
                       BooleanSupplier hostAware, ActivityTracker activity) {
        this.tenant = tenant;
        this.sink = sink;
        this.hosts = hosts;
        this.counters = counters;
        this.clock = clock;
        this.hostAware = hostAware;
        this.activity = activity;
    }

    public ActivityTracker activity() {
        return activity;
    }

    public HostMap hosts() {
        return hosts;
    }

    public InvalidationCounters counters() {
        return counters;
    }

    /** Acts on a verified webhook; a no-op for triggers that change no availability. */
    public void apply(WebhookEvent event) {
        Cause cause = Cause.webhook(event.trigger());
        switch (event) {
            case WebhookEvent.BookingChange change ->
                    bookingChanged(change.eventTypeId(), change.hostIds(), change.windows(), cause);
            case WebhookEvent.OutOfOffice ooo -> hostUnavailable(ooo.hostId(), ooo.window(), cause);
            case WebhookEvent.NoAvailabilityChange ignored -> {
            }
            case WebhookEvent.Unrecognised ignored -> {
            }
        }
    }

    /**
     * A booking was made, moved, cancelled or a slot reserved: its hosts are busy or free in {@code windows}.
     *
     * @param hostIds the hosts named by Cal.com; when empty, all hosts of the event type are assumed affected
     */
    public void bookingChanged(OptionalLong eventTypeId, Set<Long> hostIds, List<TimeRange> windows, Cause cause) {
        counters.invalidation(cause);
        eventTypeId.ifPresent(id -> activity.bookingChanged(tenant, id));
        if (!hostAware.getAsBoolean()) {
            eventTypeId.ifPresent(id -> invalidateEventType(id, windows, 0, 0, cause));
            return;
        }
        Set<Long> affected = new LinkedHashSet<>(hostIds);
        Optional<HostMap.Entry> booked = eventTypeId.isPresent() ? hosts.entry(eventTypeId.getAsLong()) : Optional.empty();
        if (affected.isEmpty()) {
            booked.ifPresent(e -> affected.addAll(e.hostIds()));
        }
        int bookedBefore = booked.map(HostMap.Entry::beforeBufferMinutes).orElse(hosts.maxBeforeBuffer());
        int bookedAfter = booked.map(HostMap.Entry::afterBufferMinutes).orElse(hosts.maxAfterBuffer());
        Set<Long> targets = new LinkedHashSet<>();
        eventTypeId.ifPresent(targets::add);
        affected.forEach(host -> targets.addAll(hosts.eventTypesOf(host)));
        for (long target : targets) {
            invalidateEventType(target, windows, bookedBefore, bookedAfter, cause);
        }
        if (eventTypeId.isPresent() && booked.isEmpty()) {
            long id = eventTypeId.getAsLong();
            hosts.refreshAsync(id).thenAccept(entry -> entry.ifPresent(known -> {
                Set<Long> more = new LinkedHashSet<>(hostIds.isEmpty() ? known.hostIds() : hostIds);
                Set<Long> later = new LinkedHashSet<>();
                later.add(id);
                more.forEach(host -> later.addAll(hosts.eventTypesOf(host)));
                for (long target : later) {
                    invalidateEventType(target, windows, known.beforeBufferMinutes(), known.afterBufferMinutes(),
                            cause);
                }
            })).exceptionally(e -> {
                LOG.warn("late invalidation for event type {} failed: {}", id, e.toString());
                return null;
            });
        }
    }

    /** OOO_CREATED: every event type of the host, over the entry's time. */
    public void hostUnavailable(long hostId, TimeRange window, Cause cause) {
        if (!hostAware.getAsBoolean()) {
            return;
        }
        counters.invalidation(cause);
        for (long target : hosts.eventTypesOf(hostId)) {
            invalidateEventType(target, List.of(window), 0, 0, cause);
        }
    }

    /** One event type's days and nothing else (a slot found taken, an admin's request). */
    public void eventTypeDays(long eventTypeId, TimeRange window, Cause cause) {
        counters.invalidation(cause);
        int before = hosts.entry(eventTypeId).map(HostMap.Entry::beforeBufferMinutes).orElse(0);
        int after = hosts.entry(eventTypeId).map(HostMap.Entry::afterBufferMinutes).orElse(0);
        invalidateEventType(eventTypeId, List.of(window), before, after, cause);
    }

    private void invalidateEventType(long eventTypeId, List<TimeRange> windows, int extraBefore, int extraAfter,
                                     Cause cause) {
        try {
            Optional<HostMap.Entry> entry = hosts.entry(eventTypeId);
            long before = extraBefore + entry.map(HostMap.Entry::beforeBufferMinutes).orElse(0);
            long after = extraAfter + entry.map(HostMap.Entry::afterBufferMinutes).orElse(0);
            Set<LocalDate> days = new LinkedHashSet<>();
            for (TimeRange window : windows) {
                days.addAll(days(window, before, after));
            }
            for (LocalDate day : days) {
                sink.invalidate(new CacheKey.Generation(tenant, eventTypeId, day));
            }
            counters.add(InvalidationCounters.GENERATIONS_BUMPED, days.size());
            LOG.info("invalidation tenant={} eventType={} days={} outcome={} cause={}", tenant, eventTypeId, days,
                    days.isEmpty() ? "none-in-horizon" : "generations-bumped", cause);
        } catch (RuntimeException e) {
            counters.increment(InvalidationCounters.FAILURES);
            LOG.error("invalidating event type {} of tenant {} failed; the other event types go on", eventTypeId,
                    tenant, e);
        }
    }

    /** The UTC days overlapping the window widened by the buffers, within the horizon around now. */
    List<LocalDate> days(TimeRange window, long beforeMinutes, long afterMinutes) {
        Instant now = clock.instant();
        Instant start = max(window.start().minus(Duration.ofMinutes(beforeMinutes)), now.minus(Duration.ofDays(1)));
        Instant end = min(window.end().plus(Duration.ofMinutes(afterMinutes)), now.plus(HORIZON));
        if (end.isBefore(start)) {
            return List.of();
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = TimeRange.utcDayOf(start); !d.isAfter(TimeRange.utcDayOf(end)); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
