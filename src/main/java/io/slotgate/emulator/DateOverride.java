package io.slotgate.emulator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A date override of a host's schedule, stored as Cal.com stores one ({@code Availability} with a {@code date}): the
 * host is available on {@code date} from {@code from} to {@code to} (wall-clock times in the host's zone) instead of
 * that day's working hours. {@code to} of 23:59 means until midnight, as in Cal.com's editor; {@link #unavailable}
 * (00:00 to 00:00) blocks the whole day. Several overrides on one date add up.
 */
public record DateOverride(LocalDate date, LocalTime from, LocalTime to) {
    public DateOverride {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        from = from.withSecond(0).withNano(0);
        to = to.withSecond(0).withNano(0);
        boolean allDayOff = from.equals(LocalTime.MIDNIGHT) && to.equals(LocalTime.MIDNIGHT);
        if (!allDayOff && !to.isAfter(from)) {
            throw new IllegalArgumentException("a date override must end after it starts (23:59 for midnight): "
                    + from + "-" + to);
        }
    }

    /** The whole day off ("Mark unavailable (All day)" in Cal.com). */
    public static DateOverride unavailable(LocalDate date) {
        return new DateOverride(date, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    }

    public boolean isUnavailable() {
        return from.equals(to);
    }
}
