package io.slotgate.invalidation;

import io.slotgate.cache.DayChange;
import io.slotgate.cache.TenantId;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Turns "these hosts were made busy or free at these times" into changes of cached days (DESIGN.md §5): for the booked
 * event type and every event type whose hosts include an affected host, every UTC day that overlaps the time stretched
 * by the booked type's buffers and its own, as Cal.com stretches a busy time. A busy time goes to each day as a
 * {@link DayChange.Busy} (the cache patches it in at once); a freed time queues the day's refetch (a cancelled slot is
 * not added back: the host may be busy for another reason).
 *
 * <p>Never on the request path to Cal.com: when the booked event type is not in the host map, its own days are
 * changed at once (widened by the largest buffers known), the map is refreshed in the background, and the change is
 * repeated for the hosts' other event types once they are known. Repeating a change is harmless (patching a busy time
 * in twice changes nothing). A failure on one event type is logged and counted, and the others are still changed.
 *
 * <p>This front decides which event types a change reaches, with which buffers; {@link EventTypeChanges} sends each
 * one's days to the sink.
 */
public final class Invalidator {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidator.class);

    /** What a change did to the hosts' time. */
    public record HostTimes(List<TimeRange> busy, List<TimeRange> freed, DayChange.Kind kind) {
        public HostTimes {
            busy = List.copyOf(busy);
            freed = List.copyOf(freed);
        }

        public static HostTimes booked(List<TimeRange> busy) {
            return new HostTimes(busy, List.of(), DayChange.Kind.BOOKED);
        }

        public static HostTimes freed(List<TimeRange> freed) {
            return new HostTimes(List.of(), freed, DayChange.Kind.BOOKED);
        }

        public static HostTimes reserved(List<TimeRange> held) {
            return new HostTimes(held, List.of(), DayChange.Kind.RESERVED);
        }
    }

    private final TenantId tenant;
    private final HostMap hosts;
    private final InvalidationCounters counters;
    private final Clock clock;
    private final BooleanSupplier hostAware;
    private final ActivityTracker activity;
    private final EventTypeChanges changes;

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
        this.hosts = hosts;
        this.counters = counters;
        this.clock = clock;
        this.hostAware = hostAware;
        this.activity = activity;
        this.changes = new EventTypeChanges(tenant, sink, hosts, counters, clock);
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
                    bookingChanged(change.eventTypeId(), change.hostIds(), times(change), cause);
            case WebhookEvent.OutOfOffice ooo -> hostUnavailable(ooo.hostId(), ooo.window(), cause);
            case WebhookEvent.NoAvailabilityChange ignored -> {
            }
            case WebhookEvent.Unrecognised ignored -> {
            }
        }
    }

    /**
     * What a trigger does to the hosts' time (NOTES.md §5a): a booking made, requested or paid for makes them busy; a
     * cancellation or a rejection may free them; a reschedule does both (the new time, then the old one). A booking
     * trigger this does not know is taken both ways: patched in, and refetched.
     */
    static HostTimes times(WebhookEvent.BookingChange change) {
        List<TimeRange> windows = change.windows();
        return switch (change.trigger()) {
            case "BOOKING_CREATED", "BOOKING_REQUESTED", "BOOKING_PAYMENT_INITIATED", "BOOKING_PAID" ->
                    HostTimes.booked(windows);
            case "BOOKING_CANCELLED", "BOOKING_REJECTED" -> HostTimes.freed(windows);
            case "BOOKING_RESCHEDULED" -> new HostTimes(windows.subList(0, 1), windows.subList(1, windows.size()),
                    DayChange.Kind.BOOKED);
            default -> new HostTimes(windows, windows, DayChange.Kind.BOOKED);
        };
    }

    /**
     * A booking was made, moved, cancelled or a slot reserved: its hosts are busy in {@code times.busy()} and may be
     * free in {@code times.freed()}.
     *
     * @param hostIds the hosts named by Cal.com; when empty, all hosts of the event type are assumed affected
     */
    public void bookingChanged(OptionalLong eventTypeId, Set<Long> hostIds, HostTimes times, Cause cause) {
        counters.invalidation(cause);
        eventTypeId.ifPresent(id -> activity.bookingChanged(tenant, id));
        Instant learnedAt = clock.instant();
        if (!hostAware.getAsBoolean()) {
            eventTypeId.ifPresent(id -> changes.changed(id, times, 0, 0, learnedAt, cause));
            return;
        }
        Set<Long> affected = new LinkedHashSet<>(hostIds);
        Optional<HostMap.Entry> booked = eventTypeId.isPresent() ? hosts.entry(eventTypeId.getAsLong()) : Optional.empty();
        if (affected.isEmpty() && times.kind() == DayChange.Kind.RESERVED) {
            // Cal.com stores a reservation for the event type's owner, or a team event type's first host only
            // (docs/calcom-slots.md)
            booked.flatMap(e -> e.hostIds().stream().findFirst()).ifPresent(affected::add);
        } else if (affected.isEmpty()) {
            booked.ifPresent(e -> affected.addAll(e.hostIds()));
        }
        int bookedBefore = booked.map(HostMap.Entry::beforeBufferMinutes).orElse(hosts.maxBeforeBuffer());
        int bookedAfter = booked.map(HostMap.Entry::afterBufferMinutes).orElse(hosts.maxAfterBuffer());
        Set<Long> targets = new LinkedHashSet<>();
        eventTypeId.ifPresent(targets::add);
        affected.forEach(host -> targets.addAll(hosts.eventTypesOf(host)));
        // an event type whose hosts are not known may share one with this booking: a refetch too many, never a
        // booked slot offered
        targets.addAll(hosts.undescribed());
        for (long target : targets) {
            changes.changed(target, times, bookedBefore, bookedAfter, learnedAt, cause);
        }
        if (eventTypeId.isPresent() && booked.isEmpty()) {
            long id = eventTypeId.getAsLong();
            hosts.refreshAsync(id).thenAccept(entry -> entry.ifPresent(known -> {
                Set<Long> more = new LinkedHashSet<>(hostIds.isEmpty() ? known.hostIds() : hostIds);
                Set<Long> later = new LinkedHashSet<>();
                later.add(id);
                more.forEach(host -> later.addAll(hosts.eventTypesOf(host)));
                for (long target : later) {
                    changes.changed(target, times, known.beforeBufferMinutes(), known.afterBufferMinutes(),
                            learnedAt, cause);
                }
            })).exceptionally(e -> {
                LOG.warn("late change for event type {} failed: {}", id, e.toString());
                return null;
            });
        }
    }

    /**
     * A reservation made or released through the 2024-04-15 route ({@code POST /v2/slots/reserve},
     * {@code DELETE /v2/slots/selected-slot}), which stores rows for the event type's own user only: a user's event
     * type holds (or frees) its owner's time on every event type of theirs; a team event type has no users of its own,
     * so nothing was stored and nothing changes (docs/calcom-slots.md). An event type not yet known is looked up first,
     * off the caller's path.
     */
    public void usersOwnReservationChanged(long eventTypeId, HostTimes times, Cause cause) {
        Optional<HostMap.Entry> known = hosts.entry(eventTypeId);
        if (known.isPresent()) {
            usersOwnReservationChanged(known.get(), times, cause);
            return;
        }
        hosts.refreshAsync(eventTypeId).thenAccept(entry -> entry.ifPresent(e -> usersOwnReservationChanged(e, times,
                cause))).exceptionally(e -> {
                    LOG.warn("reservation change for event type {} failed: {}", eventTypeId, e.toString());
                    return null;
                });
    }

    private void usersOwnReservationChanged(HostMap.Entry entry, HostTimes times, Cause cause) {
        if (entry.usersOwn() && !entry.hostIds().isEmpty()) {
            bookingChanged(OptionalLong.of(entry.eventTypeId()), Set.of(entry.hostIds().iterator().next()), times,
                    cause);
        }
    }

    /** OOO_CREATED: every event type of the host, busy over the entry's time. */
    public void hostUnavailable(long hostId, TimeRange window, Cause cause) {
        if (!hostAware.getAsBoolean()) {
            return;
        }
        counters.invalidation(cause);
        Instant learnedAt = clock.instant();
        for (long target : hosts.eventTypesOf(hostId)) {
            changes.changed(target, HostTimes.booked(List.of(window)), 0, 0, learnedAt, cause);
        }
    }

    /**
     * One event type's days, whose copies must not be served any more (a slot found taken, an admin's request): the
     * next reader waits for a fill.
     */
    public void eventTypeDays(long eventTypeId, TimeRange window, Cause cause) {
        counters.invalidation(cause);
        changes.dropped(eventTypeId, window, cause);
    }
}
