package io.slotgate.emulator;

import static io.slotgate.time.Instants.max;
import static io.slotgate.time.Instants.min;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Cal.com's {@code DateRange} and its arithmetic ({@code packages/features/schedules/lib/date-ranges.ts}:
 * {@code subtract}, {@code intersect}, {@code mergeOverlappingDateRanges}), over which a schedule's ranges are built
 * ({@link ScheduleRanges}) and the hosts of an event type combined ({@link AggregatedAvailability}).
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

    static final Comparator<Range> BY_START = Comparator.comparing(Range::start);

    private DateRanges() {
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

    private static List<Range> sortedByStart(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(BY_START);
        return sorted;
    }
}
