package io.slotgate.slots;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Read once: {@link ZoneId#getAvailableZoneIds()} copies all ~600 ids into a new set on every call. */
    private static final Set<String> REGION_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());
    /** The region ids by their lower-case form, for the names dayjs and Intl take in any case. */
    private static final Map<String, String> REGION_IDS_ANY_CASE = REGION_IDS.stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), id -> id, (a, b) -> a));

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
        if (name.isBlank() || !name.contains("/") && !REGION_IDS.contains(name)) {
            return Optional.empty();
        }
        try {
            ZoneId zone = ZoneId.of(name);
            return REGION_IDS.contains(zone.getId())
                    ? Optional.of(new RequestedZone(name, zone, false))
                    : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The 2024-09-04 route's {@code timeZone} ({@code @IsTimeZone()}: class-validator asks {@code Intl.DateTimeFormat},
     * which takes an IANA id in any case, and Luxon renders in it as in the canonical zone): an exact id as
     * {@link #parse} reads it, else the same id in any case; absent, UTC.
     */
    public static Optional<RequestedZone> parseInAnyCase(String name) {
        Optional<RequestedZone> exact = parse(name);
        return exact.isPresent() || name == null ? exact : parseAnyCase(name);
    }

    /**
     * A zone as the 2024-04-15 core takes it (dayjs's {@code tz} and {@code Intl.DateTimeFormat}): any IANA id in any
     * case ({@code europe/rome}), or UTC/GMT by name, which Luxon renders with {@code Z}; empty for anything they throw
     * on. Dates are keyed and times rendered in the canonical zone, so {@code europe/rome} answers as Europe/Rome.
     */
    public static Optional<RequestedZone> parseAnyCase(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("utc") || lower.equals("gmt")) {
            return Optional.of(new RequestedZone(name, ZoneOffset.UTC, true));
        }
        String id = REGION_IDS_ANY_CASE.get(lower);
        return id == null ? Optional.empty() : Optional.of(new RequestedZone(name, ZoneId.of(id), false));
    }

    /** The calendar date under which Cal.com groups a slot starting at {@code instant}. */
    public LocalDate dateOf(Instant instant) {
        return new Renderer(instant).dateOf(instant);
    }

    public String format(Instant instant) {
        StringBuilder out = new StringBuilder(Renderer.LONGEST);
        new Renderer(instant).appendTo(out, instant);
        return out.toString();
    }

    /** A renderer for a run of instants, such as the slots of one answer. */
    Renderer renderer() {
        return new Renderer();
    }

    /**
     * Renders instants in this zone, for one thread. It remembers the last offset it looked up and until when that
     * offset holds (the zone's next transition), so a run of ascending slots asks the zone's rules about once per
     * answer, not once per slot; and it writes each timestamp into a scratch array appended in one go, because
     * character-by-character appends were most of the cost of rendering a cached answer.
     */
    final class Renderer {
        private static final int LONGEST = "yyyy-MM-ddTHH:mm:ss.SSS+hh:mm".length();

        private final ZoneRules rules = zone.getRules();
        private final char[] scratch = new char[LONGEST];
        private ZoneOffset offset;
        private long validFrom = Long.MAX_VALUE;
        private long validUntil = Long.MIN_VALUE;

        private Renderer() {
        }

        /** For one instant only: its offset, without the search for the next transition that pays off over a run. */
        private Renderer(Instant instant) {
            offset = rules.getOffset(instant);
            validFrom = instant.getEpochSecond();
            validUntil = validFrom + 1;
        }

        ZoneOffset offsetAt(Instant instant) {
            long second = instant.getEpochSecond();
            if (second < validFrom || second >= validUntil) {
                offset = rules.getOffset(instant);
                ZoneOffsetTransition next = rules.nextTransition(instant);
                validFrom = second;
                validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            }
            return offset;
        }

        LocalDate dateOf(Instant instant) {
            return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + offsetAt(instant).getTotalSeconds(),
                    86_400));
        }

        /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSS} and {@code Z} or the offset, as Luxon's {@code toISO()} does. */
        void appendTo(StringBuilder out, Instant instant) {
            int total = offsetAt(instant).getTotalSeconds();
            long local = instant.getEpochSecond() + total;
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, 86_400));
            int year = date.getYear();
            if (year < 0 || year > 9999) {
                out.append(LOCAL.format(instant.atZone(zone)))
                        .append(universal ? "Z" : OFFSET.format(instant.atZone(zone)));
                return;
            }
            int secondOfDay = (int) Math.floorMod(local, 86_400);
            char[] c = scratch;
            int at = digits(c, 0, year, 4);
            c[at++] = '-';
            at = digits(c, at, date.getMonthValue(), 2);
            c[at++] = '-';
            at = digits(c, at, date.getDayOfMonth(), 2);
            c[at++] = 'T';
            at = digits(c, at, secondOfDay / 3600, 2);
            c[at++] = ':';
            at = digits(c, at, secondOfDay / 60 % 60, 2);
            c[at++] = ':';
            at = digits(c, at, secondOfDay % 60, 2);
            c[at++] = '.';
            at = digits(c, at, instant.getNano() / 1_000_000, 3);
            if (universal) {
                c[at++] = 'Z';
            } else {
                c[at++] = total < 0 ? '-' : '+';
                int abs = Math.abs(total);
                at = digits(c, at, abs / 3600, 2);
                c[at++] = ':';
                at = digits(c, at, abs / 60 % 60, 2);
            }
            out.append(c, 0, at);
        }

        /** Writes {@code value} zero-padded to {@code width} digits at {@code at}; returns the index after them. */
        private static int digits(char[] c, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                c[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            return at + width;
        }
    }
}
