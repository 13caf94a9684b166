package io.slotgate.invalidation;

import static io.slotgate.time.Instants.max;
import static io.slotgate.time.Instants.min;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.TenantId;
import io.slotgate.invalidation.Invalidator.HostTimes;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One event type's changed days, sent to the sink, counted and logged: the busy times patched into every day they
 * reach, the freed times' days queued for a refetch, or every day of a window dropped. Only days within the horizon
 * around now. A day whose change fails is logged and the event type's other days still go on; the failure is counted
 * once for the event type, and the caller goes on with the other event types.
 */
final class EventTypeChanges {
    /** The invalidation log keeps the name operators search it by. */
    private static final Logger LOG = LoggerFactory.getLogger(Invalidator.class);
    /** Days further than this from now are not bucketed by anyone; an OOO of a year is not a million changes. */
    private static final Duration HORIZON = Duration.ofDays(400);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private final TenantId tenant;
    private final InvalidationSink sink;
    private final HostMap hosts;
    private final InvalidationCounters counters;
    private final Clock clock;

    EventTypeChanges(TenantId tenant, InvalidationSink sink, HostMap hosts, InvalidationCounters counters,
                     Clock clock) {
        this.tenant = tenant;
        this.sink = sink;
        this.hosts = hosts;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * The change for one event type T: each busy time, stretched by the booked type's buffers and T's (Cal.com
     * blocks a slot of T when the booking, widened by its own type's buffers, overlaps the slot widened by T's), goes
     * to every day it overlaps; each freed time queues its days' refetch.
     */
    void changed(long eventTypeId, HostTimes times, int bookedBefore, int bookedAfter, Instant learnedAt,
                 Cause cause) {
        try {
            Optional<HostMap.Entry> entry = hosts.entry(eventTypeId);
            boolean reserved = times.kind() == DayChange.Kind.RESERVED;
            // a reservation blocks the slots it overlaps, unstretched (Cal.com checks it against the laid slots)
            long before = reserved ? 0 : bookedBefore + entry.map(HostMap.Entry::afterBufferMinutes).orElse(0);
            long after = reserved ? 0 : bookedAfter + entry.map(HostMap.Entry::beforeBufferMinutes).orElse(0);
            // a reservation blocks the slots of every event type of its host, round robin too, whatever other hosts
            // are free (docs/calcom-slots.md); a busy host blocks a slot for certain only where every host must come
            boolean certain = reserved || entry.map(HostMap.Entry::oneBusyHostBlocks).orElse(false);
            Set<LocalDate> patched = new LinkedHashSet<>();
            boolean anyFailed = false;
            for (TimeRange busy : times.busy()) {
                Instant start = busy.start().minus(Duration.ofMinutes(before));
                Instant end = busy.end().plus(Duration.ofMinutes(after));
                if (!end.isAfter(start)) {
                    continue;
                }
                // a booking also goes to the day after its last: a range running over midnight is cut too, and off
                // a fixed lattice its slots there move (BucketPatch)
                TimeRange reach = reserved ? new TimeRange(start, end) : new TimeRange(start, end.plus(ONE_DAY));
                for (LocalDate day : days(reach, 0, 0)) {
                    DayChange.Busy change = new DayChange.Busy(learnedAt, start, end, times.kind(), certain);
                    if (sent(eventTypeId, day, () -> sink.changed(new CacheKey.Generation(tenant, eventTypeId, day),
                            change))) {
                        patched.add(day);
                    } else {
                        anyFailed = true;
                    }
                }
            }
            Set<LocalDate> freed = new LinkedHashSet<>();
            long freedBefore = bookedBefore + entry.map(HostMap.Entry::beforeBufferMinutes).orElse(0);
            long freedAfter = bookedAfter + entry.map(HostMap.Entry::afterBufferMinutes).orElse(0);
            for (TimeRange window : times.freed()) {
                for (LocalDate day : days(window, freedBefore, freedAfter)) {
                    if (sent(eventTypeId, day, () -> sink.mayHaveFreed(new CacheKey.Generation(tenant, eventTypeId,
                            day), learnedAt))) {
                        freed.add(day);
                    } else {
                        anyFailed = true;
                    }
                }
            }
            if (anyFailed) {
                counters.increment(InvalidationCounters.FAILURES);
            }
            counters.add(InvalidationCounters.GENERATIONS_BUMPED, patched.size());
            if (!patched.isEmpty()) {
                counters.add(InvalidationCounters.patches(cause), patched.size());
            }
            LOG.info("invalidation tenant={} eventType={} days={} outcome={} cause={}", tenant, eventTypeId,
                    patched.isEmpty() ? freed : patched, patched.isEmpty() && freed.isEmpty() ? "none-in-horizon"
                            : !patched.isEmpty() ? "patched" : "refetch", cause);
        } catch (RuntimeException e) {
            failed(eventTypeId, e);
        }
    }

    /** Every day of the window (widened by the event type's buffers) dropped: no copy of it may be served. */
    void dropped(long eventTypeId, TimeRange window, Cause cause) {
        int before = hosts.entry(eventTypeId).map(HostMap.Entry::beforeBufferMinutes).orElse(0);
        int after = hosts.entry(eventTypeId).map(HostMap.Entry::afterBufferMinutes).orElse(0);
        Instant learnedAt = clock.instant();
        try {
            List<LocalDate> days = days(window, before, after);
            boolean anyFailed = false;
            for (LocalDate day : days) {
                anyFailed |= !sent(eventTypeId, day, () -> sink.changed(new CacheKey.Generation(tenant, eventTypeId,
                        day), new DayChange.Dropped(learnedAt, cause.label())));
            }
            if (anyFailed) {
                counters.increment(InvalidationCounters.FAILURES);
            }
            counters.add(InvalidationCounters.GENERATIONS_BUMPED, days.size());
            LOG.info("invalidation tenant={} eventType={} days={} outcome={} cause={}", tenant, eventTypeId, days,
                    days.isEmpty() ? "none-in-horizon" : "dropped", cause);
        } catch (RuntimeException e) {
            failed(eventTypeId, e);
        }
    }

    /**
     * One day's change sent on: a day whose change fails (its follow-up, say) is logged, and the event type's other
     * days are still changed, so one failure never leaves a later day offering a taken slot. The caller counts the
     * failure once per event type, as before.
     */
    private boolean sent(long eventTypeId, LocalDate day, Runnable send) {
        try {
            send.run();
            return true;
        } catch (RuntimeException e) {
            LOG.error("changing day {} of event type {} of tenant {} failed; its other days go on", day, eventTypeId,
                    tenant, e);
            return false;
        }
    }

    private void failed(long eventTypeId, RuntimeException e) {
        counters.increment(InvalidationCounters.FAILURES);
        LOG.error("changing event type {} of tenant {} failed; the other event types go on", eventTypeId, tenant, e);
    }

    /** The UTC days overlapping the window widened by the buffers, within the horizon around now. */
    private List<LocalDate> days(TimeRange window, long beforeMinutes, long afterMinutes) {
        Instant now = clock.instant();
        Instant start = max(window.start().minus(Duration.ofMinutes(beforeMinutes)), now.minus(Duration.ofDays(1)));
        Instant end = min(window.end().plus(Duration.ofMinutes(afterMinutes)), now.plus(HORIZON));
        if (end.isBefore(start)) {
            return List.of();
        }
        List<LocalDate> days = new ArrayList<>();
        // a busy time that ends exactly at midnight does not touch the next day
        Instant last = end.isAfter(start) ? end.minusNanos(1) : end;
        for (LocalDate d = TimeRange.utcDayOf(start); !d.isAfter(TimeRange.utcDayOf(last)); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }
}
