package io.slotgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.slotgate.agents.AgentAccess;
import io.slotgate.agents.AgentTools;
import io.slotgate.agents.McpEndpoint;
import io.slotgate.agents.ToolError;
import io.slotgate.json.Jackson;
import io.slotgate.tenant.Tenant;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The agents' endpoints, thin over {@code io.slotgate.agents}: {@code /mcp} (the MCP server's own transport answers)
 * and {@code POST /v1/finder/book} (the book-or-offer rule over plain HTTP). Both check the tenant's agent token
 * first: a missing or wrong one gets 401 and nothing is read, held or booked.
 */
final class AgentsHandler {
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final McpEndpoint mcp;
    private final Map<io.slotgate.cache.TenantId, AgentTools> tools;
    private final ErrorReply errors;

    AgentsHandler(McpEndpoint mcp, Map<io.slotgate.cache.TenantId, AgentTools> tools, ErrorReply errors) {
        this.mcp = mcp;
        this.tools = tools;
        this.errors = errors;
    }

    void mcp(Tenant tenant, Context ctx) {
        if (permitted(tenant, ctx)) {
            mcp.handle(tenant.id(), ctx.req(), ctx.res());
        }
    }

    /** 201 with the booking, or 409 with the alternatives read after Cal.com's refusal. */
    void book(Tenant tenant, Context ctx) {
        if (!permitted(tenant, ctx)) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            errors.send(ctx, 400, "the body must be a JSON object: {\"eventTypeId\", \"start\", \"attendee\": "
                    + "{\"name\", \"email\", \"timeZone\"}}");
            return;
        }
        if (body == null || !body.isObject()) {
            errors.send(ctx, 400, "the body must be a JSON object: {\"eventTypeId\", \"start\", \"attendee\": "
                    + "{\"name\", \"email\", \"timeZone\"}}");
            return;
        }
        ObjectNode answer;
        try {
            answer = tools.get(tenant.id()).bookSlot(body);
        } catch (ToolError refused) {
            errors.send(ctx, refused.status(), refused.getMessage());
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        boolean booked = answer.path("booked").asBoolean();
        root.put("status", booked ? "success" : "error");
        root.set("data", answer);
        if (!booked) {
            ObjectNode error = root.putObject("error");
            error.put("code", "ConflictException");
            error.put("message", answer.path("reason").asText());
        }
        ctx.status(booked ? 201 : 409).contentType("application/json").header("Cache-Control", "no-store")
                .result(root.toString());
    }

    private boolean permitted(Tenant tenant, Context ctx) {
        Optional<String> refusal = AgentAccess.refusal(tenant.settings(), ctx.header("Authorization"));
        if (refusal.isPresent()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"slotgate\"");
            errors.send(ctx, 401, refusal.get());
            return false;
        }
        return true;
    }
}
