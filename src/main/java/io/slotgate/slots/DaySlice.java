package io.slotgate.slots;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One UTC day of one fill, as a day bucket keeps it.
 *
 * @param day                      the UTC day
 * @param slots                    the slots the fill laid out starting this day, sorted, including any a hold now hides
 *                                 (see {@link #offered()})
 * @param shape                    the fill that made the slice
 * @param continuesFromPreviousDay the fill had a slot exactly one frequency before this day's first slot
 * @param continuesIntoNextDay     the fill had a slot exactly one frequency after this day's last slot
 * @param holds                    reservations applied with {@link BlockMode#REMOVE_ONLY}, each {@code [start, end)}:
 *                                 Cal.com drops every slot that overlaps one, without moving the grid
 * @param unknownStarts            closed intervals of slot starts this slice cannot vouch for, left by a
 *                                 {@link Blocked.Fidelity#CONSERVATIVE} block: a slot starting there may exist
 *                                 although it is not listed
 */
public record DaySlice(LocalDate day, List<Slot> slots, FillShape shape, boolean continuesFromPreviousDay,
                       boolean continuesIntoNextDay, List<TimeRange> holds, List<TimeRange> unknownStarts) {

    public DaySlice {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(shape, "shape");
        slots = List.copyOf(slots);
        holds = normalised(holds, false);
        unknownStarts = normalised(unknownStarts, true);
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!TimeRange.utcDayOf(slot.start()).equals(day)) {
                throw new IllegalArgumentException("slot " + slot.start() + " does not start on " + day);
            }
            if (slot.length().toMinutes() != shape.lengthMinutes() || slot.length().toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("slot " + slot.start() + " is not " + shape.lengthMinutes()
                        + " minutes long");
            }
            if (i > 0 && !slots.get(i - 1).start().isBefore(slot.start())) {
                throw new IllegalArgumentException("slots of " + day + " are not sorted by start without repeats");
            }
        }
        if (slots.isEmpty() && (continuesFromPreviousDay || continuesIntoNextDay)) {
            throw new IllegalArgumentException("an empty day cannot continue a run of slots");
        }
    }

    /** A slice as a fill lays it out: no holds, nothing unknown. */
    public static DaySlice of(LocalDate day, List<Slot> slots, FillShape shape, boolean continuesFromPreviousDay,
                              boolean continuesIntoNextDay) {
        return new DaySlice(day, slots, shape, continuesFromPreviousDay, continuesIntoNextDay, List.of(), List.of());
    }

    /** The slots Cal.com would have answered at the fill's instant: the laid-out ones no hold hides. */
    public List<Slot> offered() {
        if (holds.isEmpty()) {
            return slots;
        }
        List<Slot> offered = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (holds.stream().noneMatch(h -> h.start().isBefore(slot.end()) && h.end().isAfter(slot.start()))) {
                offered.add(slot);
            }
        }
        return List.copyOf(offered);
    }

    long dayStart() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    long dayEnd() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Sorted, without repeats; unknown starts also merged where they overlap, so equal knowledge is one value. */
    private static List<TimeRange> normalised(List<TimeRange> ranges, boolean merge) {
        List<TimeRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(TimeRange::start).thenComparing(TimeRange::end));
        List<TimeRange> out = new ArrayList<>(sorted.size());
        for (TimeRange range : sorted) {
            TimeRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.equals(range)) {
                continue;
            }
            if (merge && last != null && !range.start().isAfter(last.end())) {
                out.set(out.size() - 1, new TimeRange(last.start(),
                        range.end().isAfter(last.end()) ? range.end() : last.end()));
                continue;
            }
            out.add(range);
        }
        return List.copyOf(out);
    }
}
