package io.slotgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * An MCP client as agent platforms run it: the official Java SDK's own client over Streamable HTTP, with the agent
 * token as a bearer header. {@link #call} answers the tool's {@code structuredContent} as JSON.
 */
public final class AgentClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final McpSyncClient client;

    public AgentClient(String baseUrl, String endpoint, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint)
                .requestBuilder(request)
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
    }

    public McpSyncClient sdk() {
        return client;
    }

    public McpSchema.CallToolResult result(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The tool's structured answer; fails when the tool answered an error. */
    public JsonNode call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = result(tool, arguments);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " answered an error: " + text(result));
        }
        return JSON.valueToTree(result.structuredContent());
    }

    public static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
