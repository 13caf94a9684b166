package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.availability.Availability;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.availability.AnswerForm;
import io.slotgate.slots.LegacySlotsJson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/slots/available}, Cal.com's 2024-04-15 slots route (every {@code cal-api-version} but 2024-09-04, and
 * none): a renderer over the same {@link Availability} answer as {@code GET /v2/slots}, so both routes share buckets,
 * freshness, invalidation and headers, and a query on one warms the other.
 */
final class LegacySlotsHandler {
    private final AvailabilityService availability;
    private final PassThrough passThrough;
    private final ErrorReply errors;

    LegacySlotsHandler(AvailabilityService availability, PassThrough passThrough, ErrorReply errors) {
        this.availability = availability;
        this.passThrough = passThrough;
        this.errors = errors;
    }

    void handle(Context ctx) {
        if (CalcomClient.SLOTS_VERSION.equals(ctx.header("cal-api-version"))) {
            passThrough.forward(ctx);  // the 2024-09-04 controller has no such route: Cal.com's own 404
            return;
        }
        String path = PassThrough.calcomPath(ErrorReply.pathWithQuery(ctx));
        switch (LegacySlotsRequest.parse(ctx.queryParamMap(), Optional.ofNullable(ctx.cookie("uid")))) {
            case LegacySlotsRequest.Invalid invalid -> errors.validation(ctx, path, invalid.errors());
            case LegacySlotsRequest.Unreadable unreadable -> errors.sendAs(ctx, path, 400, unreadable.message());
            case LegacySlotsRequest.PassThrough ignored -> passThrough.forward(ctx);
            case LegacySlotsRequest.Cached cached -> serve(ctx, path, cached);
        }
    }

    private void serve(Context ctx, String path, LegacySlotsRequest.Cached request) {
        AvailabilityService.Rendered answer;
        try {
            if (availability.isSeated(request.query().eventTypeId())) {
                passThrough.forward(ctx);  // attendees and bookingUid are not in buckets
                return;
            }
            answer = availability.rendered(request.query(), new Body(request.zone(), request.rangeItems()));
        } catch (FillFailedException failure) {
            if (failure.outcome() instanceof CalcomOutcome.Rejected<?> rejected) {
                if (rejected.response().status() == 404) {
                    errors.trpcNotFound(ctx, path);
                } else {
                    // the 2024-09-04 fill was refused for a reason this route may not share: Cal.com decides
                    passThrough.forward(ctx);
                }
                return;
            }
            errors.upstreamFailure(ctx, failure.outcome());
            return;
        }
        RenderedReply.send(ctx, answer);
    }

    /** Cal.com's 2024-04-15 body in a zone, with or without ends: a value, so equal queries share a rendering. */
    record Body(RequestedZone zone, boolean rangeItems) implements AnswerForm {
        @Override
        public String render(List<Slot> slots) {
            return LegacySlotsJson.render(slots, zone, rangeItems);
        }
    }
}
