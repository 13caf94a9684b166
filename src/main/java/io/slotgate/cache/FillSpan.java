package io.slotgate.cache;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.NavigableSet;

/**
 * How many days one Cal.com call fetches. A call costs the rate budget the same for one day or a month, and Cal.com's
 * own booker fetches a month at a time, so a fill is widened to the days its readers are likely to ask next: a need in
 * the next {@code nearDays} days widens to all of them (today included), a need further out to its calendar month
 * (UTC) and the {@code farMonths - 1} after it, and every other day of the event type waiting for a fill within the
 * span rides along. At most {@code maxDays} days go in one call; the most urgent need is always among them.
 *
 * <p>Far days are asked rarely, each by few readers, and often all at once (a cold start, a client scanning the
 * calendar): half a year per call makes the next far questions of that event type hits instead of calls of their own.
 *
 * @param maxDays   most days in one call (half a year by default)
 * @param nearDays  days from today that are fetched together (0: no widening near today)
 * @param farMonths the calendar months a need beyond the near days widens to, its own first (0: no widening)
 */
public record FillSpan(int maxDays, int nearDays, int farMonths) {
    public FillSpan {
        if (maxDays < 1 || maxDays > 366) {
            throw new IllegalArgumentException("a fill spans 1 to 366 days, not " + maxDays);
        }
        if (nearDays < 0 || nearDays > maxDays) {
            throw new IllegalArgumentException("near days must be within 0 and the longest span, not " + nearDays);
        }
        if (farMonths < 0 || farMonths > 12) {
            throw new IllegalArgumentException("far months must be within 0 and 12, not " + farMonths);
        }
    }

    /**
     * Up to half a year per call: the next 16 days together, a far day with its calendar month and the five after. Six
     * months, not three: a far question is asked by few and often all at once (a cold start, a calendar scan), and
     * the cold storm (5,000 one-day questions over 50 event types, 100-360 days ahead, in the first minute) answered
     * 58% with quarters and 83% with half years, for the same 116 calls (docs/benchmarks.md). A real Cal.com takes
     * longer for a longer range; an operator who sees that sets fillFarMonths 3 and fillSpanDays 92. 16, not
     * 14: a two-week window asked now (a 14-day next-available search, "the next 14 days" in a zone up to 14 hours
     * from UTC) ends on today + 14 or + 15 in UTC, and a window inside one fill is laid out from it alone; one that
     * crosses into the next fill's days must doubt the slots at the seam (a booking beyond the first fill's end may
     * reach back over them with its buffers), and is asked of Cal.com instead. The simulator measured it: seed
     * workload, seed 1, 98.50% hits with 14 near days, 99.57% with 16, and fewer calls (docs/simulation.md).
     */
    public static FillSpan defaults() {
        return new FillSpan(184, 16, 6);
    }

    /** The days asked for and those between them, nothing more (up to 90 days in one call). */
    public static FillSpan asked() {
        return new FillSpan(90, 0, 0);
    }

    /** The first and last day of one call. */
    public record Days(LocalDate first, LocalDate last) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }

        public long count() {
            return java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        }
    }

    /**
     * The span of one call for the days waiting to be fetched ({@code waiting}, not empty, containing {@code urgent}):
     * the waiting days widened as described above, cut to {@code maxDays} around the urgent one so that it holds as
     * many waiting days as it can.
     */
    public Days choose(NavigableSet<LocalDate> waiting, LocalDate urgent, LocalDate today) {
        LocalDate first = waiting.first();
        LocalDate last = waiting.last();
        if (nearDays > 0 && !urgent.isAfter(today.plusDays(nearDays - 1L))) {
            first = min(first, today.isAfter(urgent) ? urgent : today);
            last = max(last, today.plusDays(nearDays - 1L));
        } else if (farMonths > 0 && urgent.isAfter(today.plusDays(Math.max(0, nearDays - 1L)))) {
            LocalDate monthStart = urgent.with(TemporalAdjusters.firstDayOfMonth());
            first = min(first, max(monthStart, today));
            last = max(last, monthStart.plusMonths(farMonths - 1L).with(TemporalAdjusters.lastDayOfMonth()));
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(first, last) < maxDays) {
            return new Days(first, last);
        }
        // too wide: the window of maxDays holding the urgent day and the most waiting days, the earliest of equals
        LocalDate bestStart = urgent;
        int best = -1;
        for (LocalDate start = max(first, urgent.minusDays(maxDays - 1L)); !start.isAfter(urgent);
             start = start.plusDays(1)) {
            int held = waiting.subSet(start, true, start.plusDays(maxDays - 1L), true).size();
            if (held > best) {
                best = held;
                bestStart = start;
            }
        }
        LocalDate end = bestStart.plusDays(maxDays - 1L);
        return new Days(bestStart, end.isAfter(last) ? last : end);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
