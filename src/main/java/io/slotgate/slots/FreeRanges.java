package io.slotgate.slots;

import io.slotgate.slots.FreeRange.Starts;

import java.util.ArrayList;
import java.util.List;

/**
 * What the slices prove about the free ranges behind their slots, for event types whose ranges never overlap
 * ({@link FillShape.Aggregation#MERGED}) and whose slots are at least as long as their step.
 *
 * <p>Each run of slots one frequency apart is read as one free range; with slots exactly as long as their step it may be
 * several that touch at its grid points, which {@link FreeRange#mayStraddleATouch} keeps in mind. For each
 * run ({@link SeenRun}) the fill's answer around it bounds the range: where its start may lie (as intervals of the start's minute), what
 * it certainly holds, and how far it may reach. Between runs the link is known (separate ranges, or one range across
 * two fills that both saw it) or not (a hold hides the slots between, or the fills meet at a day neither saw across);
 * every way the unknown links can go is one {@linkplain #worlds world}.
 */
final class FreeRanges {
    private static final int MAX_OPEN_LINKS = 10;

    private enum Link { JOINED, SEPARATE, OPEN }

    private final List<SeenRun> runs;
    private final List<Link> links = new ArrayList<>();

    FreeRanges(Composition composition) {
        this.runs = SeenRun.read(composition);
        for (int i = 0; i + 1 < runs.size(); i++) {
            links.add(link(runs.get(i), runs.get(i + 1)));
        }
    }

    /** Every piece of certainly free time, {@code [earliest present slot, its reach]}, in order. */
    List<long[]> pieces() {
        return runs.stream().map(r -> new long[]{r.earliestPresent(), r.freeUntil()}).toList();
    }

    /**
     * The worlds the slices allow, each a list of free ranges in order; empty when the slices contradict themselves
     * (they come from fills that saw different things), null when too many links are open to list them.
     */
    List<List<FreeRange>> worlds() {
        if (runs.isEmpty()) {
            return List.of(List.of());
        }
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i) == Link.OPEN) {
                open.add(i);
            }
        }
        if (open.size() > MAX_OPEN_LINKS) {
            return null;
        }
        List<List<FreeRange>> worlds = new ArrayList<>();
        for (int mask = 0; mask < 1 << open.size(); mask++) {
            boolean[] joined = new boolean[links.size()];
            for (int i = 0; i < links.size(); i++) {
                joined[i] = links.get(i) == Link.JOINED;
            }
            for (int bit = 0; bit < open.size(); bit++) {
                joined[open.get(bit)] = (mask >> bit & 1) == 1;
            }
            List<FreeRange> world = world(joined);
            if (world != null) {
                worlds.add(world);
            }
        }
        return worlds;
    }

    private static Link link(SeenRun left, SeenRun right) {
        if (left.segment() == right.segment()) {
            return left.openAfter() || right.openBefore() ? Link.OPEN : Link.SEPARATE;
        }
        if (left.freeUntil() >= right.earliestPresent()) {
            return Link.JOINED; // both fills saw free time across the boundary: one range
        }
        if (left.reachesAtMost() < right.earliestPresent()) {
            return Link.SEPARATE;
        }
        long lowest = right.starts().stream().mapToLong(Starts::after).min().orElseThrow();
        if (lowest != Starts.OPEN && lowest >= SlotGrid.floorMinute(left.freeUntil())) {
            return Link.SEPARATE;
        }
        return Link.OPEN;
    }

    /** The ranges of one world, or null when its choices contradict what the fills saw. */
    private List<FreeRange> world(boolean[] joined) {
        List<FreeRange> ranges = new ArrayList<>();
        FreeRange current = runs.get(0).range();
        for (int i = 0; i < links.size(); i++) {
            FreeRange next = runs.get(i + 1).range();
            if (joined[i]) {
                current = FreeRange.join(current, next);
                if (current == null) {
                    return null;
                }
            } else {
                ranges.add(current);
                current = next;
            }
        }
        ranges.add(current);
        for (int i = 0; i + 1 < ranges.size(); i++) {
            FreeRange before = ranges.get(i);
            FreeRange after = ranges.get(i + 1);
            long reach = Math.min(before.reachesAtMost(), after.latestStart() + SlotGrid.MINUTE - 1);
            List<Starts> starts = FreeRange.clampAfter(after.starts(),
                    SlotGrid.floorMinute(before.freeUntil()) - SlotGrid.MINUTE);
            if (reach < before.freeUntil() || starts.isEmpty()) {
                return null;
            }
            ranges.set(i, new FreeRange(before.starts(), before.runs(), reach));
            ranges.set(i + 1, new FreeRange(starts, after.runs(), after.reachesAtMost()));
        }
        return ranges;
    }
}
