package io.slotgate.slots;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code start} and {@code end} of {@code GET /v2/slots} as Cal.com does: strict ISO 8601, UTC unless an offset
 * is given; a date alone is that day's 00:00:00Z; an {@code end} whose time is exactly 00:00:00 (or a date alone)
 * becomes 23:59:59 of that day ({@code adjustEndTime} in Cal.com's slots-input.service.ts).
 */
public final class CalcomTimeParams {
    private CalcomTimeParams() {
    }

    public static Optional<Instant> parseStart(String value) {
        return parseIso(value);
    }

    public static Optional<Instant> parseEnd(String value) {
        return parseIso(value).map(CalcomTimeParams::adjustEndTime);
    }

    private static Instant adjustEndTime(Instant end) {
        var utc = end.atOffset(ZoneOffset.UTC);
        if (utc.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return utc.withHour(23).withMinute(59).withSecond(59).toInstant();
        }
        return end;
    }

    static Optional<Instant> parseIso(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (hasOffset(v)) {
                return Optional.of(OffsetDateTime.parse(v).toInstant());
            }
            return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean hasOffset(String v) {
        if (v.endsWith("Z") || v.endsWith("z")) {
            return true;
        }
        int t = v.indexOf('T');
        return t > 0 && (v.indexOf('+', t) > 0 || v.indexOf('-', t) > 0);
    }
}
