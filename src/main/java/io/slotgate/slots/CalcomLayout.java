package io.slotgate.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Serves cached {@code GET /v2/slots} answers exactly as Cal.com would answer them now, or says it cannot: a pure
 * function of day slices, a window, a zone, an instant and the notice (no clock, no I/O). docs/calcom-slots.md,
 * "Serving cached slots as Cal.com would", tells the same with its sources.
 *
 * <h2>What Cal.com does</h2>
 * Per free range (the hosts' working hours less their busy time, clipped to the window, combined by scheduling type),
 * a run of slots: it starts at the later of the range's start and now + notice, seconds dropped, is rounded up to the
 * interval (the largest of 60, 30, 20, 15, 10, 5 dividing the frequency) counted from the hour in the requested zone,
 * may snap onto an earlier run's grid, and steps by the frequency while start + length - 1 s is not after the range's
 * end ({@code buildSlotsWithDateRanges}, {@code getCorrectedSlotStartTime} in slots.ts). The window starts at
 * max(start, now + max(notice, 1 min)) ({@code getStartTime}); reservations then drop overlapping slots, and slots
 * before now + notice go ({@code isTimeOutOfBounds}). So when the frequency is its own interval (5, 10, 15, 20, 30, 60)
 * every slot sits on one lattice and a bucket is served by filtering; otherwise the run that now + notice (or the
 * window's start) cuts is laid again on another phase, a range a fill cut at its edge had the phase of that cut, and a
 * busy time ending off the grid moves every later slot of its range.
 *
 * <h2>How an answer is made</h2>
 * {@link #answer} reads what the slices prove and re-runs those rules for the query, by one of three strategies:
 * <ol>
 *   <li><b>lattice</b> (frequency 5, 10, 15, 20, 30 or 60, any scheduling type): each lattice position is decided on
 *   its own: laid out by the fill of its day (in), or ruled out by it (out), or, where that fill could not see it
 *   (past its end, before its clip), by a neighbouring day's edge flag.</li>
 *   <li><b>stable</b> (any frequency and scheduling type): when the fills laid out, and could have hidden, no slot
 *   within one step and one length before the query's bound, nor before a midnight where two fills meet (whose
 *   earlier fill saw the slots that would cross it), no free range is alive there: Cal.com lays every range exactly
 *   as the fills did, and the answer is their slots, filtered.</li>
 *   <li><b>ranges</b> (individual and collective, slots at least as long as their step): each run is read as a free
 *   range, with bounds on where it starts (exactly, when the fill saw the slot before it missing; at or before its
 *   first slot when the fill's clip may have cut it) and where it ends (certainly past its last slot's end; before the
 *   next position's end when the fill would have laid that and did not; unbounded where the fill was cut). Runs of
 *   different fills that both saw free time across a midnight are one range; runs whose link nothing proves are
 *   tried both ways. Each range is laid again from align(max(its start, bound)); a slot is certain where it fits
 *   what the range certainly holds, out where it passes where the range may reach, in doubt between.</li>
 * </ol>
 * An answer is given only when every reading the slices allow lays the same slots and none is in doubt.
 *
 * <h2>When it declines</h2>
 * {@code answer} is empty (the caller should fetch) when:
 * <ul>
 *   <li>a slice was laid out in another alignment class than the query's zone (offset minutes modulo the interval);</li>
 *   <li>a run the query lays on another phase has slots exactly as long as their step: Cal.com's schedule editor adds
 *   a range where the previous one ends, and {@code processWorkingHours} merges the two only in one processing order,
 *   so the run may be two ranges touching at any of its grid points, and a slot across one fits neither;</li>
 *   <li>a re-laid slot may or may not fit before its range ends (the tail: one position between the last slot the
 *   fill laid and the next it did not);</li>
 *   <li>a slot may cross a midnight where a fill ended (no fill saw it whole), or the query's start lies before a
 *   fill's clip, or a range from a day before the slices may be cut by the query's start;</li>
 *   <li>the fill clipped a range at its notice that it never showed (its first slot fell inside the notice and the
 *   next did not fit), and the query's later bound lays it from another anchor;</li>
 *   <li>a hold may hide a short range the query now lays from another anchor, or an unknown stretch left by a
 *   conservative block lies in the window;</li>
 *   <li>buffers: Cal.com loads only the bookings that end after the window's start and begin before its end, so a
 *   booking's buffers vanish as now + notice passes its end, or when the window ends before it begins. Within the
 *   fill shape's stretch of such an edge (unless the fill's runs show the hosts free right there), and near a fill's
 *   edge the query's window crosses, slots may come or go;</li>
 *   <li>round robin, or slots shorter than their step, off the lattice and not stable (a range alive at the bound is
 *   laid again, and overlapping ranges' snaps follow it);</li>
 *   <li>Cal.com's 23:59 rule may stretch a range past a window end that reads 23:59 in some zone;</li>
 *   <li>the slices contradict each other (fills that saw different worlds), or too many links are unknown.</li>
 * </ul>
 * {@link #conservative} then lists what every reading lays with certainty: a subset of Cal.com's answer.
 *
 * <h2>What it assumes</h2>
 * The slices' world changes only through {@link #block} (bookings, reservations and calendar changes it is not told
 * of make slices stale, as any cache); reservations the fill saw and no {@code block} recorded read as busy time.
 * Outside these rules, and so not to be served through them: date overrides within a day of the window (Cal.com does
 * not clip an override's range, so its slots leak into the neighbouring days' answers; {@link #split} marks a fill
 * that shows such a leak), two rows of a schedule that overlap on one day (their merge depends on where a window cuts
 * them), {@code showOptimizedSlots}, {@code offsetStart}, seats, booking and period limits, restriction and travel
 * schedules, out-of-office, round-robin fixed hosts, groups and fallback hosts, and Cal.com's 2-second result cache.
 * {@code now} is at or after the instant each fill's answer arrived.
 *
 * <h2>Worked examples</h2>
 * A host free 09:00-13:00 UTC, 45-minute slots, 60 minutes' notice, filled the day before: 09:00, 09:45, 10:30,
 * 11:15, 12:00. At 09:05 the bound is 10:05, rounded up to 10:15: Cal.com answers 10:15, 11:00, 11:45 (12:30 would end
 * after 13:00); the bucket's 10:30, 11:15, 12:00 are all wrong, and {@code answer} declines (the run may be two touching
 * ranges). With hour-long meetings every 45 minutes the run is one range: 10:15, 11:00, 11:45 are certain, 12:30 is
 * the tail (the bucket knows the range reaches 12:59:59 and not 13:44:59), so a day's answer declines while a window
 * ending 13:00 is answered exactly. A booking 10:15-10:45 with 7 minutes' after buffer, seen by a type with 5 after,
 * blocks 10:10-10:52: on a half-hour grid {@code block} is exact (09:00, 09:30 | 11:00, 11:30, ...), on the 45-minute
 * grid only 09:00 stays certain. The tests in CalcomLayoutTest hold these and more.
 */
public final class CalcomLayout {
    private CalcomLayout() {
    }

    /**
     * Cuts a fill's answer into its UTC days, {@code first} to {@code last}, empty days included, each knowing whether
     * the fill's run of slots went on across its edges.
     *
     * <p>Cal.com does not clip a date override's range to the window, so a fill can answer slots outside its days. Such
     * a slot proves an override next to the fill, which these rules do not cover: it is not kept, and the fill's day on
     * that side is marked unknown, so no answer is built on it.
     *
     * @throws IllegalArgumentException when a slot is not {@code shape.lengthMinutes()} long
     */
    public static SortedMap<LocalDate, DaySlice> split(List<Slot> fillSlots, LocalDate first, LocalDate last,
                                                       FillShape shape) {
        Objects.requireNonNull(fillSlots, "fillSlots");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(shape, "shape");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last day " + last + " is before first day " + first);
        }
        Duration step = Duration.ofMinutes(shape.frequencyMinutes());
        Set<Instant> starts = new HashSet<>();
        TreeMap<LocalDate, List<Slot>> byDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        Set<LocalDate> overridden = new HashSet<>();
        for (Slot slot : fillSlots) {
            LocalDate utcDay = TimeRange.utcDayOf(slot.start());
            List<Slot> day = byDay.get(utcDay);
            if (day == null) {
                overridden.add(utcDay.isBefore(first) ? first : last);
                continue;
            }
            if (starts.add(slot.start())) {
                day.add(slot);
            }
        }
        SortedMap<LocalDate, DaySlice> slices = new TreeMap<>();
        byDay.forEach((day, slots) -> {
            slots.sort(null);
            boolean fromPrevious = !slots.isEmpty() && starts.contains(slots.get(0).start().minus(step));
            boolean intoNext = !slots.isEmpty() && starts.contains(slots.get(slots.size() - 1).start().plus(step));
            DaySlice slice = DaySlice.of(day, slots, shape, fromPrevious, intoNext);
            if (overridden.contains(day)) {
                TimeRange whole = new TimeRange(Instant.ofEpochMilli(slice.dayStart()),
                        Instant.ofEpochMilli(slice.dayEnd() - 1));
                slice = new DaySlice(day, slots, shape, fromPrevious, intoNext, List.of(), List.of(whole));
            }
            slices.put(day, slice);
        });
        return slices;
    }

    /**
     * The exact slots Cal.com would answer at {@code now} for {@code [start, end]} (as Cal.com reads them: {@code end}
     * already moved to 23:59:59 for a bare date) in {@code zone}, for an event type with {@code noticeMinutes} of
     * minimum booking notice; empty when the slices cannot tell for certain, and the caller should fetch.
     *
     * @param days consecutive day slices covering the window's UTC days (more days on either side are welcome: they
     *             can only tell more); the slices may come from different fills
     * @throws IllegalArgumentException when the slices are not consecutive, do not cover the window, or disagree on
     *                                  frequency, length or aggregation
     */
    public static Optional<List<Slot>> answer(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                              int noticeMinutes) {
        Serving.Outcome outcome = serve(days, start, end, zone, now, noticeMinutes);
        return outcome.complete() ? Optional.of(slots(outcome.certain(), days)) : Optional.empty();
    }

    /**
     * The slots Cal.com would answer now had it read, at the window's edges, the bookings its fills read: Cal.com's
     * slots query loads only the bookings that overlap the window (from now + notice), so near the window's edges it
     * can offer a slot the buffer of a booking just outside would block, a slot Cal.com's own booking check may then
     * refuse. Otherwise equal to {@link #answer}; empty when the slices cannot tell for certain even so.
     */
    public static Optional<List<Slot>> answerWithoutEdgeGaps(List<DaySlice> days, Instant start, Instant end,
                                                             ZoneId zone, Instant now, int noticeMinutes) {
        Serving.Outcome outcome = serve(days, start, end, zone, now, noticeMinutes, true);
        return outcome.complete() ? Optional.of(slots(outcome.certain(), days)) : Optional.empty();
    }

    /**
     * For when {@link #answer} declines and no fresh fill can be had: slots Cal.com certainly offers now, under the same
     * reading of the slices. It never lists a slot Cal.com would not offer; it may leave out some that Cal.com offers
     * (any it cannot be sure of). Equal to {@link #answer}'s list whenever that one is present.
     */
    public static List<Slot> conservative(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                          int noticeMinutes) {
        return slots(serve(days, start, end, zone, now, noticeMinutes).certain(), days);
    }

    /**
     * Applies a busy interval to one day slice, as Cal.com would have laid the day out had the busy time been there
     * when it was filled. Same as {@link #block(List, Instant, Instant, BlockMode)} with that one day.
     */
    public static Blocked block(DaySlice day, Instant busyStart, Instant busyEnd, BlockMode mode) {
        return block(List.of(day), busyStart, busyEnd, mode).get(0);
    }

    /**
     * Applies a busy interval to consecutive day slices, as Cal.com would have laid them out had the busy time been
     * there when they were filled.
     *
     * @param days      consecutive slices of one event type and duration: the day before the busy time's start through
     *                  the day after its end (a range the busy end cuts may go on past midnight, and the next day's
     *                  grid moves with it; {@link Blocked#reachesNextDay()} says when it may go past the last day
     *                  given)
     * @param busyStart for a booking, its start less the booked type's before buffer and the cached type's after
     *                  buffer (Cal.com's stretch); for a reservation, its slot's start
     * @param busyEnd   for a booking, its end plus the booked type's after buffer and the cached type's before buffer;
     *                  for a reservation, its slot's end
     * @param mode      {@link BlockMode#SPLIT_RANGE} for bookings and other busy time, {@link BlockMode#REMOVE_ONLY}
     *                  for reservations
     * @return one result per day, in order: {@link Blocked.Fidelity#EXACT} where the new slice is what Cal.com lays
     *         out for its fill's window with the busy time there, else {@link Blocked.Fidelity#CONSERVATIVE} (what every
     *         reading of the slices lays out, the rest marked as unknown starts so that no answer relies on it). A hold
     *         is always exact (it only drops the slots it overlaps, for every scheduling type) and is recorded, so that
     *         a later answer does not take the gap for the end of a range. A split is exact for individual and
     *         collective event types where the range the busy end cuts can be laid again with certainty; for round
     *         robin it is exact only when it overlaps no slot on the lattice (another host may still hold one, and off
     *         the lattice the other hosts' snaps move). Applying the same busy time twice changes nothing the second
     *         time; a slice whose fill already saw it comes back unchanged whenever the result is exact (individual
     *         and collective); two blocks give the same slices in either order whenever both are exact.
     */
    public static List<Blocked> block(List<DaySlice> days, Instant busyStart, Instant busyEnd, BlockMode mode) {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(busyStart, "busyStart");
        Objects.requireNonNull(busyEnd, "busyEnd");
        Objects.requireNonNull(mode, "mode");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no day slices given");
        }
        if (!busyEnd.isAfter(busyStart)) {
            throw new IllegalArgumentException("busy time must end after it starts: " + busyStart + " .. " + busyEnd);
        }
        return Blocking.block(days, busyStart, busyEnd, mode);
    }

    /** Why {@link #answer} declines (null when it answers): for logs, tests and measurements. */
    public static String doubt(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now, int noticeMinutes) {
        return serve(days, start, end, zone, now, noticeMinutes).doubt();
    }

    /** Why {@link #answerWithoutEdgeGaps} declines (null when it answers). */
    public static String doubtWithoutEdgeGaps(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                              int noticeMinutes) {
        return serve(days, start, end, zone, now, noticeMinutes, true).doubt();
    }

    private static Serving.Outcome serve(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                         int noticeMinutes) {
        return serve(days, start, end, zone, now, noticeMinutes, false);
    }

    private static Serving.Outcome serve(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                         int noticeMinutes, boolean edgesAsFills) {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        if (noticeMinutes < 0) {
            throw new IllegalArgumentException("noticeMinutes must not be negative, got " + noticeMinutes);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + " > " + end);
        }
        Composition composition = new Composition(days, zone, noticeMinutes);
        if (start.toEpochMilli() < composition.start() || end.toEpochMilli() >= composition.end()) {
            throw new IllegalArgumentException("the day slices " + days.get(0).day() + ".."
                    + days.get(days.size() - 1).day() + " do not cover the window " + start + ".." + end);
        }
        // getUserAvailability reads the window's end as a whole-second string
        long wholeSecondEnd = Math.floorDiv(end.toEpochMilli(), SlotGrid.SECOND) * SlotGrid.SECOND;
        Serving.Query query = new Serving.Query(start.toEpochMilli(), wholeSecondEnd, now.toEpochMilli(),
                noticeMinutes, edgesAsFills);
        return Serving.serve(composition, query);
    }

    private static List<Slot> slots(long[] starts, List<DaySlice> days) {
        Duration length = Duration.ofMinutes(days.get(0).shape().lengthMinutes());
        List<Slot> slots = new ArrayList<>(starts.length);
        for (long s : starts) {
            slots.add(Slot.of(Instant.ofEpochMilli(s), length));
        }
        return List.copyOf(slots);
    }
}
