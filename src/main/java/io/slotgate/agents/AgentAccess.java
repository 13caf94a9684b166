package io.slotgate.agents;

import io.slotgate.config.Secret;
import io.slotgate.tenant.TenantSettings;

import java.util.Optional;

/**
 * Who may use a tenant's agent endpoints ({@code /mcp}, {@code /v1/finder/book}): whoever presents that tenant's
 * agent token as {@code Authorization: Bearer …}. These endpoints book with the tenant's own Cal.com key, so without a
 * configured token they refuse every call rather than open the tenant's calendar to anyone. Tokens are compared in
 * constant time ({@link Secret#equals}) and never printed.
 */
public final class AgentAccess {
    private AgentAccess() {
    }

    /** Empty when the header carries the tenant's token; otherwise what a 401 should say. */
    public static Optional<String> refusal(TenantSettings tenant, String authorization) {
        if (tenant.agentToken().isEmpty()) {
            return Optional.of("agent endpoints are disabled for this tenant: start slotgate with --agent-token "
                    + "(SLOTGATE_AGENT_TOKEN, or \"agent-token\" in the tenant's entry of the config file)");
        }
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                || authorization.substring(prefix.length()).isBlank()) {
            return Optional.of("missing bearer token: send Authorization: Bearer <agent token>");
        }
        Secret presented = new Secret(authorization.substring(prefix.length()).trim());
        return presented.equals(tenant.agentToken().get()) ? Optional.empty()
                : Optional.of("the bearer token is not this tenant's agent token");
    }
}
