package io.slotgate.http;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.Callers;
import io.slotgate.metrics.Endpoint;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The hit path of {@code GET /v2/slots} (and {@code /tenants/{tenant}/v2/slots}), as a Jetty handler in front of
 * Javalin's: a request whose kept rendering is valid now is answered here, through the very calls Javalin's route
 * makes ({@link SlotsHandler#ready}, {@link RenderedReply}, {@link Metered#answered}, {@link RequestLog#line}, the
 * client named lazily by {@link ClientIdentity}), without Javalin's servlet, context, routing and request-logger
 * machinery (about a tenth of a hit's CPU time in a profile, docs/architecture.md). Everything else goes on to Javalin
 * unchanged: other routes and methods, paths Javalin would read differently (encoded, trailing slash, an
 * unknown tenant), encoded query strings, queries not parsed lately or whose rendering is not kept, and
 * {@code Accept-Encoding} values other than gzip (Javalin's compressing stream reads those its own way).
 */
final class ReadyHits extends HandlerWrapper {
    private static final String SLOTS = "/v2/slots";
    private static final String TENANTS = "/tenants/";
    private static final String TENANT_TEMPLATE = "/tenants/{tenant}/v2/slots";
    private final Tenants tenants;
    private final Function<TenantId, SlotsHandler> handlers;
    private final Metered metered;
    private final String defaultContentType;
    private final LongAdder answered = new LongAdder();

    /** @param defaultContentType Javalin's, which it gives every response before the route sees it */
    ReadyHits(Tenants tenants, Function<TenantId, SlotsHandler> handlers, Metered metered, String defaultContentType) {
        this.tenants = tenants;
        this.handlers = handlers;
        this.metered = metered;
        this.defaultContentType = defaultContentType;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse res)
            throws IOException, ServletException {
        long started = System.nanoTime();
        if (!"GET".equals(base.getMethod()) || !answered(base.getRequestURI(), req, res, started)) {
            super.handle(target, base, req, res);
            return;
        }
        base.setHandled(true);
    }

    /** Whether the request was a ready hit of the slots route, and is now answered, counted and logged. */
    private boolean answered(String path, HttpServletRequest req, HttpServletResponse res, long started) {
        String named = tenantNamed(path);
        if (named == null) {
            return false;
        }
        Tenant tenant = named.isEmpty() ? tenants.defaultTenant() : tenants.find(named).orElse(null);
        String query = req.getQueryString();
        if (tenant == null || !Metered.isPlain(query) || !plainEncoding(req.getHeader("Accept-Encoding"))) {
            return false;
        }
        AvailabilityService.Rendered answer = ready(handlers.apply(tenant.id()), req, query);
        if (answer == null) {
            return false;
        }
        // counted before the bytes go: once the body's length is written, Jetty sends it, and a reader of the count
        // after its answer must find it counted
        answered.increment();
        // as Javalin does first: the header then stands where Javalin's does, whatever the route sets it to later
        res.setContentType(defaultContentType);
        RenderedReply.send(req, res, answer);
        OptionalLong eventType = Metered.plainEventTypeId(query);
        String cache = res.getHeader("X-Cache");
        metered.answered(Endpoint.SLOTS, tenant.id(), eventType, res.getStatus(), cache, started);
        RequestLog.line("GET", named.isEmpty() ? SLOTS : TENANT_TEMPLATE, named.isEmpty() ? "default" : named,
                eventType, res.getStatus(), cache, (System.nanoTime() - started) / 1e6f);
        return true;
    }

    /** How many requests this path answered (the rest went on to Javalin). */
    long answered() {
        return answered.sum();
    }

    /**
     * The answer if the request is a ready hit, looked up as the request's client, as {@link Metered} has Javalin's
     * routes do (a refresh the lookup queues is charged to it). A fill Cal.com failed is left to Javalin's route to
     * answer, as it answers its own (the failure travels with the request: no second call; see
     * {@link SlotsHandler#ready}). An unexpected failure leaves the request to Javalin, whose route fails the same way and answers it with its
     * exception handler, counted as an error.
     */
    private static AvailabilityService.Rendered ready(SlotsHandler handler, HttpServletRequest req, String query) {
        AvailabilityService.Rendered[] answer = new AvailabilityService.Rendered[1];
        try {
            Callers.runLazily(() -> ClientIdentity.of(req),
                    () -> answer[0] = handler.ready(req.getHeader("cal-api-version"), query,
                            failure -> req.setAttribute(SlotsHandler.READY_FAILURE, failure)));
        } catch (Exception e) {
            return null;
        }
        return answer[0];
    }

    /**
     * The tenant a slots path names: empty for the root route, the name under {@code /tenants/}, null for any other
     * path (or a name with anything Javalin would decode or split: tenant names are plain).
     */
    static String tenantNamed(String path) {
        if (path.equals(SLOTS)) {
            return "";
        }
        if (!path.startsWith(TENANTS) || !path.endsWith(SLOTS) || path.length() <= TENANTS.length() + SLOTS.length()) {
            return null;
        }
        String name = path.substring(TENANTS.length(), path.length() - SLOTS.length());
        return name.indexOf('/') < 0 && name.indexOf('%') < 0 ? name : null;
    }

    /** No {@code Accept-Encoding}, or one that takes gzip: the two the kept renderings are sent in as they are. */
    private static boolean plainEncoding(String acceptEncoding) {
        return acceptEncoding == null || RenderedReply.acceptsGzip(acceptEncoding);
    }
}
