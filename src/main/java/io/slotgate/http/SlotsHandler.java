package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.availability.Availability;
import io.slotgate.availability.LayoutCounts;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.EventTypeNames;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.SlotFormat;
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
    private final EventTypeNames names;
    private final PassThrough passThrough;
    private final ErrorReply errors;

    SlotsHandler(AvailabilityService availability, EventTypeNames names, PassThrough passThrough, ErrorReply errors) {
        this.availability = availability;
        this.names = names;
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
            case SlotsRequest.Named named -> serveNamed(ctx, named);
        }
    }

    /**
     * A name Cal.com knows is answered from its event type's buckets; one it does not know (or that could not be
     * looked up now) is Cal.com's to answer, with its own 404.
     */
    private void serveNamed(Context ctx, SlotsRequest.Named request) {
        if (!(names.resolve(request.name()) instanceof EventTypeNames.Found found)) {
            passThrough.forward(ctx);
            return;
        }
        try {
            if (availability.isSeated(found.eventTypeId())) {
                passThrough.forward(ctx);
                return;
            }
            answered(ctx, availability.slots(request.withId(found.eventTypeId()).query()), request.zone(),
                    request.format());
        } catch (FillFailedException failure) {
            if (failure.outcome() instanceof CalcomOutcome.Rejected<?>) {
                // the event type the name led to is gone: the name is looked up again next time
                names.forget(request.name());
                passThrough.forward(ctx);
            } else {
                errors.upstreamFailure(ctx, failure.outcome());
            }
        }
    }

    private void serve(Context ctx, SlotsRequest.Cached request) {
        Availability answer;
        try {
            if (availability.isSeated(request.query().eventTypeId())) {
                passThrough.forward(ctx);
                return;
            }
            answer = availability.slots(request.query());
        } catch (FillFailedException failure) {
            if (answeredFromCatalog(failure)) {
                // Cal.com's own 404 for this very query, made without asking it (the catalog does not list the id)
                errors.sendAs(ctx, PassThrough.calcomPath(ErrorReply.pathWithQuery(ctx)), 404,
                        EventTypeCatalog.NOT_FOUND_MESSAGE);
                return;
            }
            errors.upstreamFailure(ctx, failure.outcome());
            return;
        }
        answered(ctx, answer, request.zone(), request.format());
    }

    static boolean answeredFromCatalog(FillFailedException failure) {
        return failure.outcome() instanceof CalcomOutcome.Rejected<?> rejected
                && rejected.response().header(EventTypeCatalog.UNKNOWN_HEADER).isPresent();
    }

    private static void answered(Context ctx, Availability answer, RequestedZone zone, SlotFormat format) {
        answered(ctx, answer, SlotsJson.render(answer.slots(), zone, format));
    }

    /** A 200 from day buckets: the body, and headers that say how fresh it is. */
    static void answered(Context ctx, Availability answer, String body) {
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
        } else if (answer.layout() == LayoutCounts.Layout.ASKED) {
            // the cached days could not tell, so Cal.com was asked for this very query (a miss, however warm the days)
            ctx.header(LAYOUT_HEADER, "asked");
        }
        ctx.result(body);
    }
}
