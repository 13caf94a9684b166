package io.slotgate.emulator;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.slotgate.slots.CalcomErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Puts a {@link CalcomEmulator} on a real socket. Every request goes through {@link CalcomEmulator#handle}, on a
 * virtual thread; the sampled latency is slept here (outside the emulator's lock) before answering.
 */
public final class EmulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    private static final HandlerType[] METHODS = {
            HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE,
            HandlerType.OPTIONS};

    private final Javalin app;
    private final CalcomEmulator emulator;

    private EmulatorServer(CalcomEmulator emulator, Javalin app) {
        this.emulator = emulator;
        this.app = app;
    }

    /** Starts on {@code port}; 0 picks a free port. */
    public static EmulatorServer start(CalcomEmulator emulator, int port) {
        Javalin app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.defaultContentType = "application/json";
        });
        EmulatorServer server = new EmulatorServer(emulator, app);
        for (HandlerType method : METHODS) {
            app.addHttpHandler(method, "/", server::serve);
            app.addHttpHandler(method, "/*", server::serve);
        }
        // Catch-all: never a stack trace, always Cal.com's envelope.
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("emulator server failed on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("application/json; charset=utf-8").result(CalcomErrorBody.of(
                    emulator.clock(), ctx.path(), 500, "InternalServerErrorException", "Internal server error"));
        });
        app.start(port);
        return server;
    }

    private void serve(Context ctx) throws InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ctx.req().getHeaderNames() == null ? java.util.List.<String>of()
                : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), ctx.req().getHeader(name));
        }
        EmulatorRequest request = new EmulatorRequest(ctx.method().name(), ctx.path(), ctx.queryParamMap(), headers,
                ctx.body(), ctx.req().getRemoteAddr(), ctx.queryString() == null ? "" : ctx.queryString());
        EmulatorResponse response = emulator.handle(request);
        Duration latency = response.latency();
        if (latency.isPositive()) {
            Thread.sleep(latency);
        }
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        ctx.result(response.body());
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public CalcomEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        app.stop();
    }
}
