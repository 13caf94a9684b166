package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.availability.Availability;
import io.slotgate.availability.LayoutCounts;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.slots.SlotsJson;

/** {@code GET /v2/slots}: parse, ask the availability service, render as Cal.com does. */
final class SlotsHandler {
    /**
     * Says a served day had a change patched into it since it was fetched (a booking's time taken out at once, its
     * refetch queued): the answer is still a cache hit, and {@code Age} still counts from the fetch.
     */
    static final String PATCHED_HEADER = "X-Slotgate-Patched";
    /** Says the answer may leave out slots Cal.com offers (it never offers one Cal.com would not). */
    static final String LAYOUT_HEADER = "X-Slotgate-Layout";
    private final AvailabilityService availability;
    private final PassThrough passThrough;
    private final ErrorReply errors;

    SlotsHandler(AvailabilityService availability, PassThrough passThrough, ErrorReply errors) {
        this.availability = availability;
        this.passThrough = passThrough;
        this.errors = errors;
    }

    void handle(Context ctx) {
        if (!CalcomClient.SLOTS_VERSION.equals(ctx.header("cal-api-version"))) {
            passThrough.forward(ctx);
            return;
        }
        switch (SlotsRequest.parse(ctx.queryParamMap())) {
            case SlotsRequest.Invalid invalid -> errors.send(ctx, 400, invalid.message());
            case SlotsRequest.PassThrough ignored -> passThrough.forward(ctx);
            case SlotsRequest.Cached cached -> serve(ctx, cached);
        }
    }

    private void serve(Context ctx, SlotsRequest.Cached request) {
        Availability answer;
        try {
            answer = availability.slots(request.query());
        } catch (FillFailedException failure) {
            errors.upstreamFailure(ctx, failure.outcome());
            return;
        }
        ctx.status(200)
                .contentType("application/json")
                .header("X-Cache", answer.outcome().name())
                .header("Age", Long.toString(answer.age().toSeconds()));
        if (answer.patched()) {
            ctx.header(PATCHED_HEADER, "1");
        }
        if (answer.layout() == LayoutCounts.Layout.CONSERVATIVE) {
            // the cached days could not tell Cal.com's answer for certain, and no call was to spare
            ctx.header(LAYOUT_HEADER, "conservative");
        } else if (answer.layout() == LayoutCounts.Layout.WITHOUT_EDGE_GAPS) {
            // Cal.com's answer but for slots only a booking just outside the window's edge would free
            ctx.header(LAYOUT_HEADER, "without-edge-gaps");
        }
        ctx.result(SlotsJson.render(answer.slots(), request.zone(), request.format()));
    }
}
