package io.slotgate.http;

import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader of query parameters for every endpoint (slots, legacy slots' extra checks, finder, admin, and the
 * event-type id that metrics and the request log label by): what "given once" means, what an id, an instant, a year,
 * a {@code timeZone} and a {@code duration} are, and the message that names each bad one. A bad parameter is an
 * {@link Invalid}, which every handler turns into a 400; nothing here fails otherwise.
 *
 * <p>Numbers are ASCII digits only. Cal.com reads {@code eventTypeId} and {@code duration} with JavaScript's
 * {@code parseInt}, which knows no other digits ({@code parseInt("١٠٠١")} is {@code NaN}), then refuses the
 * {@code NaN} with {@code @IsNumber()}: a 400 ({@code get-slots.input.ts} of the 2024-09-04 slots DTO). Java's
 * {@link Character#isDigit} and {@link Long#parseLong} take any script's digits, so they are not used.
 */
final class QueryParams {
    /** Longest run of digits read as a number: keeps every accepted number exact and far from overflow. */
    static final int MAX_DIGITS = 15;
    static final int MAX_DURATION_MINUTES = 24 * 60;

    /** A parameter to refuse with 400; carries the message, no stack trace. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** How an instant is read: as Cal.com reads {@code start}, or {@code end} (a date alone is its last second). */
    enum Reading {
        START(CalcomTimeParams::parseStart), END(CalcomTimeParams::parseEnd);

        private final Function<String, Optional<Instant>> parser;

        Reading(Function<String, Optional<Instant>> parser) {
            this.parser = parser;
        }
    }

    private final Map<String, List<String>> params;

    QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The first parameter not in {@code known}, if any. */
    Optional<String> unknown(Set<String> known) {
        return params.keySet().stream().filter(name -> !known.contains(name)).findFirst();
    }

    static Invalid shouldNotExist(String name) {
        return new Invalid("property " + name + " should not exist");
    }

    /** @throws Invalid on the first parameter given more than once */
    void once() {
        params.forEach(QueryParams::once);
    }

    /**
     * Each parameter in turn must be in {@code known} and given once; the refusal of an unknown one lists the known.
     *
     * @throws Invalid naming the first that is not
     */
    void onlyOnce(Set<String> known) {
        params.forEach((name, values) -> {
            if (!known.contains(name)) {
                throw new Invalid(shouldNotExist(name).getMessage() + " (this endpoint takes "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            once(name, values);
        });
    }

    private static void once(String name, List<String> values) {
        if (values.size() > 1) {
            throw new Invalid(name + " must be given once, got " + values.size() + " values");
        }
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    /** The first value of a parameter; null when absent. */
    String one(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @throws Invalid when absent or not a positive id */
    long eventTypeId() {
        if (one("eventTypeId") == null) {
            throw new Invalid("eventTypeId is required: the id of a Cal.com event type such as 1001");
        }
        return id("eventTypeId");
    }

    /** A positive id such as an event type's. @throws Invalid when present and not one */
    long id(String name) {
        String value = one(name);
        OptionalLong id = positiveId(value);
        if (id.isEmpty()) {
            throw new Invalid(name + " must be a positive integer, got '" + value + "'");
        }
        return id.getAsLong();
    }

    /**
     * An instant, or empty when absent and not required.
     *
     * @param example     a date-time for the messages, such as {@code 2050-09-05T09:00:00Z}
     * @param dateExample a date the "is required" message offers before {@code example}, or null
     */
    Optional<Instant> instant(String name, Reading reading, boolean required, String example, String dateExample) {
        String value = one(name);
        if (value == null) {
            if (required) {
                require(name, example, dateExample);
            }
            return Optional.empty();
        }
        return Optional.of(reading.parser.apply(value).orElseThrow(() -> new Invalid(
                name + " must be an ISO 8601 date or date-time such as " + example + ", got '" + value + "'")));
    }

    /** @throws Invalid when the instant {@code name} is absent, with the examples {@link #instant} takes */
    void require(String name, String example, String dateExample) {
        if (one(name) == null) {
            throw new Invalid(name + " is required: an ISO 8601 date or date-time such as "
                    + (dateExample == null ? "" : dateExample + " or ") + example);
        }
    }

    /** @throws Invalid when {@code instant}, read from parameter {@code name}, falls outside the years 1 to 9998 */
    void inYears(String name, Instant instant) {
        if (!inYears(instant)) {
            throw new Invalid(name + " must be a date between the years 1 and 9998, got '" + one(name) + "'");
        }
    }

    /** Whether {@code instant} falls in the years 1 to 9998 (UTC), the ones slotgate keys and renders. */
    static boolean inYears(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9998;
    }

    /**
     * The {@code timeZone} parameter, read by {@code reading} ({@link RequestedZone#parse} or
     * {@link RequestedZone#parseInAnyCase}; both give the default for an absent one).
     */
    RequestedZone zone(Function<String, Optional<RequestedZone>> reading) {
        String value = one("timeZone");
        return reading.apply(value).orElseThrow(() -> new Invalid(badZone(value, "Europe/Berlin")));
    }

    /** The refusal of a {@code timeZone} no zone has, with a zone for the example. */
    static String badZone(String value, String example) {
        return "timeZone must be an IANA time zone such as " + example + ", got '" + value + "'";
    }

    /** The {@code duration} parameter in minutes, if given. */
    Optional<Integer> duration() {
        String value = one("duration");
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(wholeNumber(value).filter(n -> n > 0 && n <= MAX_DURATION_MINUTES).orElseThrow(() ->
                new Invalid("duration must be a whole number of minutes from 1 to " + MAX_DURATION_MINUTES
                        + ", got '" + value + "'")).intValue());
    }

    /** A whole number in [least, most], or {@code fallback} when absent. */
    int integer(String name, int fallback, int least, int most) {
        String value = one(name);
        if (value == null) {
            return fallback;
        }
        return wholeNumber(value).filter(n -> n >= least && n <= most).orElseThrow(() -> new Invalid(
                name + " must be a whole number from " + least + " to " + most + ", got '" + value + "'")).intValue();
    }

    /** A positive id written in ASCII digits, as Cal.com's {@code parseInt} reads one; empty for anything else. */
    static OptionalLong positiveId(String value) {
        Optional<Long> parsed = value == null ? Optional.empty() : wholeNumber(value);
        return parsed.isPresent() && parsed.get() > 0 ? OptionalLong.of(parsed.get()) : OptionalLong.empty();
    }

    /** Up to {@link #MAX_DIGITS} ASCII digits, and nothing else (no sign, no blank, no other script's digits). */
    static Optional<Long> wholeNumber(String value) {
        if (value.isEmpty() || value.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            n = n * 10 + (c - '0');
        }
        return Optional.of(n);
    }
}
