package io.slotgate.http;

import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The query parameters of a finder request, read one at a time; the first bad one stops the request with a message
 * that names it. Times are read as {@code GET /v2/slots} reads them (UTC unless an offset is given; a date alone is
 * its UTC midnight, and as an {@code end} its last second), so a finder question and a slots question with the same
 * values mean the same instants.
 */
final class FinderParams {
    /** A request to refuse with 400; carries the message, no stack trace. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, List<String>> params;

    /** @throws Invalid on a parameter outside {@code known} or one given more than once */
    FinderParams(Map<String, List<String>> params, Set<String> known) {
        this.params = params;
        for (var entry : params.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new Invalid("property " + entry.getKey() + " should not exist (this endpoint takes "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            if (entry.getValue().size() > 1) {
                throw new Invalid(entry.getKey() + " must be given once, got " + entry.getValue().size() + " values");
            }
        }
    }

    long eventTypeId() {
        String value = one("eventTypeId");
        if (value == null) {
            throw new Invalid("eventTypeId is required: the id of a Cal.com event type such as 1001");
        }
        return positive(value, Long.MAX_VALUE)
                .orElseThrow(() -> new Invalid("eventTypeId must be a positive integer, got '" + value + "'"));
    }

    /** An instant read as {@code start} is; empty when absent and not required. */
    Optional<Instant> start(String name, boolean required) {
        return instant(name, required, CalcomTimeParams::parseStart);
    }

    /** An instant read as {@code end} is (a date alone, or a midnight, is the last second of that day). */
    Optional<Instant> end(String name, boolean required) {
        return instant(name, required, CalcomTimeParams::parseEnd);
    }

    private Optional<Instant> instant(String name, boolean required, Function<String, Optional<Instant>> parser) {
        String value = one(name);
        if (value == null) {
            if (required) {
                throw new Invalid(name + " is required: an ISO 8601 date or date-time such as 2050-09-05T09:00:00Z");
            }
            return Optional.empty();
        }
        Instant instant = parser.apply(value).orElseThrow(() -> new Invalid(name
                + " must be an ISO 8601 date or date-time such as 2050-09-05T09:00:00Z, got '" + value + "'"));
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9998) {
            throw new Invalid(name + " must be a date between the years 1 and 9998, got '" + value + "'");
        }
        return Optional.of(instant);
    }

    /** A whole number in [least, most], or {@code fallback} when absent. */
    int integer(String name, int fallback, int least, int most) {
        String value = one(name);
        if (value == null) {
            return fallback;
        }
        Optional<Long> parsed = wholeNumber(value);
        if (parsed.isEmpty() || parsed.get() < least || parsed.get() > most) {
            throw new Invalid(name + " must be a whole number from " + least + " to " + most + ", got '" + value + "'");
        }
        return parsed.get().intValue();
    }

    RequestedZone zone() {
        String value = one("timeZone");
        return RequestedZone.parse(value).orElseThrow(() -> new Invalid(
                "timeZone must be an IANA time zone such as Europe/Berlin, got '" + value + "'"));
    }

    Optional<Integer> duration() {
        String value = one("duration");
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(positive(value, SlotsRequest.MAX_DURATION_MINUTES).orElseThrow(() -> new Invalid(
                "duration must be a whole number of minutes from 1 to " + SlotsRequest.MAX_DURATION_MINUTES
                        + ", got '" + value + "'")).intValue());
    }

    private String one(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Optional<Long> positive(String value, long most) {
        return wholeNumber(value).filter(n -> n > 0 && n <= most);
    }

    private static Optional<Long> wholeNumber(String value) {
        if (value.isEmpty() || value.length() > 15 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }
}
