package io.slotgate.slots;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code timeZone} a client asked for, and how Cal.com renders instants in it.
 *
 * <p>Cal.com renders with Luxon's {@code setZone(tz).toISO()}: millisecond precision, and the suffix {@code Z} only for
 * Luxon's fixed UTC zone (no {@code timeZone} at all, or "UTC"/"GMT" by name); every IANA zone, even one whose offset
 * is zero such as Europe/London in winter, gets a numeric offset like {@code +00:00}.
 */
public record RequestedZone(String name, ZoneId zone, boolean universal) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);

    public static final RequestedZone UTC = new RequestedZone("UTC", ZoneOffset.UTC, true);

    /** Parses an IANA zone name; empty when the name is not a known region id. */
    public static Optional<RequestedZone> parse(String name) {
        if (name == null) {
            return Optional.of(UTC);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT")) {
            return Optional.of(new RequestedZone(name, ZoneOffset.UTC, true));
        }
        if (name.isBlank() || !name.contains("/") && !ZoneId.getAvailableZoneIds().contains(name)) {
            return Optional.empty();
        }
        try {
            ZoneId zone = ZoneId.of(name);
            return ZoneId.getAvailableZoneIds().contains(zone.getId())
                    ? Optional.of(new RequestedZone(name, zone, false))
                    : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The calendar date under which Cal.com groups a slot starting at {@code instant}. */
    public LocalDate dateOf(Instant instant) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + offset.getTotalSeconds(), 86_400));
    }

    public String format(Instant instant) {
        StringBuilder out = new StringBuilder(29);
        appendTo(out, instant);
        return out.toString();
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss.SSS} and the offset without a formatter: this runs for every slot of every
     * cached answer, and is several times faster than DateTimeFormatter.
     */
    public void appendTo(StringBuilder out, Instant instant) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        long local = instant.getEpochSecond() + offset.getTotalSeconds();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, 86_400));
        int secondOfDay = (int) Math.floorMod(local, 86_400);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            out.append(LOCAL.format(instant.atZone(zone))).append(universal ? "Z" : OFFSET.format(instant.atZone(zone)));
            return;
        }
        pad(out, year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        pad(out, instant.getNano() / 1_000_000, 3);
        if (universal) {
            out.append('Z');
            return;
        }
        int total = offset.getTotalSeconds();
        out.append(total < 0 ? '-' : '+');
        int abs = Math.abs(total);
        pad(out, abs / 3600, 2).append(':');
        pad(out, abs / 60 % 60, 2);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
