package io.slotgate.emulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Cal.com's availability as ranges of instants: the working hours and date overrides of one schedule
 * ({@code packages/features/schedules/lib/date-ranges.ts}: {@code processWorkingHours}, {@code processDateOverride},
 * {@code buildDateRanges}, {@code subtract}, {@code intersect}) and how the hosts of an event type combine
 * ({@code packages/features/availability/lib/getAggregatedAvailability/}). The functions follow Cal.com's own data
 * structures where their quirks decide the outcome (ranges keyed by their end instant, merge order); docs/calcom-slots.md
 * states the rules.
 */
final class DateRanges {
    /** A free (or busy) range; Cal.com's {@code DateRange}. A range may be empty or, in a few quirks, inverted. */
    record Range(Instant start, Instant end) {
        Range {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        boolean contains(Instant s, Instant e) {
            return !s.isBefore(start) && !e.isAfter(end);
        }
    }

    /** One weekly row of a schedule as Cal.com stores it: days, and times of day up to 23:59. */
    record WeeklyRule(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    }

    private static final Comparator<Range> BY_START = Comparator.comparing(Range::start);
    private static final LocalTime LAST_MINUTE = LocalTime.of(23, 59);

    private DateRanges() {
    }

    /**
     * The rows Cal.com would store for the emulator's working hours: a rule that runs past midnight cannot be one row
     * (Cal.com skips a row whose end is before its start), so it becomes {@code from-23:59} and, on the following days,
     * {@code 00:00-to}; {@code processWorkingHours} then merges the two where they touch.
     */
    static List<WeeklyRule> rows(List<WorkingHours> hours) {
        List<WeeklyRule> rows = new ArrayList<>();
        for (WorkingHours h : hours) {
            if (!h.crossesMidnight()) {
                rows.add(new WeeklyRule(h.days(), h.from(), h.to()));
                continue;
            }
            rows.add(new WeeklyRule(h.days(), h.from(), LAST_MINUTE));
            if (!h.to().equals(LocalTime.MIDNIGHT)) {
                Set<DayOfWeek> next = new LinkedHashSet<>();
                h.days().forEach(d -> next.add(d.plus(1)));
                rows.add(new WeeklyRule(next, LocalTime.MIDNIGHT, h.to()));
            }
        }
        return rows;
    }

