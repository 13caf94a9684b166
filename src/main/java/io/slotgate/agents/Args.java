package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A tool's arguments (a JSON object), read one at a time with the finder's rules: times as {@code GET /v2/slots} reads
 * them (UTC unless an offset is given, a date alone its UTC midnight, as an {@code end} its last second), zones as IANA
 * names. The first bad argument stops the call with a message that names it and says what would be accepted, so a
 * language model can correct itself.
 */
final class Args {
    static final int MAX_DURATION_MINUTES = 24 * 60;

    /** A write for a start already gone is refused before Cal.com is asked, with the tool that finds one to come. */
    static void notPast(Instant start, java.time.Clock clock) {
        if (start.isBefore(clock.instant())) {
            throw ToolError.invalid("the slot is in the past (" + ToolJson.utc(start) + "); call find_next_slot for "
                    + "the next free one");
        }
    }

    private final JsonNode args;

    /** @throws ToolError on an argument outside {@code known} */
    Args(JsonNode args, Set<String> known) {
        this.args = args == null || args.isNull() || args.isMissingNode() ? com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode() : args;
        if (!this.args.isObject()) {
            throw ToolError.invalid("the arguments must be a JSON object");
        }
        for (Iterator<String> names = this.args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ToolError.invalid("unknown argument '" + name + "'; this tool takes "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    long eventTypeId() {
        JsonNode value = args.path("eventTypeId");
        if (value.isMissingNode() || value.isNull()) {
            throw ToolError.invalid("eventTypeId is required: the id of an event type, as list_event_types shows");
        }
        Optional<Long> id = wholeNumber(value).filter(n -> n > 0);
        return id.orElseThrow(() -> ToolError.invalid("eventTypeId must be a positive integer such as 1001, got "
                + value));
    }

    Optional<Instant> start(String name, boolean required) {
        return instant(name, required, CalcomTimeParams::parseStart);
    }

    Optional<Instant> end(String name, boolean required) {
        return instant(name, required, CalcomTimeParams::parseEnd);
    }

    private Optional<Instant> instant(String name, boolean required, Function<String, Optional<Instant>> parser) {
        JsonNode value = args.path(name);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw ToolError.invalid(name + " is required: an ISO 8601 date-time such as 2050-09-05T09:00:00+02:00");
            }
            return Optional.empty();
        }
        Optional<Instant> instant = value.isTextual() ? parser.apply(value.asText()) : Optional.empty();
        if (instant.isEmpty()) {
            throw ToolError.invalid(name + " must be an ISO 8601 date or date-time such as 2050-09-05T09:00:00+02:00"
                    + " (UTC when no offset is given), got " + value);
        }
        int year = instant.get().atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9998) {
            throw ToolError.invalid(name + " must be a date between the years 1 and 9998, got " + value);
        }
        return instant;
    }

    int integer(String name, int fallback, int least, int most) {
        JsonNode value = args.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        Optional<Long> n = wholeNumber(value).filter(v -> v >= least && v <= most);
        return n.orElseThrow(() -> ToolError.invalid(name + " must be a whole number from " + least + " to " + most
                + ", got " + value)).intValue();
    }

    Optional<Integer> duration() {
        JsonNode value = args.path("duration");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(integer("duration", 0, 1, MAX_DURATION_MINUTES));
    }

    RequestedZone zone() {
        return zone("timeZone", args.path("timeZone"));
    }

    static RequestedZone zone(String name, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return RequestedZone.UTC;
        }
        Optional<RequestedZone> zone = value.isTextual() ? RequestedZone.parse(value.asText()) : Optional.empty();
        return zone.orElseThrow(() -> ToolError.invalid(name + " must be an IANA time zone such as Europe/Berlin, got "
                + value));
    }

    String text(String name) {
        JsonNode value = args.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ToolError.invalid(name + " is required: " + (value.isMissingNode() ? "it is missing"
                    : "a non-empty string, got " + value));
        }
        return value.asText();
    }

    Optional<String> optionalText(String name) {
        JsonNode value = args.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(name));
    }

    JsonNode object(String name) {
        JsonNode value = args.path(name);
        if (!value.isObject()) {
            throw ToolError.invalid(name + " is required: an object, got " + (value.isMissingNode() ? "nothing" : value));
        }
        return value;
    }

    private static Optional<Long> wholeNumber(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()) && Math.abs(value.asDouble()) < 1e15) {
            return Optional.of((long) value.asDouble());
        }
        // Some agent platforms send every argument as a string.
        if (value.isTextual() && value.asText().matches("[0-9]{1,15}")) {
            return Optional.of(Long.parseLong(value.asText()));
        }
        return Optional.empty();
    }
}
