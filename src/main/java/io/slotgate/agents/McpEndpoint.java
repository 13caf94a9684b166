package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.slotgate.cache.TenantId;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * slotgate's MCP server, on the official Java SDK: Streamable HTTP in its stateless form (every POST carries one
 * JSON-RPC request and gets its JSON answer; no session, no server-sent stream). Stateless because slotgate runs as
 * several instances behind a load balancer, and a session pinned to one instance would break on the next; and
 * because every tool answers at once, so there is nothing to stream. One server serves every tenant: the HTTP layer
 * checks the tenant's token and names the tenant in the request, and each tool call runs that tenant's
 * {@link AgentTools}.
 */
public final class McpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);
    private static final String TENANT = "slotgate.tenant";

    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;
    private final Map<TenantId, AgentTools> tools;

    public McpEndpoint(Map<TenantId, AgentTools> tools, String version) {
        this.tools = Map.copyOf(tools);
        McpJsonMapper json = McpJsonDefaults.getMapper();
        this.transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(json)
                .contextExtractor(request -> McpTransportContext.create(Map.of(TENANT, request.getAttribute(TENANT))))
                .build();
        var spec = McpServer.sync(transport)
                .serverInfo("slotgate", version)
                .instructions("Free slots of Cal.com event types, answered from slotgate's cache in milliseconds, "
                        + "and booking through Cal.com. Start with list_event_types; find_next_slot, list_slots and "
                        + "find_alternatives read; hold_slot keeps a slot while the caller decides; book_slot books "
                        + "and, when the slot was just taken, answers the nearest free alternatives in the same call.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // The tools read their arguments themselves (Args), with messages that say what would be accepted
                // ("eventTypeId is required: the id of an event type, as list_event_types shows"); the SDK's own
                // check would answer first with a schema validator's wording.
                .validateToolInputs(false)
                .jsonMapper(json);
        for (ToolSchemas.Definition d : ToolSchemas.ALL) {
            McpSchema.Tool tool = McpSchema.Tool.builder()
                    .name(d.name())
                    .title(d.title())
                    .description(d.description())
                    .inputSchema(json, d.inputSchema())
                    .outputSchema(json, d.outputSchema())
                    .annotations(new McpSchema.ToolAnnotations(d.title(), d.readOnly(), false, d.readOnly(), true,
                            null))
                    .build();
            spec.tools(new McpStatelessServerFeatures.SyncToolSpecification(tool,
                    (context, request) -> call(context, d.name(), request)));
        }
        this.server = spec.build();
    }

    /** Answers one MCP request for {@code tenant}, whose token the caller has checked. */
    public void handle(TenantId tenant, HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(TENANT, tenant);
        try {
            transport.service(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private McpSchema.CallToolResult call(McpTransportContext context, String name, McpSchema.CallToolRequest request) {
        AgentTools mine = tools.get((TenantId) context.get(TENANT));
        try {
            JsonNode arguments = AgentTools.JSON.valueToTree(request.arguments());
            ObjectNode answer = mine.call(name, arguments);
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = AgentTools.JSON.convertValue(answer, Map.class);
            return McpSchema.CallToolResult.builder()
                    .structuredContent(structured)
                    .addTextContent(answer.toString())
                    .build();
        } catch (ToolError refused) {
            return McpSchema.CallToolResult.builder().isError(true).addTextContent(refused.getMessage()).build();
        } catch (RuntimeException e) {
            LOG.error("tool {} failed unexpectedly", name, e);
            return McpSchema.CallToolResult.builder().isError(true)
                    .addTextContent("slotgate failed unexpectedly on " + name + "; the failure is logged, retry later")
                    .build();
        }
    }

    public void close() {
        server.closeGracefully();
    }
}
