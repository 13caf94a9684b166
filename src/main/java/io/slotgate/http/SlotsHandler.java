package io.slotgate.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.slotgate.availability.AnswerForm;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.availability.EventTypeNames;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;

import java.util.List;
import java.util.function.Consumer;

/** {@code GET /v2/slots}: parse, ask the availability service, render as Cal.com does. */
final class SlotsHandler {
    private final AvailabilityService availability;
    private final EventTypeNames names;
    private final PassThrough passThrough;
    private final ErrorReply errors;
    private static final int PARSED_KEPT = 10_000;
    private final Cache<String, SlotsRequest> parsed = Caffeine.newBuilder().maximumSize(PARSED_KEPT).build();

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
        switch (parsed(ctx)) {
            case SlotsRequest.Invalid invalid -> errors.send(ctx, 400, invalid.message());
            case SlotsRequest.PassThrough ignored -> passThrough.forward(ctx);
            case SlotsRequest.Cached cached -> serve(ctx, cached);
            case SlotsRequest.Named named -> serveNamed(ctx, named);
        }
    }

    /**
     * The answer to a request whose kept rendering is ready now, for {@link ReadyHits}: the same checks and calls as
     * {@link #handle} makes for it, taken only when the query's parse is known (asked lately) and a rendering of it
     * is kept and valid now. Null, with nothing looked up, for any other request. Null too, after the lookup, in the
     * rare race where the event type turned seated between the look and the lookup: Javalin's route then answers the
     * request as it would have. When a day was dropped meanwhile and Cal.com failed its fill, the failure goes to
     * {@code failed} and Javalin's route answers it ({@link #READY_FAILURE}): looking the days up again would only
     * make the failed call again. A fill that did not come within the reader's wait (the budget's refusal, or a call
     * still under way) is not carried: the route looks again and may find the day filled, joining the call in flight.
     */
    AvailabilityService.Rendered ready(String version, String query, Consumer<FillFailedException> failed) {
        if (!CalcomClient.SLOTS_VERSION.equals(version) || query == null
                || !(parsed.getIfPresent(query) instanceof SlotsRequest.Cached cached)) {
            return null;
        }
        Body form = new Body(cached.zone(), cached.format());
        if (!availability.keptNow(cached.query(), form)) {
            return null;
        }
        try {
            return availability.isSeated(cached.query().eventTypeId()) ? null
                    : availability.rendered(cached.query(), form);
        } catch (FillFailedException failure) {
            if (!(failure.outcome() instanceof CalcomOutcome.RateLimited<?>)) {
                failed.accept(failure);
            }
            return null;
        }
    }

    /** The request attribute that carries a failure {@link ReadyHits} met to Javalin's route, which answers it. */
    static final String READY_FAILURE = "slotgate.readyHitFailure";

    /**
     * The request its query string asks for: parsing is a pure function of the query, and a hot query's string comes
     * again and again, so the parse of one seen lately is kept (by the raw string, at most {@link #PARSED_KEPT}).
     */
    private SlotsRequest parsed(Context ctx) {
        String query = ctx.queryString();
        return parsed.get(query == null ? "" : query, raw -> SlotsRequest.parse(ctx.queryParamMap()));
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
            answered(ctx, request.withId(found.eventTypeId()).query(), request.zone(), request.format());
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
        try {
            if (ctx.attribute(READY_FAILURE) instanceof FillFailedException failedBefore) {
                throw failedBefore;
            }
            if (availability.isSeated(request.query().eventTypeId())) {
                passThrough.forward(ctx);
                return;
            }
            answered(ctx, request.query(), request.zone(), request.format());
        } catch (FillFailedException failure) {
            if (answeredFromCatalog(failure)) {
                // Cal.com's own 404 for this very query, made without asking it (the catalog does not list the id)
                errors.sendAs(ctx, PassThrough.calcomPath(ErrorReply.pathWithQuery(ctx)), 404,
                        EventTypeCatalog.NOT_FOUND_MESSAGE);
                return;
            }
            errors.upstreamFailure(ctx, failure.outcome());
        }
    }

    static boolean answeredFromCatalog(FillFailedException failure) {
        return failure.outcome() instanceof CalcomOutcome.Rejected<?> rejected
                && rejected.response().header(EventTypeCatalog.UNKNOWN_HEADER).isPresent();
    }

    private void answered(Context ctx, SlotsQuery query, RequestedZone zone, SlotFormat format) {
        RenderedReply.send(ctx, availability.rendered(query, new Body(zone, format)));
    }

    /** Cal.com's 2024-09-04 body in a zone and format: a value, so equal queries share a kept rendering. */
    record Body(RequestedZone zone, SlotFormat format) implements AnswerForm {
        @Override
        public String render(List<Slot> slots) {
            return SlotsJson.render(slots, zone, format);
        }
    }
}
