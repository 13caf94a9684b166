package io.slotgate.slots;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A closed interval of instants, as Cal.com reads {@code start}/{@code end}: a slot belongs to the range when its
 * start lies in [start, end] (both ends included).
 */
public record TimeRange(Instant start, Instant end) {
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends before it starts: " + start + " > " + end);
        }
    }

    /** The whole UTC day: 00:00:00.000Z to 23:59:59.999Z. */
    public static TimeRange utcDay(LocalDate day) {
        return utcDays(day, day);
    }

    /** From the first day's 00:00Z to the last day's 23:59:59.999Z. */
    public static TimeRange utcDays(LocalDate first, LocalDate last) {
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        return new TimeRange(start, end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && !instant.isAfter(end);
    }

    public LocalDate firstUtcDay() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    public LocalDate lastUtcDay() {
        return LocalDate.ofInstant(end, ZoneOffset.UTC);
    }

    /** Every UTC day this range touches, in order. */
    public List<LocalDate> utcDays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = firstUtcDay(); !d.isAfter(lastUtcDay()); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    public static LocalDate utcDayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
