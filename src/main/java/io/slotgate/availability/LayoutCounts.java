package io.slotgate.availability;

import java.util.concurrent.atomic.LongAdder;

/**
 * How the answers composed from day buckets were laid out: exactly from the cached days; from them without the slots
 * only a booking just outside the window would free (Cal.com reads no booking outside its window, so it may offer a
 * slot the buffer of one blocks); by Cal.com itself (the days could not tell it for certain and a call was to spare);
 * conservatively (no call to spare: every slot offered is certain, some may be left out); or filtered as the days
 * came (their calls are not described).
 */
public final class LayoutCounts {
    /** How one answer was laid out. */
    public enum Layout { EXACT, WITHOUT_EDGE_GAPS, ASKED, CONSERVATIVE, UNDESCRIBED }

    private final LongAdder exact = new LongAdder();
    private final LongAdder withoutEdgeGaps = new LongAdder();
    private final LongAdder asked = new LongAdder();
    private final LongAdder conservative = new LongAdder();
    private final LongAdder undescribed = new LongAdder();

    void count(Layout layout) {
        switch (layout) {
            case EXACT -> exact.increment();
            case WITHOUT_EDGE_GAPS -> withoutEdgeGaps.increment();
            case ASKED -> asked.increment();
            case CONSERVATIVE -> conservative.increment();
            case UNDESCRIBED -> undescribed.increment();
        }
    }

    public long get(Layout layout) {
        return switch (layout) {
            case EXACT -> exact.sum();
            case WITHOUT_EDGE_GAPS -> withoutEdgeGaps.sum();
            case ASKED -> asked.sum();
            case CONSERVATIVE -> conservative.sum();
            case UNDESCRIBED -> undescribed.sum();
        };
    }
}
