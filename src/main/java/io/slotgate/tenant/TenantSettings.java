package io.slotgate.tenant;

import io.slotgate.cache.TenantId;
import io.slotgate.config.Secret;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One Cal.com account slotgate serves: where its Cal.com is, slotgate's key for it, its webhook secret, and the bearer
 * token its agents present to {@code /mcp} and {@code /v1/finder/book} (none: those endpoints refuse every call).
 */
public record TenantSettings(TenantId id, URI calcomUrl, Optional<Secret> calcomApiKey, Optional<Secret> webhookSecret,
                             Optional<Secret> agentToken) {
    public TenantSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(calcomUrl, "calcomUrl");
        Objects.requireNonNull(calcomApiKey, "calcomApiKey");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(agentToken, "agentToken");
    }

    /** Without an agent token. */
    public TenantSettings(TenantId id, URI calcomUrl, Optional<Secret> calcomApiKey, Optional<Secret> webhookSecret) {
        this(id, calcomUrl, calcomApiKey, webhookSecret, Optional.empty());
    }
}
