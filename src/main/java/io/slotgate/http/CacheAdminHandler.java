package io.slotgate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.slotgate.json.Jackson;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.tenant.Tenant;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The cache admin endpoints, behind the admin token ({@link AdminHandler#authorised}):
 * {@code GET /admin/cache/stats}, {@code GET /admin/cache/keys?pattern=&limit=} and
 * {@code POST /admin/cache/clear?tenant=&eventType=}. Answers in Cal.com's envelope ({@code status}, {@code data});
 * a bad parameter is a 400 naming it, an unknown tenant a 404.
 */
final class CacheAdminHandler {
    static final int DEFAULT_KEY_LIMIT = 1000;
    // a clear or a listing given a parameter twice, or one it does not take, is refused rather than half-read
    private static final Set<String> KEYS_PARAMS = Set.of("pattern", "limit");
    private static final Set<String> CLEAR_PARAMS = Set.of("tenant", "eventType");
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final AdminHandler auth;
    private final CacheAdmin admin;
    private final TenantLookup tenants;
    private final ErrorReply errors;

    CacheAdminHandler(AdminHandler auth, CacheAdmin admin, TenantLookup tenants, ErrorReply errors) {
        this.auth = auth;
        this.admin = admin;
        this.tenants = tenants;
        this.errors = errors;
    }

    void stats(Context ctx) {
        if (auth.authorised(ctx)) {
            success(ctx, admin.stats());
        }
    }

    void keys(Context ctx) {
        QueryParams params = authorisedParams(ctx, KEYS_PARAMS);
        if (params == null) {
            return;
        }
        String pattern = params.one("pattern");
        try {
            CacheAdmin.compileGlob(pattern);
        } catch (IllegalArgumentException e) {
            errors.send(ctx, 400, "parameter 'pattern': " + e.getMessage());
            return;
        }
        int limit;
        try {
            limit = params.integer("limit", DEFAULT_KEY_LIMIT, 1, CacheAdmin.MAX_KEYS);
        } catch (QueryParams.Invalid invalid) {
            errors.send(ctx, 400, "parameter 'limit' must be an integer from 1 to " + CacheAdmin.MAX_KEYS);
            return;
        }
        success(ctx, admin.keys(pattern, limit));
    }

    void clear(Context ctx) {
        QueryParams params = authorisedParams(ctx, CLEAR_PARAMS);
        if (params == null) {
            return;
        }
        String rawEventType = params.one("eventType");
        long eventType = 0;
        if (rawEventType != null && !rawEventType.isEmpty()) {
            OptionalLong id = QueryParams.positiveId(rawEventType);
            if (id.isEmpty()) {
                errors.send(ctx, 400, "parameter 'eventType' must be a positive integer (an event type id)");
                return;
            }
            eventType = id.getAsLong();
        }
        String rawTenant = params.one("tenant");
        Optional<Tenant> tenant = Optional.empty();
        if (rawTenant != null && !rawTenant.isEmpty()) {
            tenant = tenants.find(ctx, rawTenant, "parameter 'tenant': ");
            if (tenant.isEmpty()) {
                return;
            }
        }
        success(ctx, admin.clear(tenant, eventType));
    }

    /** The request's parameters once it is authorised and names only {@code known}, each once; else null, answered. */
    private QueryParams authorisedParams(Context ctx, Set<String> known) {
        if (!auth.authorised(ctx)) {
            return null;
        }
        QueryParams params = new QueryParams(ctx.queryParamMap());
        try {
            params.onlyOnce(known);
            return params;
        } catch (QueryParams.Invalid invalid) {
            errors.send(ctx, 400, invalid.getMessage());
            return null;
        }
    }

    private static void success(Context ctx, Object data) {
        try {
            ctx.status(200).contentType("application/json").header("Cache-Control", "no-store")
                    .result(JSON.writeValueAsString(Map.of("status", "success", "data", data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + data.getClass().getSimpleName(), e);
        }
    }
}
