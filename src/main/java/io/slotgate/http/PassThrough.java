package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forwards what slotgate does not cache to Cal.com as it came, and Cal.com's answer back as it came. Only the
 * client's own credentials travel with it: slotgate never lends its API key to a request it did not make.
 */
final class PassThrough {
    /**
     * The client's own headers that change Cal.com's answer. The cookie carries the 2024-04-15 routes' reservation
     * {@code uid} (reused by {@code POST /v2/slots/reserve}, read first by {@code DELETE /v2/slots/selected-slot}, and
     * exempting that client's reservations from {@code GET /v2/slots/available}).
     */
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of(
            "cal-api-version", "authorization", "content-type", "accept", "x-cal-client-id", "x-cal-secret-key",
            "cf-connecting-ip", "cookie");
    /** Set-Cookie hands the client the {@code uid} of its reservation ({@code POST /v2/slots/reserve}). */
    private static final List<String> RETURNED_HEADERS = List.of(
            "x-ratelimit-limit-default", "x-ratelimit-remaining-default", "x-ratelimit-reset-default",
            "retry-after", "x-request-id", "set-cookie");

    private final CalcomClient client;
    private final ErrorReply errors;

    PassThrough(CalcomClient client, ErrorReply errors) {
        this.client = client;
        this.errors = errors;
    }

    void forward(Context ctx) {
        answer(ctx, client.call(toUpstream(ctx)));
    }

    /** Cal.com's answer, relayed as it came (status, body, rate-limit headers); slotgate's own 502 when there was none. */
    void answer(Context ctx, CalcomOutcome<UpstreamResponse> outcome) {
        ctx.header("X-Cache", "BYPASS");
        switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> relay(ctx, ok.value());
            case CalcomOutcome.UpstreamError<UpstreamResponse> error -> errors.upstreamFailure(ctx, error);
            case CalcomOutcome.RateLimited<UpstreamResponse> limited -> relay(ctx, limited.response());
            case CalcomOutcome.Unauthorised<UpstreamResponse> denied -> relay(ctx, denied.response());
            case CalcomOutcome.Rejected<UpstreamResponse> rejected -> relay(ctx, rejected.response());
            case CalcomOutcome.SlotTaken<UpstreamResponse> taken -> relay(ctx, taken.response());
        }
    }

    static UpstreamRequest toUpstream(Context ctx) {
        Map<String, String> headers = new HashMap<>();
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (!headers.containsKey("cf-connecting-ip")) {
            headers.put("x-forwarded-for", ctx.ip());
        }
        return UpstreamRequest.forClient(ctx.method().name(), calcomPath(ErrorReply.pathWithQuery(ctx)), headers,
                ctx.body());
    }

    /** {@code /tenants/acme/v2/bookings} is {@code /v2/bookings} at acme's Cal.com. */
    static String calcomPath(String pathWithQuery) {
        if (!pathWithQuery.startsWith("/tenants/")) {
            return pathWithQuery;
        }
        int v2 = pathWithQuery.indexOf("/v2/");
        return v2 < 0 ? pathWithQuery : pathWithQuery.substring(v2);
    }

    static void relay(Context ctx, UpstreamResponse response) {
        for (String name : RETURNED_HEADERS) {
            response.header(name).ifPresent(value -> ctx.header(name, value));
        }
        ErrorReply.relay(ctx, response);
    }
}