    /**
     * {@code buildDateRanges}: the schedule's ranges for [dateFrom, dateTo]. Working hours are clipped to the window;
     * an override replaces the working hours of its date (the organizer-local date a range starts on) and is not
     * clipped; empty ranges (an "unavailable" override, say) are dropped last.
     *
     * @param overrideFrom the earliest UTC midnight an override date may have to be read ({@code dateFrom} less a day)
     * @param overrideTo   the latest ({@code dateTo} plus a day, end of that day)
     */
    static List<Range> build(List<WeeklyRule> weekly, List<DateOverride> overrides, ZoneId zone, Instant dateFrom,
                             Instant dateTo, Instant overrideFrom, Instant overrideTo) {
        LinkedHashMap<Long, Range> processed = new LinkedHashMap<>();
        for (WeeklyRule rule : weekly) {
            processWorkingHours(processed, rule, zone, dateFrom, dateTo);
        }
        Map<LocalDate, List<Range>> byDate = groupByDate(processed.values(), zone);
        byDate.putAll(groupByDate(dateOverrides(overrides, zone, overrideFrom, overrideTo), zone));
        List<Range> out = new ArrayList<>();
        for (List<Range> ranges : byDate.values()) {
            for (Range r : ranges) {
                if (!r.start().equals(r.end())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * {@code processWorkingHours} for one row, over every organizer-local day from dateFrom's while the day starts
     * before dateTo. Results are keyed by their end instant, as in Cal.com, because the merge rules look them up that
     * way: a range with the same end as an overlapping one is merged into it, and a range that starts where another
     * ends (a row that continues one processed earlier) extends it.
     */
    static void processWorkingHours(LinkedHashMap<Long, Range> results, WeeklyRule item, ZoneId zone, Instant dateFrom,
                                    Instant dateTo) {
        Map<Long, List<Long>> endTimeToKeys = null;
        for (LocalDate date = dateFrom.atZone(zone).toLocalDate();
             dateTo.isAfter(date.atStartOfDay(zone).toInstant()); date = date.plusDays(1)) {
            if (!item.days().contains(date.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(date, item.from(), zone).toInstant();
            Instant end = ZonedDateTime.of(date, item.to(), zone).toInstant();
            Instant startResult = max(start, dateFrom);
            Instant endResult = min(end, dateTo);
            // "We only allow users to set availability up to 11:59PM": an end at 23:59 local means midnight.
            LocalTime endLocal = endResult.atZone(zone).toLocalTime();
            if (endLocal.getHour() == 23 && endLocal.getMinute() == 59) {
                endResult = endResult.plus(Duration.ofMinutes(1));
            }
            if (endResult.isBefore(startResult)) {
                continue;
            }
            long endKey = endResult.toEpochMilli();
            if (endTimeToKeys == null) {
                endTimeToKeys = new LinkedHashMap<>();
                for (var entry : results.entrySet()) {
                    endTimeToKeys.computeIfAbsent(entry.getValue().end().toEpochMilli(), k -> new ArrayList<>())
                            .add(entry.getKey());
                }
            }
            boolean merged = false;
            for (long key : endTimeToKeys.getOrDefault(endKey, List.of())) {
                Range existing = results.get(key);
                if (existing == null) {
                    continue;
                }
                if (!startResult.isAfter(existing.end()) && !endResult.isBefore(existing.start())) {
                    results.put(key, new Range(min(existing.start(), startResult), endResult));
                    merged = true;
                    break;
                }
            }
            if (merged) {
                continue;
            }
            long startKey = startResult.toEpochMilli();
            Range continued = results.get(startKey);
            if (continued != null) {
                results.put(endKey, new Range(continued.start(), max(continued.end(), endResult)));
                long oldEnd = results.get(startKey).end().toEpochMilli();
                List<Long> oldKeys = endTimeToKeys.get(oldEnd);
                if (oldKeys != null) {
                    oldKeys.removeIf(k -> k == startKey);
                    if (oldKeys.isEmpty()) {
                        endTimeToKeys.remove(oldEnd);
                    }
                }
                endTimeToKeys.computeIfAbsent(endKey, k -> new ArrayList<>()).add(endKey);
                results.remove(startKey);
                continue;
            }
            results.put(endKey, new Range(startResult, endResult));
            endTimeToKeys.computeIfAbsent(endKey, k -> new ArrayList<>()).add(endKey);
        }
    }

    /**
     * {@code processDateOverride} for the overrides whose date, read as a UTC midnight, lies in [from, to]: the
     * override's times are wall-clock times of its date in the organizer's zone, an end of 23:59 is the next midnight,
     * and an override that starts where another ends extends it.
     */
    static List<Range> dateOverrides(List<DateOverride> overrides, ZoneId zone, Instant from, Instant to) {
        LinkedHashMap<Long, Range> processed = new LinkedHashMap<>();
        for (DateOverride o : overrides) {
            Instant utcMidnight = o.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            if (utcMidnight.isBefore(from) || utcMidnight.isAfter(to)) {
                continue;
            }
            Instant start = ZonedDateTime.of(o.date(), o.from(), zone).toInstant();
            Instant end = o.to().getHour() == 23 && o.to().getMinute() == 59
                    ? o.date().plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(o.date(), o.to(), zone).toInstant();
            long startKey = start.toEpochMilli();
            Range before = processed.get(startKey);
            if (before != null) {
                processed.put(startKey, new Range(before.start(), max(before.end(), end)));
                continue;
            }
            processed.put(end.toEpochMilli(), new Range(start, end));
        }
        return new ArrayList<>(processed.values());
    }

    /** {@code groupByDate}: ranges under the organizer-local date they start on, in first-seen order. */
    private static Map<LocalDate, List<Range>> groupByDate(Iterable<Range> ranges, ZoneId zone) {
        Map<LocalDate, List<Range>> out = new LinkedHashMap<>();
        for (Range r : ranges) {
            out.computeIfAbsent(r.start().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** {@code subtract}: each source range less every excluded range (busy time), in source order. */
    static List<Range> subtract(List<Range> source, List<Range> excluded) {
        List<Range> sorted = new ArrayList<>(excluded);
        sorted.sort(BY_START);
        List<Range> out = new ArrayList<>();
        for (Range src : source) {
            Instant current = src.start();
            for (Range ex : sorted) {
                if (!ex.start().isBefore(src.end())) {
                    break;
                }
                if (!ex.end().isAfter(current)) {
                    continue;
                }
                if (ex.start().isAfter(current)) {
                    out.add(new Range(current, ex.start()));
                }
                if (ex.end().isAfter(current)) {
                    current = ex.end();
                }
            }
            if (src.end().isAfter(current)) {
                out.add(new Range(current, src.end()));
            }
        }
        return out;
    }

    /** {@code intersect}: the time every list has in common, by a two-pointer walk over each list sorted by start. */
    static List<Range> intersect(List<List<Range>> lists) {
        if (lists.isEmpty()) {
            return List.of();
        }
        List<Range> common = sortedByStart(lists.get(0));
        for (int i = 1; i < lists.size(); i++) {
            if (common.isEmpty()) {
                return List.of();
            }
            List<Range> other = sortedByStart(lists.get(i));
            List<Range> next = new ArrayList<>();
            int c = 0;
            int u = 0;
            while (c < common.size() && u < other.size()) {
                Range a = common.get(c);
                Range b = other.get(u);
                Instant s = max(a.start(), b.start());
                Instant e = min(a.end(), b.end());
                if (s.isBefore(e)) {
                    next.add(new Range(s, e));
                }
                if (!a.end().isAfter(b.end())) {
                    c++;
                } else {
                    u++;
                }
            }
            common = next;
        }
        return common;
    }

    /** {@code mergeOverlappingDateRanges}: overlapping ranges become one; ranges that only touch stay apart. */
    static List<Range> mergeOverlapping(List<Range> ranges) {
        List<Range> sorted = sortedByStart(ranges);
        List<Range> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        Range current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Range next = sorted.get(i);
            if (!current.start().isAfter(next.start()) && current.end().isAfter(next.start())) {
                current = new Range(current.start(), max(current.end(), next.end()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return out;
    }

    /**
     * {@code getAggregatedAvailability} for hosts that are all fixed (individual, collective: their intersection,
     * overlapping ranges merged) or all round robin without fixed hosts (the union of their ranges, NOT merged: each
     * range keeps its own slot run), then de-duplicated and with ranges contained in another dropped.
     */
    static List<Range> aggregate(SchedulingType type, List<List<Range>> perHost) {
        List<List<Range>> toIntersect = new ArrayList<>();
        if (type == SchedulingType.ROUND_ROBIN) {
            List<Range> union = new ArrayList<>();
            perHost.forEach(union::addAll);
            toIntersect.add(union);
        } else {
            List<Range> fixed = mergeOverlapping(intersect(perHost));
            if (!fixed.isEmpty()) {
                toIntersect.add(fixed);
            }
        }
        return withoutContained(uniqueAndSorted(intersect(toIntersect)));
    }

    private static List<Range> uniqueAndSorted(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(BY_START.thenComparing(Range::end));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * {@code filterRedundantDateRanges} over ranges sorted by start then end and without duplicates: a range is
     * contained in another exactly when an earlier one reaches as far, or the next one starts at the same instant
     * (it then ends later).
     */
    private static List<Range> withoutContained(List<Range> sorted) {
        List<Range> out = new ArrayList<>();
        Instant furthestEnd = null;
        for (int i = 0; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            boolean containedByEarlier = furthestEnd != null && !furthestEnd.isBefore(r.end());
            boolean containedByNext = i + 1 < sorted.size() && sorted.get(i + 1).start().equals(r.start());
            if (!containedByEarlier && !containedByNext || r.end().isBefore(r.start())) {
                out.add(r);
            }
            furthestEnd = furthestEnd == null ? r.end() : max(furthestEnd, r.end());
        }
        return out;
    }

    private static List<Range> sortedByStart(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(BY_START);
        return sorted;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
