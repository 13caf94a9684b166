package io.slotgate.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.slotgate.availability.AvailabilityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** slotgate's HTTP front: thin handlers over the availability service, Cal.com-compatible where Cal.com has a say. */
public final class SlotgateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotgateServer.class);

    private final Javalin app;

    private SlotgateServer(Javalin app) {
        this.app = app;
    }

    public static SlotgateServer start(String host, int port, AvailabilityService availability, Clock clock) {
        ErrorReply errors = new ErrorReply(clock);
        PassThrough passThrough = new PassThrough(availability.client(), errors);
        SlotsHandler slots = new SlotsHandler(availability, passThrough, errors);
        Javalin app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;
        });
        app.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
        app.get("/v2/slots", slots::handle);
        for (HandlerType method : new HandlerType[]{HandlerType.GET, HandlerType.POST, HandlerType.PATCH,
                HandlerType.PUT, HandlerType.DELETE}) {
            app.addHttpHandler(method, "/v2/<rest>", passThrough::forward);
        }
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            errors.send(ctx, 500, "slotgate failed unexpectedly; the failure is logged");
        });
        app.start(host, port);
        return new SlotgateServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
