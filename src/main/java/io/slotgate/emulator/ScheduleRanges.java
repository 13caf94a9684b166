package io.slotgate.emulator;

import io.slotgate.emulator.DateRanges.Range;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.slotgate.time.Instants.max;
import static io.slotgate.time.Instants.min;

/**
 * One schedule's free time as ranges of instants: its working hours and date overrides, as Cal.com's
 * {@code packages/features/schedules/lib/date-ranges.ts} builds them ({@code processWorkingHours},
 * {@code processDateOverride}, {@code buildDateRanges}). It follows Cal.com's own data structures where their quirks
 * decide the outcome (ranges keyed by their end instant, merge order); docs/calcom-slots.md states the rules.
 */
final class ScheduleRanges {
    /** One weekly row of a schedule as Cal.com stores it: days, and times of day up to 23:59. */
    record WeeklyRule(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    }

    private static final LocalTime LAST_MINUTE = LocalTime.of(23, 59);

    private ScheduleRanges() {
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
}
