/**
 * The agent endpoints of a tenant: MCP ({@code /mcp}) and {@code POST /v1/finder/book}, speaking the same tools with
 * the same rules, behind the tenant's agent token.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.agents.AgentTools}: the tools, transport-free;</li>
 *   <li>{@link io.slotgate.agents.McpEndpoint}: the MCP server, stateless Streamable HTTP;</li>
 *   <li>{@link io.slotgate.agents.AgentAccess}: who may use a tenant's agent endpoints;</li>
 *   <li>{@link io.slotgate.agents.ToolError}: a refusal an agent can act on.</li>
 * </ul>
 *
 * <p>Package-private: argument reading, the tools' schemas, and the event-type list {@code list_event_types} answers from.
 */
package io.slotgate.agents;
