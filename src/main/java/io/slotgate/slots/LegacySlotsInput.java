package io.slotgate.slots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;
import io.slotgate.slots.LegacyInputProperties.Property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;

/**
 * The query of {@code GET /v2/slots/available} as Cal.com's global {@code ValidationPipe} turns it into a
 * {@code GetAvailableSlotsInput_2024_04_15} (packages/platform/types/slots/slots-2024-04-15/inputs/index.ts): parsed
 * like Express's {@code qs} ({@code a[]=x} and repeated keys are arrays), unknown keys dropped, each property's
 * {@code @Transform} applied, then class-validator's checks, whose failures make the 400 body of
 * ../shared/calcom/legacy-slots.md §3.3 ({@link CalcomErrorBody#validation}). One reading of the query for the
 * emulator and for slotgate, so both refuse the same input with the same body. The DTO's properties, transforms and
 * checks are {@link LegacyInputProperties}'; the JSON of its errors and of the input, {@link LegacyInputJson}'s.
 */
public final class LegacySlotsInput {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    /** What the pipe made of a query. */
    public sealed interface Parsed {
    }

    /** It passed: the DTO as the controller receives it. */
    public record Valid(LegacySlotsInput input) implements Parsed {
    }

    /** class-validator refused it: {@code errors} is the {@code details.errors} array of Cal.com's 400. */
    public record Invalid(ArrayNode errors) implements Parsed {
    }

    /**
     * A {@code @Transform} would throw on it (a string method called on an array, e.g. {@code slotFormat=a&slotFormat=b}):
     * Nest answers its bare 500.
     */
    public record Unreadable(String property) implements Parsed {
    }

    /** JavaScript's {@code undefined}: a property a transform removed. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** The transformed, validated input in query order (what {@code JSON.stringify(input)} would print). */
    private final LinkedHashMap<String, Object> values;

    private LegacySlotsInput(LinkedHashMap<String, Object> values) {
        this.values = values;
    }

    /** Reads a query (each key with its values in the order sent, as the server decoded them). */
    public static Parsed parse(Map<String, List<String>> query) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (var entry : qs(query).entrySet()) {
            Property p = LegacyInputProperties.named(entry.getKey());
            try {
                values.put(entry.getKey(), LegacyInputProperties.transform(p.transform(), entry.getValue()));
            } catch (LegacyInputProperties.TransformFailed e) {
                return new Unreadable(p.name());
            }
        }
        ArrayNode errors = MAPPER.createArrayNode();
        for (Property p : LegacyInputProperties.PROPERTIES) {
            Object value = values.getOrDefault(p.name(), UNDEFINED);
            if (p.optional() && value == UNDEFINED) {
                continue;
            }
            ObjectNode constraints = p.failed(value, values);
            if (!constraints.isEmpty()) {
                errors.add(LegacyInputJson.error(values, p.name(), value, constraints));
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new LegacySlotsInput(values));
    }

    /** JavaScript's {@code parseInt(s)}: leading blanks, a sign, hex after 0x, digits up to the first non-digit. */
    public static Object parseInt(String s) {
        return LegacyInputProperties.parseInt(s);
    }

    /** qs's "extended" parse of the keys the DTO knows: {@code a[]} and {@code a[0]} are {@code a}, as arrays. */
    private static LinkedHashMap<String, Object> qs(Map<String, List<String>> query) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (var entry : query.entrySet()) {
            String key = entry.getKey();
            boolean bracketed = key.matches(".+\\[\\d*]");
            String name = bracketed ? key.substring(0, key.indexOf('[')) : key;
            if (!LegacyInputProperties.NAMES.contains(name)) {
                continue;
            }
            Object previous = out.get(name);
            List<String> added = entry.getValue();
            if (previous == null && !bracketed && added.size() == 1) {
                out.put(name, added.get(0));
            } else {
                List<String> all = new ArrayList<>();
                if (previous instanceof String s) {
                    all.add(s);
                } else if (previous instanceof List<?> l) {
                    l.forEach(x -> all.add((String) x));
                }
                all.addAll(added);
                out.put(name, all);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the validated input

    /** The input as the core's cache key prints it, with {@code isTeamEvent} set. */
    public String cacheKey(boolean isTeamEvent) {
        LinkedHashMap<String, Object> withTeam = new LinkedHashMap<>(values);
        withTeam.put("isTeamEvent", isTeamEvent);
        return "2024-04-15:" + LegacyInputJson.target(withTeam);
    }

    /** A string property, or null when absent (or not a string). */
    public String string(String name) {
        return values.get(name) instanceof String s ? s : null;
    }

    /** A number property ({@code null} when absent); 0 stays 0, which the core reads as absent. */
    public Long number(String name) {
        return values.get(name) instanceof Long n ? n : null;
    }

    public Boolean bool(String name) {
        return values.get(name) instanceof Boolean b ? b : null;
    }

    @SuppressWarnings("unchecked")
    public List<String> usernames() {
        return values.get("usernameList") instanceof List<?> l ? (List<String>) l : null;
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != UNDEFINED;
    }

    /** The properties sent and kept, in query order. */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /** {@code startTime} as the core reads it ({@code dayjs(startTime)}); empty for dayjs's Invalid Date. */
    public Optional<Instant> startTime() {
        return LegacyDates.dayjs(string("startTime"));
    }

    /** {@code endTime} likewise; nothing moves a date-only end to 23:59:59 on this route. */
    public Optional<Instant> endTime() {
        return LegacyDates.dayjs(string("endTime"));
    }

    /**
     * The zone the core computes in and the output service renders in: UTC without {@code timeZone}; empty when
     * dayjs and Intl would throw on the name (any IANA id in any case, and UTC/GMT, pass).
     */
    public Optional<RequestedZone> zone() {
        String name = string("timeZone");
        return name == null ? Optional.of(RequestedZone.UTC) : RequestedZone.parseAnyCase(name);
    }

    /** Any valid {@code slotFormat}, {@code time} included, gives {@code {startTime, endTime}} items. */
    public boolean rangeItems() {
        return has("slotFormat");
    }
}
