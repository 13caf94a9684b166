package io.slotgate.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.slotgate.cache.TenantId;
import io.slotgate.metrics.Endpoint;
import io.slotgate.metrics.RequestOutcome;
import io.slotgate.metrics.SlotgateMetrics;
import io.slotgate.tenant.Tenant;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Wraps a route's handler so each request it answers is reported to {@link SlotgateMetrics#request}: the endpoint,
 * the tenant (a configured one only: an unknown name in the path is {@code unknown}, never a new label), the event
 * type of slots and finder queries, the outcome read from the status and {@code X-Cache}, and the time taken. The
 * hit path in front of Javalin ({@link ReadyHits}) reports through {@link #answered} too, so a request is counted the
 * same whichever path answered it.
 */
final class Metered {
    private final SlotgateMetrics metrics;
    private final TenantLookup tenants;

    Metered(SlotgateMetrics metrics, TenantLookup tenants) {
        this.metrics = metrics;
        this.tenants = tenants;
    }

    Handler by(Endpoint endpoint, Handler handler) {
        return ctx -> {
            long started = System.nanoTime();
            try {
                // the misses of this request are charged to its client's fair share of the rate budget; the client
                // is named (a salted hash) only when a miss asks who it is, so a hit does not hash anything
                io.slotgate.calcom.Callers.runLazily(() -> ClientIdentity.of(ctx), () -> handler.handle(ctx));
            } catch (Exception | Error e) {
                record(endpoint, ctx, RequestOutcome.ERROR, started);
                throw e;
            }
            answered(endpoint, tenant(ctx), endpoint.perEventType() ? eventTypeId(ctx) : OptionalLong.empty(),
                    ctx.statusCode(), ctx.res().getHeader("X-Cache"), started);
        };
    }

    /**
     * Reports a request that was answered: its outcome read from the status and {@code X-Cache}, its time from
     * {@code started} ({@link System#nanoTime}).
     */
    void answered(Endpoint endpoint, TenantId tenant, OptionalLong eventTypeId, int status, String cache, long started) {
        report(endpoint, tenant, eventTypeId, RequestOutcome.of(status, cache), started);
    }

    private void record(Endpoint endpoint, Context ctx, RequestOutcome outcome, long started) {
        report(endpoint, tenant(ctx), endpoint.perEventType() ? eventTypeId(ctx) : OptionalLong.empty(), outcome,
                started);
    }

    private void report(Endpoint endpoint, TenantId tenant, OptionalLong eventTypeId, RequestOutcome outcome,
                        long started) {
        metrics.request(endpoint, tenant, eventTypeId, outcome, Duration.ofNanos(System.nanoTime() - started));
    }

    private TenantId tenant(Context ctx) {
        return tenants.ofPath(ctx).map(Tenant::id).orElse(null);
    }

    /**
     * The first value of a parameter as it stands in the query string, without having Javalin split and decode the
     * whole query into a map (on the hit path that showed in the profile); null when absent.
     */
    static String rawParam(String query, String name) {
        if (query == null) {
            return null;
        }
        int from = 0;
        while (from <= query.length()) {
            int end = query.indexOf('&', from);
            if (end < 0) {
                end = query.length();
            }
            if (query.startsWith(name, from) && from + name.length() < end && query.charAt(from + name.length()) == '=') {
                return query.substring(from + name.length() + 1, end);
            }
            if (query.startsWith(name, from) && from + name.length() == end) {
                return "";
            }
            from = end + 1;
        }
        return null;
    }

    private static OptionalLong eventTypeId(Context ctx) {
        String query = ctx.queryString();
        // anything encoded is read as Javalin decodes it; a plain query as it stands
        return isPlain(query) ? plainEventTypeId(query) : QueryParams.positiveId(ctx.queryParam("eventTypeId"));
    }

    /** Whether a query string has nothing encoded ({@code %}, or {@code +} for a space): it reads as it stands. */
    static boolean isPlain(String query) {
        return query == null || (query.indexOf('%') < 0 && query.indexOf('+') < 0);
    }

    /** The event type a plain query ({@link #isPlain}) names, as Javalin's decoding would read it. */
    static OptionalLong plainEventTypeId(String query) {
        return QueryParams.positiveId(rawParam(query, "eventTypeId"));
    }
}
