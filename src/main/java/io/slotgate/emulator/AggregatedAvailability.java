package io.slotgate.emulator;

import io.slotgate.emulator.DateRanges.Range;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.slotgate.emulator.DateRanges.BY_START;
import static io.slotgate.emulator.DateRanges.intersect;
import static io.slotgate.time.Instants.max;
import static io.slotgate.emulator.DateRanges.mergeOverlapping;

/**
 * How the hosts of an event type combine into the ranges its slots run over, as Cal.com's
 * {@code packages/features/availability/lib/getAggregatedAvailability/} does: fixed hosts by their common time, round
 * robin hosts by the union of theirs, then Cal.com's clean-up of duplicate and contained ranges.
 */
final class AggregatedAvailability {
    private AggregatedAvailability() {
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
}
