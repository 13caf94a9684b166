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
        return LocalDate.ofInstant(instant, zone);
    }

    public String format(Instant instant) {
        var local = instant.atZone(zone);
        String offset = universal ? "Z" : OFFSET.format(local);
        return LOCAL.format(local) + offset;
    }
}
