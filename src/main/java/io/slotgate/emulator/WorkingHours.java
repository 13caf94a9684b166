package io.slotgate.emulator;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One weekly working-hours rule of a host, read in the host's own time zone; a host may have several (e.g. a lunch
 * break is two rules). {@code to} at or before {@code from} means the interval runs past midnight into the next day
 * ({@code 00:00} as {@code to} therefore means "until the end of the day").
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public WorkingHours {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    public static WorkingHours weekdays(LocalTime from, LocalTime to) {
        return new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), from, to);
    }

    boolean crossesMidnight() {
        return !to.isAfter(from);
    }
}
