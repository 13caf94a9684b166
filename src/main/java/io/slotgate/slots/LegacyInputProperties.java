package io.slotgate.slots;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The properties of {@code GetAvailableSlotsInput_2024_04_15} (packages/platform/types/slots/slots-2024-04-15/inputs/
 * index.ts), each with its {@code @Transform} and class-validator's checks, in the order the DTO declares them.
 */
final class LegacyInputProperties {
    private LegacyInputProperties() {
    }

    enum Transform { NONE, PARSE_INT, LOWER_CASE, TRUE_IF_TRUE, FALSE_UNLESS_TRUE, PARSE_INT_EACH }

    record Check(String key, Predicate<Object> passes, String message) {
    }

    /** A DTO property: its transform and its checks, in the order class-validator lists their constraints. */
    record Property(String name, Transform transform, boolean optional, List<Check> checks) {
        /** class-validator's failed constraints for {@code value}, keyed by constraint, in the order it checks them. */
        ObjectNode failed(Object value, Map<String, Object> values) {
            ObjectNode constraints = Jackson.MAPPER.createObjectNode();
            for (Check c : checks) {
                if (c.key().equals("routingFormResponseIdValidator")) {
                    routingFormResponseId(value, values, constraints);
                } else if (!c.passes().test(value)) {
                    constraints.put(c.key(), c.message());
                }
            }
            return constraints;
        }
    }

    private static final List<String> SLOT_FORMATS = List.of("range", "time");
    static final List<Property> PROPERTIES = List.of(
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
    static final Set<String> NAMES = PROPERTIES.stream().map(Property::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static Property named(String name) {
        return PROPERTIES.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    /** A transform threw (a string method called on an array). */
    static final class TransformFailed extends RuntimeException {
        TransformFailed() {
            super("transform failed", null, false, false);
        }
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

    static Object transform(Transform t, Object value) {
        return switch (t) {
            case NONE -> value;
            case PARSE_INT -> "".equals(value) ? value : parseInt(value instanceof List<?> l ? String.join(",",
                    l.stream().map(String::valueOf).toList()) : (String) value);
            case LOWER_CASE -> "".equals(value) ? LegacySlotsInput.UNDEFINED : lowerCase(value);
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
    static Object parseInt(String s) {
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
}
