package io.slotgate.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * Closed stretches of slot starts where a query may not trust what the fills laid out. Cal.com loads only the
 * bookings that end after a window's start and begin before its end. Where the query's window reaches past a fill's
 * (its end beyond the fill's end, or its start before the fill's clip), a booking the fill never loaded may now
 * stretch over slots the fill laid out near that edge: by its before-stretch past the fill's end, by its
 * after-stretch past the fill's clip.
 */
final class EdgeDoubts {
    private final List<long[]> stretches = new ArrayList<>();

    void doubtEdges(Composition composition, long startTime, long end) {
        for (int segment = 0; segment < composition.segmentCount(); segment++) {
            FillShape shape = composition.segmentShape(segment);
            long until = Composition.until(shape);
            long known = shape.knownFrom().toEpochMilli();
            long first = composition.dayStart(composition.segmentFirstDay(segment));
            long last = composition.dayStart(composition.segmentLastDay(segment) + 1) - 1;
            if (end > until && composition.stretchBefore > 0) {
                add(Math.max(first, until + SlotGrid.SECOND - composition.stretchBefore - composition.grid.length),
                        last);
            }
            if (startTime < known && composition.stretchAfter > 0) {
                add(first, Math.min(last, known + composition.stretchAfter));
            }
        }
    }

    private void add(long from, long to) {
        if (from <= to) {
            stretches.add(new long[]{from, to});
        }
    }

    List<long[]> stretches() {
        return List.copyOf(stretches);
    }

    boolean contains(long position) {
        return Composition.within(stretches, position);
    }
}
