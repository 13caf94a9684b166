package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions (NOTES §5f): {@code POST} and {@code GET /v2/webhooks}, {@code DELETE /v2/webhooks/{id}}, over
 * {@link EmulatorWebhooks}, which delivers them.
 */
final class WebhookRoutes {
    private static final Set<String> FIELDS = Set.of("subscriberUrl", "triggers", "active", "secret", "payloadTemplate");

    private final EmulatorWebhooks webhooks;

    WebhookRoutes(EmulatorWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * In Cal.com this is a user-level webhook of the key's owner; the emulator's keys belong to the tenant's admin, so
     * it is registered at organization level and receives every event.
     */
    Outcome create(EmulatorRequest req) {
        ObjectNode body = Json.object(req.body());
        Json.forbidUnknown(body, FIELDS, "");
        String url = Json.optionalString(body, "subscriberUrl");
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw ApiException.badRequest("subscriberUrl must be a URL address");
        }
        JsonNode triggerNode = body.get("triggers");
        if (triggerNode == null || !triggerNode.isArray() || triggerNode.isEmpty()) {
            throw ApiException.badRequest("triggers must be a non-empty array");
        }
        Set<String> triggers = new LinkedHashSet<>();
        triggerNode.forEach(t -> triggers.add(t.asText()));
        boolean active = !body.has("active") || body.get("active").asBoolean(true);
        WebhookSubscription s = new WebhookSubscription(webhooks.newId(), uri, null,
                Optional.ofNullable(Json.optionalString(body, "secret")), triggers, null, null, active);
        webhooks.subscribe(s);
        return Outcome.of(201, Json.success(json(s)));
    }

    Outcome list() {
        ArrayNode all = Json.MAPPER.createArrayNode();
        webhooks.subscriptions().forEach(s -> all.add(json(s)));
        return Outcome.of(200, Json.success(all));
    }

    Outcome delete(String id) {
        WebhookSubscription gone = webhooks.subscriptions().stream()
                .filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Webhook not found"));
        webhooks.unsubscribe(gone.id());
        return Outcome.of(200, Json.success(json(gone)));
    }

    /** In-process subscriptions have no URL and may have ids that are not numbers; Cal.com's output needs both. */
    private static ObjectNode json(WebhookSubscription s) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", Long.parseLong(s.id().matches("[0-9]+") ? s.id() : "0"));
        out.put("subscriberUrl", s.subscriberUrl() == null ? "" : s.subscriberUrl().toString());
        ArrayNode triggers = out.putArray("triggers");
        s.triggers().stream().sorted().forEach(triggers::add);
        out.put("active", s.active());
        out.putNull("payloadTemplate");
        return out;
    }
}
