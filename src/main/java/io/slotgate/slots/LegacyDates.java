package io.slotgate.slots;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the 2024-04-15 slots controller reads date strings: class-validator's {@code @IsDateString} (validator.js
 * {@code isISO8601}, with {@code strict} checking the calendar) decides what passes validation, and dayjs then reads
 * the string as the core does ({@code dayjs(startTime)}): without a trailing {@code Z} through its own pattern, as
 * server-local time (UTC here), with a {@code Z} or an offset as JavaScript's {@code Date} does.
 */
public final class LegacyDates {
    /** validator.js's {@code iso8601}. */
    private static final Pattern ISO8601 = Pattern.compile("^([+-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d"
            + "|0[1-9]|3[01]))?|W([0-4]\\d|5[0-3])(-?[1-7])?|(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))([T\\s]"
            + "((([01]\\d|2[0-3])((:?)[0-5]\\d)?|24:?00)([.,]\\d+(?!:))?)?(\\17[0-5]\\d([.,]\\d+)?)?([zZ]|([+-])"
            + "([01]\\d|2[0-3]):?([0-5]\\d)?)?)?)?$");
    private static final Pattern ORDINAL = Pattern.compile("^(\\d{4})-?(\\d{3})([ T]\\.*|$)");
    private static final Pattern CALENDAR = Pattern.compile("(\\d{4})-?(\\d{0,2})-?(\\d*)");
    /** dayjs's {@code REGEX_PARSE}. */
    private static final Pattern DAYJS = Pattern.compile(
            "^(\\d{4})[-/]?(\\d{1,2})?[-/]?(\\d{0,2})[Tt\\s]*(\\d{1,2})?:?(\\d{1,2})?:?(\\d{1,2})?[.:]?(\\d+)?$");

    private LegacyDates() {
    }

    /** {@code @IsDateString()}: the ISO 8601 shape. */
    public static boolean isIso8601(String value) {
        return ISO8601.matcher(value).matches();
    }

    /** {@code @IsDateString({ strict: true })}: the shape, and a date that exists (no 30 February). */
    public static boolean isStrictIso8601(String value) {
        return isIso8601(value) && validDate(value);
    }

    private static boolean validDate(String value) {
        Matcher ordinal = ORDINAL.matcher(value);
        if (ordinal.find()) {
            int year = Integer.parseInt(ordinal.group(1));
            int day = Integer.parseInt(ordinal.group(2));
            boolean leap = year % 4 == 0 && year % 100 != 0 || year % 400 == 0;
            return day <= (leap ? 366 : 365);
        }
        Matcher m = CALENDAR.matcher(value);
        if (!m.find()) {
            return true;
        }
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
        int day = m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3).length() > 9 ? "0" : m.group(3));
        if (month == 0 || day == 0) {
            return true;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** The instant {@code dayjs(value)} reads, or empty for dayjs's Invalid Date. */
    public static Optional<Instant> dayjs(String value) {
        if (!value.endsWith("Z") && !value.endsWith("z")) {
            Matcher m = DAYJS.matcher(value);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                int day = m.group(3) == null || m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3));
                // JavaScript's Date(y, m, d, h, mi, s, ms) rolls every field over, as here
                LocalDateTime t = LocalDate.of(year, 1, 1).atStartOfDay().plusMonths(month - 1L).plusDays(day - 1L)
                        .plusHours(number(m.group(4))).plusMinutes(number(m.group(5))).plusSeconds(number(m.group(6)))
                        .plusNanos(millis(m.group(7)) * 1_000_000L);
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return javascriptDate(value);
    }

    /** {@code new Date(value)} for the ISO forms with a {@code Z} or an offset (a space may stand for the T). */
    private static Optional<Instant> javascriptDate(String value) {
        String v = value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + "T" + value.substring(11) : value;
        return prismaDateTime(v.endsWith("z") ? v.substring(0, v.length() - 1) + "Z" : v);
    }

    /** What Prisma takes as a {@code DateTime}: a full ISO 8601 date-time with its offset. */
    public static Optional<Instant> prismaDateTime(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long number(String group) {
        return group == null || group.isEmpty() ? 0 : Long.parseLong(group);
    }

    private static long millis(String group) {
        return group == null ? 0 : Long.parseLong(group.substring(0, Math.min(3, group.length())));
    }
}
