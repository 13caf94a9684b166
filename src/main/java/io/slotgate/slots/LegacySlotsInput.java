package io.slotgate.slots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.time.Instant;

/**
 * The query of {@code GET /v2/slots/available} as Cal.com's global {@code ValidationPipe} turns it into a
 * {@code GetAvailableSlotsInput_2024_04_15} (packages/platform/types/slots/slots-2024-04-15/inputs/index.ts): parsed
 * like Express's {@code qs} ({@code a[]=x} and repeated keys are arrays), unknown keys dropped, each property's
 * {@code @Transform} applied, then class-validator's checks, whose failures make the 400 body of
 * ../shared/calcom/legacy-slots.md §3.3 ({@link CalcomErrorBody#validation}). One reading of the query for the
 * emulator and for slotgate, so both refuse the same input with the same body.
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

    /** A transform threw (a string method called on an array). */
    private static final class TransformFailed extends RuntimeException {
        TransformFailed() {
            super("transform failed", null, false, false);
        }
    }

    private enum Transform { NONE, PARSE_INT, LOWER_CASE, TRUE_IF_TRUE, FALSE_UNLESS_TRUE, PARSE_INT_EACH }

    private record Check(String key, Predicate<Object> passes, String message) {
    }

    /** A DTO property: its transform and its checks, in the order class-validator lists their constraints. */
    private record Property(String name, Transform transform, boolean optional, List<Check> checks) {
    }

    private static final List<String> SLOT_FORMATS = List.of("range", "time");
    private static final List<Property> PROPERTIES = List.of(
            required("startTime", check("isDateString", v -> v instanceof String s && LegacyDates.isStrictIso8601(s),
                    "startTime must be a valid ISO 8601 date string")),
            required("endTime", check("isDateString", v -> v instanceof String s && LegacyDates.isStrictIso8601(s),
                    "endTime must be a valid ISO 8601 date string")),
            optional("eventTypeId", Transform.PARSE_INT, isNumber("eventTypeId")),
            optional("eventTypeSlug", Transform.NONE, isString("eventTypeSlug")),
            optional("usernameList", Transform.NONE,
                    check("isString", v -> v instanceof List<?> l ? l.stream().allMatch(String.class::isInstance)
                            : v instanceof String, "each value in usernameList must be a string"),
                    check("isArray", v -> v instanceof List, "usernameList must be an array")),
            optional("debug", Transform.NONE, isBoolean("debug")),
            optional("duration", Transform.PARSE_INT,
                    check("min", v -> v instanceof Long n && n >= 1, "Duration must be a positive number"),
                    isNumber("duration")),
            optional("rescheduleUid", Transform.NONE, isString("rescheduleUid")),
            optional("timeZone", Transform.NONE, isString("timeZone")),
            optional("orgSlug", Transform.NONE, isString("orgSlug")),
            optional("slotFormat", Transform.LOWER_CASE,
                    check("isEnum", SLOT_FORMATS::contains, "slotFormat must be either 'range' or 'time'"),
                    isString("slotFormat")),
            optional("skipContactOwner", Transform.TRUE_IF_TRUE, isBoolean("skipContactOwner")),
            optional("shouldServeCache", Transform.TRUE_IF_TRUE, isBoolean("shouldServeCache")),
            optional("routedTeamMemberIds", Transform.PARSE_INT_EACH,
                    check("isNumber", v -> v instanceof List<?> l ? l.stream().allMatch(Long.class::isInstance)
                            : v instanceof Long,
                            "each value in routedTeamMemberIds must be a number conforming to the specified constraints"),
                    check("isArray", v -> v instanceof List, "routedTeamMemberIds must be an array")),
            optional("teamMemberEmail", Transform.NONE, isString("teamMemberEmail")),
            optional("embedConnectVersion", Transform.NONE, isString("embedConnectVersion")),
            optional("email", Transform.NONE, isString("email")),
            optional("routingFormResponseId", Transform.PARSE_INT,
                    check("routingFormResponseIdValidator", v -> true, ""), isNumber("routingFormResponseId")),
            optional("_isDryRun", Transform.TRUE_IF_TRUE, isBoolean("_isDryRun")),
            optional("_bypassCalendarBusyTimes", Transform.TRUE_IF_TRUE, isBoolean("_bypassCalendarBusyTimes")),
            optional("_silentCalendarFailures", Transform.TRUE_IF_TRUE, isBoolean("_silentCalendarFailures")),
            optional("isTeamEvent", Transform.FALSE_UNLESS_TRUE, isBoolean("isTeamEvent")),
            optional("teamId", Transform.PARSE_INT, isNumber("teamId")));
    private static final Set<String> NAMES = PROPERTIES.stream().map(Property::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The transformed, validated input in query order (what {@code JSON.stringify(input)} would print). */
    private final LinkedHashMap<String, Object> values;

    private LegacySlotsInput(LinkedHashMap<String, Object> values) {
        this.values = values;
    }

    /** Reads a query (each key with its values in the order sent, as the server decoded them). */
    public static Parsed parse(Map<String, List<String>> query) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (var entry : qs(query).entrySet()) {
            Property p = PROPERTIES.stream().filter(x -> x.name().equals(entry.getKey())).findFirst().orElseThrow();
            try {
                values.put(entry.getKey(), transform(p.transform(), entry.getValue()));
            } catch (TransformFailed e) {
                return new Unreadable(p.name());
            }
        }
        ArrayNode errors = MAPPER.createArrayNode();
        for (Property p : PROPERTIES) {
            Object value = values.getOrDefault(p.name(), UNDEFINED);
            if (p.optional() && value == UNDEFINED) {
                continue;
            }
            ObjectNode constraints = MAPPER.createObjectNode();
            for (Check c : p.checks()) {
                if (c.key().equals("routingFormResponseIdValidator")) {
                    routingFormResponseId(value, values, constraints);
                } else if (!c.passes().test(value)) {
                    constraints.put(c.key(), c.message());
                }
            }
            if (!constraints.isEmpty()) {
                errors.add(error(values, p.name(), value, constraints));
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new LegacySlotsInput(values));
    }

    /** {@code RoutingFormResponseIdValidator}: 0 for a dry run, else at least 1. */
    private static void routingFormResponseId(Object value, Map<String, Object> values, ObjectNode constraints) {
        boolean dryRun = Boolean.TRUE.equals(values.get("_isDryRun"));
        boolean ok = value instanceof Long n && (dryRun ? n == 0 : n >= 1);
        if (!ok) {
            constraints.put("routingFormResponseIdValidator", dryRun ? "routingFormResponseId must be 0 for dry run"
                    : "routingFormResponseId must be a positive number");
        }
    }

    /** qs's "extended" parse of the keys the DTO knows: {@code a[]} and {@code a[0]} are {@code a}, as arrays. */
    private static LinkedHashMap<String, Object> qs(Map<String, List<String>> query) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (var entry : query.entrySet()) {
            String key = entry.getKey();
            boolean bracketed = key.matches(".+\\[\\d*]");
            String name = bracketed ? key.substring(0, key.indexOf('[')) : key;
            if (!NAMES.contains(name)) {
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

    private static Object transform(Transform t, Object value) {
        return switch (t) {
            case NONE -> value;
            case PARSE_INT -> "".equals(value) ? value : parseInt(value instanceof List<?> l ? String.join(",",
                    l.stream().map(String::valueOf).toList()) : (String) value);
            case LOWER_CASE -> "".equals(value) ? UNDEFINED : lowerCase(value);
            case TRUE_IF_TRUE -> "".equals(value) ? value : "true".equals(lowerCase(value));
            case FALSE_UNLESS_TRUE -> "".equals(value) ? Boolean.FALSE : "true".equals(lowerCase(value));
            case PARSE_INT_EACH -> value instanceof List<?> l ? l.stream().map(x -> parseInt((String) x)).toList()
                    : value;
        };
    }

    private static String lowerCase(Object value) {
        if (!(value instanceof String s)) {
            throw new TransformFailed();
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** JavaScript's {@code parseInt(s)}: leading blanks, a sign, hex after 0x, digits up to the first non-digit. */
    public static Object parseInt(String s) {
        String t = s.stripLeading();
        int sign = 1;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            sign = t.charAt(0) == '-' ? -1 : 1;
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 1 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
            radix = 16;
            t = t.substring(2);
        }
        int end = 0;
        while (end < t.length() && Character.digit(t.charAt(end), radix) >= 0 && t.charAt(end) < 128) {
            end++;
        }
        if (end == 0) {
            return Double.NaN;
        }
        String digits = t.substring(0, Math.min(end, 18));
        return sign * Long.parseLong(digits, radix);
    }

    private static ObjectNode error(Map<String, Object> values, String property, Object value, ObjectNode constraints) {
        ObjectNode e = MAPPER.createObjectNode();
        e.set("target", target(values));
        if (value != UNDEFINED) {
            e.set("value", json(value));
        }
        e.put("property", property);
        e.putArray("children");
        e.set("constraints", constraints);
        return e;
    }

    /** The DTO instance as {@code JSON.stringify} prints it: the kept keys in query order, NaN as null. */
    private static ObjectNode target(Map<String, Object> values) {
        ObjectNode target = MAPPER.createObjectNode();
        values.forEach((k, v) -> {
            if (v != UNDEFINED) {
                target.set(k, json(v));
            }
        });
        return target;
    }

    private static JsonNode json(Object v) {
        if (v instanceof Double d && d.isNaN()) {
            return MAPPER.nullNode();
        }
        if (v instanceof List<?> list) {
            ArrayNode array = MAPPER.createArrayNode();
            list.forEach(x -> array.add(json(x)));
            return array;
        }
        return MAPPER.valueToTree(v);
    }

    private static Property required(String name, Check check) {
        return new Property(name, Transform.NONE, false, List.of(check));
    }

    private static Property optional(String name, Transform t, Check... checks) {
        return new Property(name, t, true, List.of(checks));
    }

    private static Check check(String key, Predicate<Object> passes, String message) {
        return new Check(key, passes, message);
    }

    private static Check isNumber(String name) {
        return check("isNumber", v -> v instanceof Long, name + " must be a number conforming to the specified constraints");
    }

    private static Check isString(String name) {
        return check("isString", v -> v instanceof String, name + " must be a string");
    }

    private static Check isBoolean(String name) {
        return check("isBoolean", v -> v instanceof Boolean, name + " must be a boolean value");
    }

    // ---------------------------------------------------------------- the validated input

    /** The input as the core's cache key prints it, with {@code isTeamEvent} set. */
    public String cacheKey(boolean isTeamEvent) {
        LinkedHashMap<String, Object> withTeam = new LinkedHashMap<>(values);
        withTeam.put("isTeamEvent", isTeamEvent);
        return "2024-04-15:" + target(withTeam);
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
