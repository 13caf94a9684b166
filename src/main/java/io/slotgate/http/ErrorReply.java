package io.slotgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.slots.CalcomErrorBody;

import java.time.Clock;
import java.time.Duration;

/**
 * Renders errors in Cal.com's envelope, so clients written for Cal.com read slotgate's errors the same way. Errors
 * are never cached and never carry a stack trace.
 */
final class ErrorReply {
    /** When Cal.com fails and nothing servable is cached: long enough for a retry or a circuit's cool-down step. */
    private static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(10);
    private final Clock clock;

    ErrorReply(Clock clock) {
        this.clock = clock;
    }

    void send(Context ctx, int status, String message) {
        sendAs(ctx, pathWithQuery(ctx), status, message);
    }

    /** With {@code path} as Cal.com's {@code request.url} would read: what Cal.com itself would answer. */
    void sendAs(Context ctx, String path, int status, String message) {
        body(ctx, status, CalcomErrorBody.of(clock, path, status, CalcomErrorBody.codeFor(status), message));
    }

    /** class-validator's 400: {@code BadRequestException({errors})}. */
    void validation(Context ctx, String path, JsonNode errors) {
        body(ctx, 400, CalcomErrorBody.validation(clock, path, errors));
    }

    /**
     * The 2024-04-15 controller's 404 for an event type Cal.com does not know: the core's {@code TRPCError NOT_FOUND},
     * which the TRPC filter answers without {@code details}.
     */
    void trpcNotFound(Context ctx, String path) {
        body(ctx, 404, CalcomErrorBody.withoutDetails(clock, path, "TRPCError", "The requested resource was not found"));
    }

    private static void body(Context ctx, int status, String json) {
        ctx.status(status)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .result(json);
    }

    /** What to tell the client when Cal.com could not give us what we needed. */
    void upstreamFailure(Context ctx, CalcomOutcome<?> outcome) {
        switch (outcome) {
            case CalcomOutcome.Rejected<?> r -> relay(ctx, r.response());
            case CalcomOutcome.SlotTaken<?> t -> relay(ctx, t.response());
            case CalcomOutcome.RateLimited<?> limited -> {
                long seconds = Math.max(1, ceilSeconds(limited.retryAfter()));
                ctx.header("Retry-After", Long.toString(seconds));
                send(ctx, 503, "Cal.com's rate limit for slotgate's API key is reached; retry in " + seconds + " s");
            }
            case CalcomOutcome.Unauthorised<?> u ->
                    send(ctx, 502, "Cal.com refused slotgate's credentials (" + u.response().status()
                            + "); check the configured Cal.com API key");
            case CalcomOutcome.UpstreamError<?> e -> {
                ctx.header("Retry-After", Long.toString(UNAVAILABLE_RETRY.toSeconds()));
                send(ctx, 503, "Cal.com gave no usable answer and slotgate has no servable copy: " + e.reason());
            }
            case CalcomOutcome.Success<?> s -> throw new IllegalStateException("a success is not a failure");
        }
    }

    /** Cal.com's own refusal of the client's input, passed back as Cal.com said it. */
    static void relay(Context ctx, UpstreamResponse response) {
        ctx.status(response.status()).header("Cache-Control", "no-store");
        response.header("content-type").ifPresent(ctx::contentType);
        ctx.result(response.body());
    }

    /** Rounded up: a client that comes back after Retry-After must not be early. */
    static long ceilSeconds(Duration d) {
        return d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
    }

    static String pathWithQuery(Context ctx) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
    }

}
