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
 * Serves cached {@code GET /v2/slots} answers exactly as Cal.com would answer them now, or says it cannot.
 * (Javadoc with the rules and worked examples: see the class documentation below and docs/calcom-slots.md.)
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
     * @return one result per day, in order
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

    /** Why {@link #answer} declines (null when it answers): for tests and measurements. */
    static String doubt(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now, int noticeMinutes) {
        return serve(days, start, end, zone, now, noticeMinutes).doubt();
    }

    private static Serving.Outcome serve(List<DaySlice> days, Instant start, Instant end, ZoneId zone, Instant now,
                                         int noticeMinutes) {
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
                noticeMinutes);
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
