package io.slotgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import io.slotgate.cache.FillSpan;
import io.slotgate.json.Jackson;

import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A policy as JSON: {@code {"extends": "slotgate", "name": "calmer", "freshFarSeconds": 600}}. Every field not given
 * comes from the profile named by {@code extends} (default: slotgate's own), so a policy file says only what it
 * changes, and {@code {"extends": "seed-phase1"}} is a complete rollback.
 */
public final class PolicyJson {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;
    private static final Set<String> FIELDS = Set.of("extends", "name", "keys", "invalidation", "freshTodaySeconds",
            "freshNearSeconds", "freshFarSeconds", "nearDays", "freshEmptySeconds", "staleWindowSeconds",
            "busyBookingsPerHour", "busyFactor", "webhookSilenceMinutes", "unhealthyFactor", "refreshAheadBeta",
            "refreshOnInvalidate", "warmTopEventTypes", "warmDays", "warmEverySeconds", "finderTtlSeconds",
            "fillSpanDays", "fillNearDays", "fillFarMonths", "patchOnWebhook", "changedCopySeconds",
            "backgroundSpacingSeconds", "patchConfirmSeconds", "freedSpacingSeconds");

    private PolicyJson() {
    }

    /** @throws IllegalArgumentException with a message naming the offending field */
    public static PolicyProfile parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown policy field '" + name + "'; known: " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String base = text(root, "extends", PolicyProfiles.SLOTGATE);
        PolicyProfile b = PolicyProfiles.named(base).orElseThrow(() -> new IllegalArgumentException(
                "extends names no built-in profile: '" + base + "'; known: " + PolicyProfiles.builtIn().keySet()));
        return new PolicyProfile(
                text(root, "name", root.has("extends") && root.size() == 1 ? base : base + "-custom"),
                root.has("keys") ? enumValue(KeyMode.class, root, "keys") : b.keys(),
                root.has("invalidation") ? enumValue(InvalidationScope.class, root, "invalidation") : b.invalidation(),
                seconds(root, "freshTodaySeconds", b.freshToday()),
                seconds(root, "freshNearSeconds", b.freshNear()),
                seconds(root, "freshFarSeconds", b.freshFar()),
                integer(root, "nearDays", b.nearDays()),
                root.has("freshEmptySeconds") && root.get("freshEmptySeconds").isNull() ? null
                        : seconds(root, "freshEmptySeconds", b.freshEmpty()),
                seconds(root, "staleWindowSeconds", b.staleWindow()),
                number(root, "busyBookingsPerHour", b.busyBookingsPerHour()),
                number(root, "busyFactor", b.busyFactor()),
                root.has("webhookSilenceMinutes") ? Duration.ofMinutes(integer(root, "webhookSilenceMinutes", 0))
                        : b.webhookSilence(),
                number(root, "unhealthyFactor", b.unhealthyFactor()),
                number(root, "refreshAheadBeta", b.refreshAheadBeta()),
                bool(root, "refreshOnInvalidate", b.refreshOnInvalidate()),
                integer(root, "warmTopEventTypes", b.warmTopEventTypes()),
                integer(root, "warmDays", b.warmDays()),
                seconds(root, "warmEverySeconds", b.warmEvery()),
                root.has("finderTtlSeconds") && root.get("finderTtlSeconds").isNull() ? null
                        : seconds(root, "finderTtlSeconds", b.finderTtl()),
                fill(root, b.fill()),
                bool(root, "patchOnWebhook", b.patchOnWebhook()),
                seconds(root, "changedCopySeconds", b.changedCopyFor()),
                seconds(root, "backgroundSpacingSeconds", b.backgroundSpacing()),
                seconds(root, "patchConfirmSeconds", b.patchConfirmDelay()),
                seconds(root, "freedSpacingSeconds", b.freedSpacing()));
    }

    private static FillSpan fill(JsonNode root, FillSpan b) {
        try {
            return new FillSpan(integer(root, "fillSpanDays", b.maxDays()), integer(root, "fillNearDays", b.nearDays()),
                    farMonths(root, b.farMonths()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fillSpanDays/fillNearDays: " + e.getMessage());
        }
    }

    /** How many months a far fill widens to; {@code true}/{@code false} still read as one month and none. */
    private static int farMonths(JsonNode root, int fallback) {
        JsonNode node = root.get("fillFarMonths");
        if (node != null && node.isBoolean()) {
            return node.asBoolean() ? 1 : 0;
        }
        return integer(root, "fillFarMonths", fallback);
    }

    public static String render(PolicyProfile p) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("name", p.name());
        out.put("keys", p.keys().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("invalidation", p.invalidation().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("freshTodaySeconds", p.freshToday().toSeconds());
        out.put("freshNearSeconds", p.freshNear().toSeconds());
        out.put("freshFarSeconds", p.freshFar().toSeconds());
        out.put("nearDays", p.nearDays());
        if (p.freshEmpty() == null) {
            out.putNull("freshEmptySeconds");
        } else {
            out.put("freshEmptySeconds", p.freshEmpty().toSeconds());
        }
        out.put("staleWindowSeconds", p.staleWindow().toSeconds());
        out.put("busyBookingsPerHour", p.busyBookingsPerHour());
        out.put("busyFactor", p.busyFactor());
        out.put("webhookSilenceMinutes", p.webhookSilence().toMinutes());
        out.put("unhealthyFactor", p.unhealthyFactor());
        out.put("refreshAheadBeta", p.refreshAheadBeta());
        out.put("refreshOnInvalidate", p.refreshOnInvalidate());
        out.put("warmTopEventTypes", p.warmTopEventTypes());
        out.put("warmDays", p.warmDays());
        out.put("warmEverySeconds", p.warmEvery().toSeconds());
        if (p.finderTtl() == null) {
            out.putNull("finderTtlSeconds");
        } else {
            out.put("finderTtlSeconds", p.finderTtl().toSeconds());
        }
        out.put("fillSpanDays", p.fill().maxDays());
        out.put("fillNearDays", p.fill().nearDays());
        out.put("fillFarMonths", p.fill().farMonths());
        out.put("patchOnWebhook", p.patchOnWebhook());
        out.put("changedCopySeconds", p.changedCopyFor().toSeconds());
        out.put("backgroundSpacingSeconds", p.backgroundSpacing().toSeconds());
        out.put("patchConfirmSeconds", p.patchConfirmDelay().toSeconds());
        out.put("freedSpacingSeconds", p.freedSpacing().toSeconds());
        return out.toString();
    }

    private static String text(JsonNode root, String field, String fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isTextual() || root.get(field).asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return root.get(field).asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode root, String field) {
        String value = text(root, field, "");
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + names(type) + ", got '" + value + "'");
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList().toString();
    }

    private static Duration seconds(JsonNode root, String field, Duration fallback) {
        return root.has(field) ? Duration.ofSeconds(integer(root, field, 0)) : fallback;
    }

    private static int integer(JsonNode root, String field, int fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode node = root.get(field);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number, got " + node);
        }
        return node.asInt();
    }

    private static double number(JsonNode root, String field, double fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, got " + root.get(field));
        }
        return root.get(field).asDouble();
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, got " + root.get(field));
        }
        return root.get(field).asBoolean();
    }

}
