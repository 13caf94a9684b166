package io.slotgate.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * One DEBUG line per request, as {@code key=value} pairs: {@code request method= path= tenant= eventType= outcome=
 * status= ms=}. The path is the route's template ({@code /tenants/{tenant}/v2/slots}), never the query string; no
 * header is logged, so credentials cannot reach the log. Outcome is the {@code X-Cache} verdict for cached answers,
 * else {@code ok} or {@code error} by status.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {
    }

    /** Javalin's request logger: every request Javalin answered. */
    static void log(Context ctx, Float ms) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        line(ctx.method().name(), template(ctx), tenant(ctx), eventType(ctx), ctx.statusCode(),
                ctx.res().getHeader("X-Cache"), ms);
    }

    /**
     * The line of one request, from what it was: the one format of both Javalin's requests and those
     * {@link ReadyHits} answers in front of it. {@code tenant} is as the path names it ({@code default} at the root).
     */
    static void line(String method, String template, String tenant, OptionalLong eventType, int status, String cache,
                     float ms) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String outcome = cache != null ? cache.toLowerCase(Locale.ROOT) : status < 400 ? "ok" : "error";
        LOG.debug("request method={} path={} tenant={} eventType={} outcome={} status={} ms={}", method,
                template, safe(tenant), eventType.isPresent() ? Long.toString(eventType.getAsLong()) : "-",
                outcome, status, Math.round(ms));
    }

    private static String template(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static String tenant(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/admin/") || path.equals("/health")) {
            return "-";
        }
        String tenant = ctx.pathParamMap().get("tenant");
        return tenant == null ? "default" : tenant;
    }

    private static OptionalLong eventType(Context ctx) {
        return QueryParams.positiveId(ctx.queryParam("eventTypeId"));
    }

    /** A value from the request, cut to what a tenant id may hold, so a log line cannot be forged through it. */
    private static String safe(String value) {
        String cleaned = value.replaceAll("[^a-z0-9_-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
