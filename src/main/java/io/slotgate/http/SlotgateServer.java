package io.slotgate.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.slotgate.finder.Finder;
import io.slotgate.agents.AgentTools;
import io.slotgate.agents.McpEndpoint;
import io.slotgate.invalidation.LegacyReservations;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.metrics.Endpoint;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.slotgate.app.RuntimeServices;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.cache.TenantId;

import java.time.Clock;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * slotgate's HTTP front: thin handlers over the domain, Cal.com-compatible where Cal.com has a say. The default
 * tenant is served at the root ({@code /v2/...}); others under {@code /tenants/{tenant}/v2/...}, so a client of any
 * tenant points its Cal.com base URL at one prefix.
 */
public final class SlotgateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotgateServer.class);
    private static final HandlerType[] PASSED_METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PATCH,
            HandlerType.PUT, HandlerType.DELETE};

    private final Javalin app;
    private final Optional<ReadyHits> readyHits;

    private SlotgateServer(Javalin app, Optional<ReadyHits> readyHits) {
        this.app = app;
        this.readyHits = readyHits;
    }

    /**
     * What the routes of one tenant use beyond the {@link Tenant} itself, built by the wiring: one write-through per
     * tenant, shared by the booking routes and the agents' tools, so that a hold made either way comes back when it
     * lapses.
     */
    public record TenantRoutes(Finder finder, WriteThrough writeThrough) {
    }

    public static SlotgateServer start(SlotgateConfig config, Tenants tenants, RuntimeServices runtime,
                                       CacheAdmin cacheAdmin, Map<TenantId, TenantRoutes> served) {
        ErrorReply errors = new ErrorReply(runtime.clock());
        TenantLookup lookup = new TenantLookup(tenants, errors);
        Metered metered = new Metered(runtime.metrics(), lookup);
        Routes routes = new Routes(tenants, served, lookup, errors, runtime.clock(), metered);
        AdminHandler admin = new AdminHandler(config.adminToken(), runtime.policy(), errors);
        CacheAdminHandler cache = new CacheAdminHandler(admin, cacheAdmin, lookup, errors);
        java.util.concurrent.atomic.AtomicReference<ReadyHits> readyHits = new java.util.concurrent.atomic.AtomicReference<>();
        Javalin app = Javalin.create(javalin -> {
            javalin.useVirtualThreads = true;
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = 1_000_000L;
            javalin.requestLogger.http(RequestLog::log);
            if (config.fastHits()) {
                // in front of Javalin's handler, on the same port: Javalin puts its own inside this wrapper
                ReadyHits hits = new ReadyHits(tenants, routes::slotsHandler, metered, javalin.http.defaultContentType);
                readyHits.set(hits);
                javalin.jetty.modifyServer(server -> server.setHandler(hits));
            }
        });
        // the hot routes first: Javalin tries a request's path against the routes in the order they were added
        app.get("/v2/slots", metered.by(Endpoint.SLOTS, ctx -> lookup.route(ctx, routes::slots)));
        app.get("/v2/slots/available",
                metered.by(Endpoint.SLOTS_AVAILABLE, ctx -> lookup.route(ctx, routes::legacySlots)));
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        ObservabilityHandler observability = new ObservabilityHandler(runtime.metrics());
        app.get("/metrics", observability::metrics);
        app.get("/", observability::dashboard);
        app.get("/dashboard/data", observability::dashboardData);
        app.get("/admin/policy", admin::showPolicy);
        app.put("/admin/policy", admin::replacePolicy);
        app.post("/admin/policy/reload", admin::reloadPolicy);
        app.get("/admin/cache/stats", cache::stats);
        app.get("/admin/cache/keys", cache::keys);
        app.post("/admin/cache/clear", cache::clear);
        app.get("/tenants/{tenant}/v2/slots/available",
                metered.by(Endpoint.SLOTS_AVAILABLE, ctx -> lookup.route(ctx, routes::legacySlots)));
        app.get("/tenants/{tenant}/v2/slots", metered.by(Endpoint.SLOTS, ctx -> lookup.route(ctx, routes::slots)));
        for (String root : new String[]{"", "/tenants/{tenant}"}) {
            app.get(root + "/v1/finder/next", metered.by(Endpoint.FINDER_NEXT,
                    ctx -> lookup.route(ctx, (t, c) -> routes.finder(t).next(c))));
            app.get(root + "/v1/finder/window", metered.by(Endpoint.FINDER_WINDOW,
                    ctx -> lookup.route(ctx, (t, c) -> routes.finder(t).window(c))));
            app.get(root + "/v1/finder/alternatives", metered.by(Endpoint.FINDER_ALTERNATIVES,
                    ctx -> lookup.route(ctx, (t, c) -> routes.finder(t).alternatives(c))));
        }
        // Calls that change availability: forwarded, then invalidated before the answer returns. Registered before
        // the pass-through, which Javalin would otherwise match first.
        for (String root : new String[]{"", "/tenants/{tenant}"}) {
            routes.on(app, HandlerType.POST, root + "/v2/bookings", (handler, ctx) -> handler.create(ctx));
            routes.on(app, HandlerType.POST, root + "/v2/bookings/{uid}/cancel", (handler, ctx) -> handler.cancel(ctx));
            routes.on(app, HandlerType.POST, root + "/v2/bookings/{uid}/reschedule",
                    (handler, ctx) -> handler.reschedule(ctx));
            routes.on(app, HandlerType.POST, root + "/v2/slots/reservations", (handler, ctx) -> handler.reserve(ctx));
            routes.on(app, HandlerType.DELETE, root + "/v2/slots/reservations/{uid}",
                    (handler, ctx) -> handler.release(ctx));
            routes.on(app, HandlerType.POST, root + "/v2/slots/reserve", (handler, ctx) -> handler.reserveLegacy(ctx));
            routes.on(app, HandlerType.DELETE, root + "/v2/slots/selected-slot",
                    (handler, ctx) -> handler.releaseSelected(ctx));
        }
        // Agents: MCP (stateless Streamable HTTP: POST answers; GET and DELETE are refused by the transport) and the
        // book-or-offer route. Before the pass-through, as the booking routes.
        for (String root : new String[]{"", "/tenants/{tenant}"}) {
            for (HandlerType method : new HandlerType[]{HandlerType.POST, HandlerType.GET, HandlerType.DELETE}) {
                app.addHttpHandler(method, root + "/mcp", ctx -> lookup.route(ctx, routes.agents::mcp));
            }
            app.post(root + "/v1/finder/book", ctx -> lookup.route(ctx, routes.agents::book));
        }
        OpenApiHandler openApi = new OpenApiHandler();
        app.get("/openapi.json", openApi::document);
        for (String path : new String[]{"/webhooks/calcom", "/webhooks/calcom/{tenant}"}) {
            app.post(path, metered.by(Endpoint.WEBHOOK, ctx -> lookup.route(ctx, routes::webhook)));
        }
        for (HandlerType method : PASSED_METHODS) {
            for (String root : new String[]{"", "/tenants/{tenant}"}) {
                app.addHttpHandler(method, root + "/v2/<rest>",
                        metered.by(Endpoint.PASSTHROUGH, ctx -> lookup.route(ctx, routes::passThrough)));
            }
        }
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            errors.send(ctx, 500, "slotgate failed unexpectedly; the failure is logged");
        });
        app.start(config.host(), config.port());
        return new SlotgateServer(app, Optional.ofNullable(readyHits.get()));
    }

    /** Finds the tenant of a request and hands it to that tenant's handler, built once at start. */
    private static final class Routes {
        private final TenantLookup lookup;
        private final Map<TenantId, SlotsHandler> slotsHandlers = new HashMap<>();
        private final Map<TenantId, LegacySlotsHandler> legacySlotsHandlers = new HashMap<>();
        private final Map<TenantId, PassThrough> passThroughs = new HashMap<>();
        private final Map<TenantId, FinderHandler> finders = new HashMap<>();
        private final Map<TenantId, BookingsHandler> bookings = new HashMap<>();
        private final WebhookHandler webhooks;
        private final Metered metered;
        final AgentsHandler agents;

        Routes(Tenants tenants, Map<TenantId, TenantRoutes> served, TenantLookup lookup, ErrorReply errors,
               Clock clock, Metered metered) {
            this.lookup = lookup;
            this.metered = metered;
            this.webhooks = new WebhookHandler(errors);
            Map<TenantId, AgentTools> agentTools = new HashMap<>();
            for (Tenant tenant : tenants.all()) {
                WriteThrough writeThrough = served.get(tenant.id()).writeThrough();
                Finder finder = served.get(tenant.id()).finder();
                agentTools.put(tenant.id(), new AgentTools(tenant.client(), finder, writeThrough, clock));
                PassThrough passThrough = new PassThrough(tenant.client(), errors);
                passThroughs.put(tenant.id(), passThrough);
                slotsHandlers.put(tenant.id(), new SlotsHandler(tenant.availability(), tenant.names(), passThrough, errors));
                legacySlotsHandlers.put(tenant.id(), new LegacySlotsHandler(tenant.availability(), passThrough, errors));
                finders.put(tenant.id(), new FinderHandler(finder, errors));
                bookings.put(tenant.id(), new BookingsHandler(writeThrough,
                        new LegacyReservations(tenant.client(), tenant.invalidation().invalidator(), clock),
                        passThrough));
            }
            String version = Optional.ofNullable(SlotgateServer.class.getPackage().getImplementationVersion())
                    .orElse("dev");
            this.agents = new AgentsHandler(new McpEndpoint(agentTools, version), agentTools, errors);
        }

        /** A booking route at the root (default tenant) or under {@code /tenants/{tenant}}. */
        void on(Javalin app, HandlerType method, String path, BiConsumer<BookingsHandler, Context> handler) {
            app.addHttpHandler(method, path, metered.by(Endpoint.BOOKINGS,
                    ctx -> lookup.route(ctx, (tenant, c) -> handler.accept(bookings.get(tenant.id()), c))));
        }

        void webhook(Tenant tenant, Context ctx) {
            webhooks.handle(tenant, ctx);
        }

        void slots(Tenant tenant, Context ctx) {
            slotsHandlers.get(tenant.id()).handle(ctx);
        }

        SlotsHandler slotsHandler(TenantId tenant) {
            return slotsHandlers.get(tenant);
        }

        void legacySlots(Tenant tenant, Context ctx) {
            legacySlotsHandlers.get(tenant.id()).handle(ctx);
        }

        FinderHandler finder(Tenant tenant) {
            return finders.get(tenant.id());
        }

        void passThrough(Tenant tenant, Context ctx) {
            passThroughs.get(tenant.id()).forward(ctx);
        }
    }

    /** Every route served, as {@code "METHOD path"} in Javalin's path syntax: for the OpenAPI document's test. */
    public java.util.List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint().getMethod().name() + " " + e.getEndpoint().getPath())
                .toList();
    }

    /** How many requests the hit path in front of Javalin answered ({@link ReadyHits}); 0 when it is off. */
    public long readyHitsAnswered() {
        return readyHits.map(ReadyHits::answered).orElse(0L);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
