package io.slotgate.tenant;

import io.slotgate.cache.TenantId;
import io.slotgate.config.Secret;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** One Cal.com account slotgate serves: where its Cal.com is, slotgate's key for it, and its webhook secret. */
public record TenantSettings(TenantId id, URI calcomUrl, Optional<Secret> calcomApiKey, Optional<Secret> webhookSecret) {
    public TenantSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(calcomUrl, "calcomUrl");
        Objects.requireNonNull(calcomApiKey, "calcomApiKey");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
    }
}
