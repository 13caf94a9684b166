package io.slotgate.slots;

import java.time.Instant;
import java.util.List;

/**
 * Until when the clock alone cannot change an answer laid out from day slices at {@code now}: what lets a rendered
 * answer be served again without laying it out again. (Changes of the slices themselves, a fill, a patch, a drop, are
 * the caller's to notice: they come as other buckets.)
 *
 * <h2>Why this bound holds</h2>
 * The clock enters Cal.com's rules, and so {@link CalcomLayout} and the filter of undescribed days, only as
 * {@code now + o} for a few whole-minute offsets {@code o} (the notice, {@code max(notice, 1 min)}, those plus a
 * stretch), floored to the minute or compared with an instant {@code x} of the slices or the window. Such a comparison
 * can flip only where {@code now} reaches {@code x - o} or one millisecond past it. Every {@code x} the layout derives
 * (grid positions, slot ends less a second, range bounds) is a whole second whenever the slices' own instants are,
 * and then so is every flip, or one millisecond past one. So an answer made at {@code now} holds until the next whole
 * second, unless {@code now} is on one (then only for that millisecond), and until the flips of the instants that are
 * not whole seconds: the fills' clips (their clocks read to the millisecond), the window's ends, any slot, hold or
 * unknown stretch off the second. Those are listed with every offset and a second either side. The bound is short
 * (at most a second) because it must be sure, not because answers change that often: a hot query is laid out again
 * about once a second, and a content hash keeps its {@code ETag} while the bytes stay the same.
 */
public final class AnswerValidity {
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;

    private AnswerValidity() {
    }

    /**
     * The first instant after {@code now} at which the clock alone may change the answer laid out from these slices
     * for the window {@code [start, end]} with {@code noticeMinutes} of notice.
     */
    public static Instant unchangedBefore(List<DaySlice> days, Instant start, Instant end, Instant now,
                                          int noticeMinutes) {
        long before = 0;
        long after = 0;
        for (DaySlice day : days) {
            before = Math.max(before, day.shape().stretchBeforeMinutes() * MINUTE);
            after = Math.max(after, day.shape().stretchAfterMinutes() * MINUTE);
        }
        long n = now.toEpochMilli();
        long[] offsets = offsets(noticeMinutes, before, after);
        long until = window(start, end, offsets, n);
        for (DaySlice day : days) {
            FillShape shape = day.shape();
            until = earliestFlip(shape.start().toEpochMilli(), offsets, n, until);
            until = earliestFlip(shape.earliestFrom().toEpochMilli(), offsets, n, until);
            until = earliestFlip(shape.knownFrom().toEpochMilli(), offsets, n, until);
            until = earliestFlip(shape.knownUntil().toEpochMilli(), offsets, n, until);
            until = slots(day.slots(), offsets, n, until);
            until = ranges(day.holds(), offsets, n, until);
            until = ranges(day.unknownStarts(), offsets, n, until);
        }
        return Instant.ofEpochMilli(until);
    }

    /**
     * The same for days whose call is not described, served by filtering their slots (not before now + notice, nor
     * before the window's start, ending by its end).
     */
    public static Instant unchangedBefore(Iterable<List<Slot>> days, Instant start, Instant end, Instant now,
                                          int noticeMinutes) {
        long n = now.toEpochMilli();
        long[] offsets = offsets(noticeMinutes, 0, 0);
        long until = window(start, end, offsets, n);
        for (List<Slot> slots : days) {
            until = slots(slots, offsets, n, until);
        }
        return Instant.ofEpochMilli(until);
    }

    /** The next whole second (only this millisecond when now is one), and the flips of the window's ends. */
    private static long window(Instant start, Instant end, long[] offsets, long n) {
        long until = Math.floorMod(n, SECOND) == 0 ? n + 1 : Math.floorDiv(n, SECOND) * SECOND + SECOND;
        until = earliestFlip(start.toEpochMilli(), offsets, n, until);
        return earliestFlip(end.toEpochMilli(), offsets, n, until);
    }

    private static long slots(List<Slot> slots, long[] offsets, long n, long until) {
        for (Slot slot : slots) {
            until = earliestFlip(slot.start().toEpochMilli(), offsets, n, until);
            until = earliestFlip(slot.end().toEpochMilli(), offsets, n, until);
        }
        return until;
    }

    private static long ranges(List<TimeRange> ranges, long[] offsets, long n, long until) {
        for (TimeRange range : ranges) {
            until = earliestFlip(range.start().toEpochMilli(), offsets, n, until);
            until = earliestFlip(range.end().toEpochMilli(), offsets, n, until);
        }
        return until;
    }

    /** The whole-minute offsets the clock is read with: the notice, max(notice, 1 min), and those plus a stretch. */
    private static long[] offsets(int noticeMinutes, long before, long after) {
        long notice = noticeMinutes * MINUTE;
        long bound = Math.max(noticeMinutes, 1) * MINUTE;
        return new long[]{notice, bound, notice + before, bound + before, notice + after, bound + after};
    }

    /**
     * An instant off the whole second may be compared with {@code now + o} as it is, or a second either side (a slot's
     * end less one second, a window's end read as a whole second): each of those comparisons flips at
     * {@code x - o} or a millisecond after.
     */
    private static long earliestFlip(long x, long[] offsets, long n, long until) {
        if (Math.floorMod(x, SECOND) == 0) {
            return until;
        }
        for (long o : offsets) {
            for (long shift = -SECOND; shift <= SECOND; shift += SECOND) {
                long flip = x + shift - o;
                if (flip > n && flip < until) {
                    until = flip;
                }
                if (flip + 1 > n && flip + 1 < until) {
                    until = flip + 1;
                }
            }
        }
        return until;
    }
}
