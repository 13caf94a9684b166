package io.slotgate.tenant;

import io.slotgate.cache.TenantId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenants of one slotgate; the first is the default one, served at the root paths. */
public final class Tenants {
    private final Map<TenantId, Tenant> byId = new LinkedHashMap<>();
    private final Tenant defaultTenant;

    public Tenants(List<Tenant> tenants) {
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("at least one tenant is needed");
        }
        for (Tenant tenant : tenants) {
            if (byId.putIfAbsent(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("tenant " + tenant.id() + " is configured twice");
            }
        }
        this.defaultTenant = tenants.get(0);
    }

    public Tenant defaultTenant() {
        return defaultTenant;
    }

    /** Empty for an unknown or malformed id: callers answer 404 without learning which. */
    public Optional<Tenant> find(String id) {
        try {
            return Optional.ofNullable(byId.get(new TenantId(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Collection<Tenant> all() {
        return byId.values();
    }
}
