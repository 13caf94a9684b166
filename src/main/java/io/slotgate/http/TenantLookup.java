package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Which tenant a request is for, and the 404 for a name no tenant has: the default tenant at the root
 * ({@code /v2/...}), the one named by {@code {tenant}} under {@code /tenants/{tenant}/...}, or one named by a
 * parameter (the cache admin's {@code tenant}).
 */
final class TenantLookup {
    private final Tenants tenants;
    private final ErrorReply errors;

    TenantLookup(Tenants tenants, ErrorReply errors) {
        this.tenants = tenants;
        this.errors = errors;
    }

    /** Hands the request to {@code handler} with the tenant its path names, or answers 404. */
    void route(Context ctx, BiConsumer<Tenant, Context> handler) {
        String named = ctx.pathParamMap().get("tenant");
        Optional<Tenant> tenant = named == null ? Optional.of(tenants.defaultTenant()) : find(ctx, named, "");
        tenant.ifPresent(t -> handler.accept(t, ctx));
    }

    /** The tenant the request's path names, with no answer sent: empty for an unknown name. */
    Optional<Tenant> ofPath(Context ctx) {
        String named = ctx.pathParamMap().get("tenant");
        return named == null ? Optional.of(tenants.defaultTenant()) : tenants.find(named);
    }

    /**
     * The tenant called {@code name}; for none, a 404 is sent ({@code prefix} before its message) and this is empty.
     */
    Optional<Tenant> find(Context ctx, String name, String prefix) {
        Optional<Tenant> tenant = tenants.find(name);
        if (tenant.isEmpty()) {
            errors.send(ctx, 404, prefix + "no tenant '" + name + "' is configured");
        }
        return tenant;
    }
}
