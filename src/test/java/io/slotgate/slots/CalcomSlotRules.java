package io.slotgate.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Cal.com's slot rules over given free ranges, written from packages/features/schedules/lib/slots.ts
 * ({@code buildSlotsWithDateRanges}), util.ts ({@code getStartTime}, the reservation and notice filters) and
 * getAggregatedAvailability: the yardstick for {@link CalcomLayout} at the level of ranges, where a test can choose
 * exactly the ranges that make the hard cases. Kept apart from {@link SlotGrid} on purpose: it shares no code with the
 * library it checks.
 */
final class CalcomSlotRules {
    record Free(Instant start, Instant end) {
        Free {
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("range ends before it starts");
            }
        }
    }

    private CalcomSlotRules() {
    }

    /** Slot starts Cal.com answers at {@code now} for {@code [queryStart, queryEnd]} over these free ranges. */
    static List<Instant> slots(List<Free> ranges, FillShape.Aggregation aggregation, int frequency, int length,
                               Instant queryStart, Instant queryEnd, ZoneId zone, Instant now, int notice,
                               List<Free> reservations) {
        Instant dateFrom = max(queryStart, now.plus(Duration.ofMinutes(Math.max(notice, 1))));
        List<Free> clipped = new ArrayList<>();
        for (Free r : ranges) {
            Instant s = max(r.start(), dateFrom);
            Instant e = r.end().isBefore(queryEnd) ? r.end() : queryEnd;
            if (!e.isBefore(s)) {
                clipped.add(new Free(s, e));
            }
        }
        clipped.sort(Comparator.comparing(Free::start).thenComparing(Free::end));
        if (aggregation == FillShape.Aggregation.UNITED) {
            clipped = withoutRedundant(clipped);
        }
        int interval = 1;
        for (int candidate : new int[]{60, 30, 20, 15, 10, 5}) {
            if (frequency % candidate == 0) {
                interval = candidate;
                break;
            }
        }
        Instant withNotice = now.plus(Duration.ofMinutes(notice));
        Duration step = Duration.ofMinutes(frequency);
        Duration slotLength = Duration.ofMinutes(length);
        TreeSet<Instant> slots = new TreeSet<>();
        for (Free range : clipped) {
            Instant t = range.start().isAfter(withNotice) ? range.start() : withNotice;
            t = t.truncatedTo(ChronoUnit.MINUTES);
            ZonedDateTime local = t.atZone(zone);
            if (local.getMinute() % interval != 0) {
                int minutes = (int) Math.ceil(local.getMinute() / (double) interval) * interval;
                t = local.truncatedTo(ChronoUnit.HOURS).toInstant().plus(Duration.ofMinutes(minutes));
            }
            Instant previous = slots.lower(t);
            if (previous != null && previous.plus(step).isAfter(t)) {
                t = previous.isBefore(range.start()) ? previous.plus(step) : previous;
            }
            while (!t.plus(slotLength).minusSeconds(1).isAfter(range.end())) {
                slots.add(t);
                t = t.plus(step);
            }
        }
        List<Instant> answer = new ArrayList<>();
        for (Instant s : slots) {
            Instant e = s.plus(slotLength);
            boolean reserved = reservations.stream().anyMatch(r -> r.start().isBefore(e) && r.end().isAfter(s));
            boolean tooSoon = notice > 0 && s.isBefore(withNotice);
            if (!reserved && !tooSoon) {
                answer.add(s);
            }
        }
        return answer;
    }

    /** Cal.com's {@code subtract}: busy time taken out of free ranges, both ends kept as pieces. */
    static List<Free> subtract(List<Free> ranges, Free busy) {
        List<Free> out = new ArrayList<>();
        for (Free r : ranges) {
            if (!busy.start().isBefore(r.end()) || !busy.end().isAfter(r.start())) {
                out.add(r);
                continue;
            }
            if (busy.start().isAfter(r.start())) {
                out.add(new Free(r.start(), busy.start()));
            }
            if (r.end().isAfter(busy.end())) {
                out.add(new Free(busy.end(), r.end()));
            }
        }
        return out;
    }

    /** uniqueAndSortedDateRanges then filterRedundantDateRanges: a range inside another lays no run of its own. */
    private static List<Free> withoutRedundant(List<Free> sorted) {
        List<Free> unique = new ArrayList<>();
        for (Free r : sorted) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(r)) {
                unique.add(r);
            }
        }
        List<Free> kept = new ArrayList<>();
        for (Free r : unique) {
            boolean contained = unique.stream().anyMatch(o -> o != r && !o.start().isAfter(r.start())
                    && !o.end().isBefore(r.end()));
            if (!contained) {
                kept.add(r);
            }
        }
        return kept;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
